#!/usr/bin/env python3
"""The whole mail path for real: `kickoff mail` writes drafts for the sample accounts (and a hostile one),
`kickoff send` hands them to msmtp, msmtp delivers them over SMTP to a sink on 127.0.0.1 that this script
starts and stops, and Python's email package checks what arrived.

Usage: check_mail.py KICKOFF PLANS FLOWS [--screenshots DIR]
"""
import email
import email.policy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

from aiosmtpd.controller import Controller
import icalendar
from tally import check, finish

KICKOFF, PLANS, FLOWS = (os.path.abspath(p) for p in sys.argv[1:4])
SCREENSHOTS = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None



class Sink:
    """An SMTP server on loopback that keeps every message it accepts, or refuses every one."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Refused by the test sink"
        self.messages.append((list(envelope.rcpt_tos), envelope.mail_from, bytes(envelope.original_content or envelope.content)))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, stdin=None):
    return subprocess.run([KICKOFF, *args], capture_output=True, text=True, stdin=stdin, timeout=300)


HOSTILE = """account: "Acme <script>alert(1)</script> & Co."
flow: emailsaurus
start: 2026-12-01
timezone: Europe/Prague
meeting_url: https://meet.example/acme?x=1&y=<2>
contact:
  name: 'Dana "Boss" Lee, =?UTF-8?B?QmNj?= Bcc: evil@evil.example <x@evil.example>'
  email: dana+onboarding@acme.example
csm:
  name: 'Chris; Park (CSM) \\ <b>bold</b>'
  email: chris@emailsaurus.example
goals:
  - id: first-campaign
    text: "<img src=https://tracker.example/p.png> Send the first campaign"
    by: 2026-12-14
"""

BROKEN = """account: Broken Header Co.
flow: emailsaurus
start: 2026-12-01
contact:
  name: "Dana\\r\\nBcc: evil@evil.example"
  email: dana@broken.example
csm:
  name: Chris Park
  email: chris@emailsaurus.example
"""

root = tempfile.mkdtemp(prefix="kickoff-mail-check-")
sink = Sink()
port = free_port()
controller = Controller(sink, hostname="127.0.0.1", port=port)
controller.start()
try:
    shutil.copytree(PLANS, f"{root}/plans")
    shutil.copytree(FLOWS, f"{root}/flows")
    with open(f"{root}/plans/zz-hostile.yaml", "w") as f:
        f.write(HOSTILE.replace("https://meet.example/acme?x=1&y=<2>", "https://meet.example/acme?x=1&y=2"))
    out, outbox = f"{root}/out", f"{root}/outbox"
    sendmail = f"msmtp --host=127.0.0.1 --port={port} --auth=off --tls=off --read-envelope-from -t"

    # A name with a line break is an input error with its file and line, and no draft is written.
    os.makedirs(f"{root}/broken")
    with open(f"{root}/broken/broken.yaml", "w") as f:
        f.write(BROKEN)
    shutil.copytree(FLOWS, f"{root}/flows-broken")
    result = run("build", f"{root}/broken/broken.yaml", "--flows", f"{root}/flows", "--out", f"{root}/broken-out", "--as-of", "2026-11-23", "-qq")
    result = run("mail", f"{root}/broken/broken.yaml", "--flows", f"{root}/flows", "--plans", f"{root}/broken-out",
                 "--out", f"{root}/broken-outbox", "--as-of", "2026-11-23")
    check(result.returncode == 1, "a contact name with CR/LF: kickoff mail exits 1", result.stderr)
    check(re.search(r"broken\.yaml:5: contact\.name: contains a line break", result.stderr) is not None,
          "a contact name with CR/LF: the message names file, line and field", result.stderr)
    check(not os.path.exists(f"{root}/broken-outbox") or not [n for n in os.listdir(f"{root}/broken-outbox") if n.endswith(".eml")],
          "a contact name with CR/LF: no draft is written")

    result = run("build", f"{root}/plans", "--out", out, "--as-of", "2026-11-23", "-qq")
    check(result.returncode == 0, "the sample plans build", result.stderr)
    result = run("mail", f"{root}/plans", "--plans", out, "--out", outbox, "--as-of", "2026-11-23")
    check(result.returncode == 0, "kickoff mail writes the welcome drafts", result.stderr)
    drafts = sorted(n for n in os.listdir(outbox) if n.endswith(".eml"))
    check(len(drafts) == 7 and all(n.endswith("-welcome.eml") for n in drafts), "one welcome draft per account", drafts)
    for name in drafts:
        raw = open(f"{outbox}/{name}", "rb").read()
        check(b"\r\nX-Unsent: 1\r\n" in raw, f"{name}: the draft opens for editing (X-Unsent: 1)")
        long = [line for line in raw.split(b"\r\n") if len(line) > 78]
        check(not long, f"{name}: no line is longer than 78 characters", long[:1])

    # Without --yes and without a terminal, nothing is sent.
    result = run("send", outbox, "--sendmail", sendmail, stdin=subprocess.DEVNULL)
    check(result.returncode == 1 and "--yes" in result.stderr and not sink.messages, "send without --yes and without a terminal refuses", result.stderr)

    # A server that refuses: the run fails, each message stays pending, the ledger says why.
    sink.refuse = True
    result = run("send", outbox, "--yes", "--sendmail", sendmail)
    check(result.returncode == 1, "a refusing server makes send exit 1", result.stdout + result.stderr)
    check("Refused by the test sink" in result.stderr, "the mail command's error is printed", result.stderr)
    check(sorted(n for n in os.listdir(outbox) if n.endswith(".eml")) == drafts, "refused messages stay pending")
    ledger = [json.loads(line) for line in open(f"{outbox}/sent.jsonl")]
    check({e["status"] for e in ledger} == {"sending", "failed"} and len(ledger) == 14, "the ledger records each attempt and its failure",
          [e["status"] for e in ledger])
    check(all(set(e) >= {"message_id", "kind", "account", "to", "sent_at", "status", "error"} for e in ledger), "ledger lines have every field")

    # The server accepts: every message arrives once.
    sink.refuse = False
    result = run("send", outbox, "--yes", "--sendmail", sendmail)
    check(result.returncode == 0, "send through msmtp succeeds", result.stdout + result.stderr)
    check(len(sink.messages) == 7, "seven messages arrived", len(sink.messages))
    result = run("send", outbox, "--yes", "--sendmail", sendmail)
    check(result.returncode == 0 and len(sink.messages) == 7 and "Nothing to send" in result.stdout, "a second send sends nothing", result.stdout)
    result = run("mail", f"{root}/plans", "--plans", out, "--out", outbox, "--as-of", "2026-11-23")
    check("No new messages" in result.stdout and not [n for n in os.listdir(outbox) if n.endswith(".eml")],
          "mail the same day again writes nothing already sent", result.stdout)

    profiles = {
        "acme-outdoor": ("Chris Park", "Dana Lee"),
        "pekarna-u-mlyna": ("Marek Svoboda", "Jana Nováková"),
        "qinghe-tea": ("陈思远", "李晓雯"),
        "zz-hostile": ("Chris; Park (CSM) \\ <b>bold</b>", 'Dana "Boss" Lee, =?UTF-8?B?QmNj?= Bcc: evil@evil.example <x@evil.example>'),
    }
    allowed_headers = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                       "received", "return-path", "x-peer", "x-mailfrom", "x-rcptto"}
    seen_ids = set()
    for rcpt, mail_from, data in sink.messages:
        message = email.message_from_bytes(data, policy=email.policy.default)
        slug = re.search(r"\.welcome\.([a-z0-9-]+)@", message["Message-ID"]).group(1)
        check(message["Message-ID"] not in seen_ids, f"{slug}: arrived once")
        seen_ids.add(message["Message-ID"])
        extra = {k.lower() for k in message.keys()} - allowed_headers
        check(not extra, f"{slug}: no header beyond the message's own (no X-Unsent, no injected one)", extra)
        if slug in profiles:
            csm, contact = profiles[slug]
            check(message["From"].addresses[0].display_name == csm, f"{slug}: From decodes to the CSM's name", str(message["From"]))
            shown = message["To"].addresses[0].display_name
            if slug == "zz-hostile":
                # Python's address parser puts a space between two adjacent encoded words, which RFC 2047 §6.2
                # says to drop; the hostile name is long enough to need two.
                shown, contact = shown.replace(" ", ""), contact.replace(" ", "")
            check(shown == contact, f"{slug}: To decodes to the contact's name", str(message["To"]))
            check(len(message["To"].addresses) == 1, f"{slug}: one recipient", str(message["To"]))
        check(len(rcpt) == 1, f"{slug}: the envelope has one recipient", rcpt)
        check(message.get_content_type() == "multipart/mixed", f"{slug}: multipart/mixed")
        parts = list(message.iter_parts())
        check(parts[0].get_content_type() == "multipart/alternative", f"{slug}: the body is multipart/alternative")
        kinds = [p.get_content_type() for p in parts[0].iter_parts()]
        check(kinds == ["text/plain", "text/html", "text/calendar"], f"{slug}: plain, HTML and the invitation", kinds)
        html = parts[0].get_body(("html",)).get_content()
        plain = parts[0].get_body(("plain",)).get_content()
        for bad in ("<script", "<svg", "<style", "<img", "<iframe", "<link", "<object"):
            check(bad not in html.lower(), f"{slug}: the HTML part has no {bad}")
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)
        check(not [t for t in tags if re.search(r"\b(src|background|srcset)\s*=|url\(", t, re.I)], f"{slug}: no tag loads anything")
        check(len(html) > 1000 and 'style="' in html, f"{slug}: the HTML part is styled inline")
        check(len(plain) > 300, f"{slug}: the plain-text part reads on its own")
        attachments = {p.get_filename(): p.get_content() for p in parts[1:]}
        check(sorted(attachments) == ["plan.html", "plan.ics"], f"{slug}: plan.html and plan.ics attached", sorted(attachments))
        for name, content in attachments.items():
            on_disk = open(f"{out}/{slug}/{name}", "rb").read()
            got = content if isinstance(content, bytes) else content.encode()
            check(got == on_disk, f"{slug}: {name} is byte-identical to out/{slug}/{name}")
        invitation = icalendar.Calendar.from_ical(list(parts[0].iter_parts())[2].get_content())
        check(str(invitation["METHOD"]) == "REQUEST", f"{slug}: the invitation is an iTIP REQUEST")
        handout_uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(attachments["plan.ics"]).walk("VEVENT")}
        events = invitation.walk("VEVENT")
        check(events and all(str(e["UID"]) in handout_uids for e in events), f"{slug}: invitation UIDs are plan.ics's")
        csm_address = message["From"].addresses[0].addr_spec
        contact_address = message["To"].addresses[0].addr_spec
        check(all(str(e["ORGANIZER"]) == f"mailto:{csm_address}" for e in events), f"{slug}: ORGANIZER is the CSM")
        check(all(str(e["ATTENDEE"]) == f"mailto:{contact_address}" and e["ATTENDEE"].params.get("RSVP") == "TRUE" for e in events),
              f"{slug}: ATTENDEE is the contact, asked to reply")
        if slug == "zz-hostile":
            check("&lt;img src=https://tracker.example/p.png&gt; Send the first campaign" in html, "hostile: profile text is escaped in the HTML part")
            check("<img src=https://tracker.example/p.png> Send the first campaign" in plain, "hostile: the plain part keeps the text as written")
            check("https://meet.example/acme?x=1&amp;y=2" in html, "hostile: the meeting link is in the HTML part, escaped")

    # The days after: a recap after the kickoff call, a nudge when a step is two working days late.
    for day in ("2026-12-02", "2026-12-04"):
        result = run("mail", f"{root}/plans", "--plans", out, "--out", outbox, "--as-of", day)
        check(result.returncode == 0, f"mail on {day}", result.stderr)
    later = sorted(n for n in os.listdir(outbox) if n.endswith(".eml"))
    check(any(n.startswith("2026-12-02-acme-outdoor-recap") for n in later), "a recap the working day after acme's kickoff call", later)
    check(any(n.startswith("2026-12-04-acme-outdoor-nudge-create-account") for n in later), "a nudge two working days after acme's step 1", later)
    before = len(sink.messages)
    result = run("send", outbox, "--yes", "--sendmail", sendmail)
    check(result.returncode == 0 and len(sink.messages) == before + len(later), "recaps and nudges are sent", result.stdout + result.stderr)
    for _, _, data in sink.messages[before:]:
        message = email.message_from_bytes(data, policy=email.policy.default)
        check(message.get_content_type() == "multipart/alternative", f"{message['Subject']}: text and HTML, nothing attached")
        html = message.get_body(("html",)).get_content()
        check("<img" not in html and "src=" not in html, f"{message['Subject']}: no image in the HTML part")

    # A nudge is not repeated within two working days.
    result = run("mail", f"{root}/plans/acme-outdoor.yaml", "--plans", out, "--out", outbox, "--as-of", "2026-12-07")
    check("nudge" not in result.stdout, "no second nudge for the same step within two working days", result.stdout)

    if SCREENSHOTS:
        browser = shutil.which("chromium") or shutil.which("google-chrome")
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for rcpt, _, data in sink.messages:
            message = email.message_from_bytes(data, policy=email.policy.default)
            match = re.search(r"<[0-9-]+\.([a-z]+)(?:\.[a-z0-9-]+)?\.([a-z0-9-]+)@", message["Message-ID"])
            kind, slug = match.group(1), match.group(2)
            if slug not in ("acme-outdoor", "pekarna-u-mlyna", "qinghe-tea"):
                continue
            page = f"{root}/mail-{slug}-{kind}.html"
            with open(page, "w") as f:
                f.write(message.get_body(("html",)).get_content())
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=700,1500",
                            f"--screenshot={os.path.abspath(SCREENSHOTS)}/mail-{slug}-{kind}.png", f"file://{page}"],
                           capture_output=True, timeout=120)
finally:
    controller.stop()
    shutil.rmtree(root, ignore_errors=True)

finish("mail")
