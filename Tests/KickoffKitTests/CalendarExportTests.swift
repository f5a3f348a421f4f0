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
            for property in ["UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:"] {
                #expect(event.contains("\r\n" + property), "an event lacks \(property)")
            }
        }
        let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(Set(uids).count == uids.count)
        #expect(uids.contains("UID:step-verify-domain@acme-outdoor-co.emailsaurus.kickoff"))
    }
}
