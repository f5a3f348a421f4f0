import Testing
@testable import KickoffKit

@Suite("iCalendar export")
struct CalendarExportTests {
    @Test func escapesTextValues() {
        #expect(PlanCalendar.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        #expect(PlanCalendar.escape("BEGIN:VEVENT\u{0}") == "BEGIN:VEVENT")
    }

    @Test func foldsLinesAtSeventyFiveOctetsWithoutSplittingCharacters() {
        let line = "SUMMARY:" + String(repeating: "北", count: 40)
        let folded = PlanCalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts[0] + parts[1].dropFirst() == line)
    }

    @Test func everyEventHasTheRequiredPropertiesAndStableIDs() throws {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/acme-outdoor.yaml".relativeToRoot)
        let ics = build.files["plan.ics"]!
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let events = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        #expect(events.count == build.plan.steps.filter { $0.owner != .csm }.count + build.plan.milestones.count + build.plan.checkIns.count)
        for event in events {
            for property in ["UID:", "DTSTAMP:", "DTSTART;", "DTEND;", "SUMMARY:"] {
                #expect(event.contains("\r\n" + property), "an event lacks \(property)")
            }
        }
        let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(Set(uids).count == uids.count)
        #expect(uids.contains("UID:step-verify-domain@acme-outdoor-co.emailsaurus.kickoff"))
    }

    @Test func checkInsAreTimedInTheAccountsZone() throws {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/acme-outdoor.yaml".relativeToRoot)
        let ics = build.files["plan.ics"]!
        #expect(ics.contains("\r\nDTSTART;TZID=Europe/Prague:20261201T100000\r\nDTEND;TZID=Europe/Prague:20261201T110000\r\n"))
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Prague\r\n"))
        #expect(build.plan.checkInTime == "10:00")
    }

    @Test func withoutAZoneCheckInsAreAllDay() throws {
        let profile = try Fixtures.profile(Fixtures.profileYAML())
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: "  - id: a\n    title: A\n    phase: setup\n    required: true"))
        let plan = try PlanBuilder.build(profile: profile, flow: flow).0
        let ics = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: Fixtures.templates)["plan.ics"]!
        #expect(!ics.contains("VTIMEZONE"))
        #expect(ics.contains("UID:checkin-kickoff-1@acme-outdoor-co.testly.kickoff\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"))
    }

    @Test func daylightSavingChangesAreListed() {
        let prague = PlanCalendar.timeZoneComponent(TimeZone(identifier: "Europe/Prague")!, from: Fixtures.day("2026-12-01"), to: Fixtures.day("2026-12-31"))
        #expect(prague.contains("DTSTART:20261025T030000"))
        #expect(prague.contains("DTSTART:20270328T020000"))
        let shanghai = PlanCalendar.timeZoneComponent(TimeZone(identifier: "Asia/Shanghai")!, from: Fixtures.day("2027-01-04"), to: Fixtures.day("2027-02-01"))
        #expect(shanghai == ["BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                             "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:GMT+8", "END:STANDARD", "END:VTIMEZONE"])
    }

    @Test func aCheckInTimeMustBeAClockTime() {
        #expect(Fixtures.profileError(Fixtures.profileYAML("checkin_time: 25:00")) ==
            "plans/acme.yaml:4: checkin_time: \"25:00\" is not a time of day; use HH:MM on a 24-hour clock, like 10:00")
    }
}

import Foundation
