#!/usr/bin/env python3
"""Checks Kickoff's outputs with real, independent tools, the way a customer's software will read them.

For every account folder under the given output folder:
  plan.json  validates against docs/plan.schema.json (jsonschema)
  plan.ics   parses with the icalendar library; every event has UID, DTSTAMP, DTSTART, DTEND and SUMMARY;
             UIDs are unique; timed events name a time zone the file defines
Prints one line per problem and a closing "N passed, N failed" line; exits 1 on any failure.
"""
import json
import pathlib
import sys

import icalendar
import jsonschema
from tally import check, finish

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "out")
schema = json.loads((root / "docs" / "plan.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

folders = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
check(len(folders) > 0, f"{out}: no account folders")
for folder in folders:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(plan), key=lambda e: list(e.path))
    for error in errors[:5]:
        print(f"  {folder.name}/plan.json: {'/'.join(map(str, error.path))}: {error.message}")
    check(not errors, f"{folder.name}/plan.json matches the schema")

    raw = (folder / "plan.ics").read_bytes()
    check(all(len(line) <= 75 for line in raw.split(b"\r\n")), f"{folder.name}/plan.ics lines are folded at 75 octets")
    check(b"\n" not in raw.replace(b"\r\n", b""), f"{folder.name}/plan.ics uses CRLF line ends only")
    calendar = icalendar.Calendar.from_ical(raw)
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    events = calendar.walk("VEVENT")
    check(len(events) > 0, f"{folder.name}/plan.ics has events")
    uids = []
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            check(prop in event, f"{folder.name}/plan.ics: an event lacks {prop}")
        uids.append(str(event["UID"]))
        start = event["DTSTART"]
        tzid = start.params.get("TZID")
        if tzid is not None:
            check(tzid in zones, f"{folder.name}/plan.ics: {tzid} has no VTIMEZONE")
        check(event.decoded("DTEND") > event.decoded("DTSTART"), f"{folder.name}/plan.ics: {event['UID']} ends after it starts")
    check(len(uids) == len(set(uids)), f"{folder.name}/plan.ics UIDs are unique")
    expected = len([s for s in plan["steps"] if s["owner"] != "csm"]) + len(plan["milestones"]) + len(plan["checkIns"])
    check(len(events) == expected, f"{folder.name}/plan.ics has one event per customer task, milestone and check-in")

finish("outputs")
