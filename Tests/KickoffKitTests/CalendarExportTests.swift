import Foundation
import Testing
@testable import KickoffKit

@Suite("iCalendar export")
struct CalendarExportTests {
    @Test func escapesTextValues() {
        #expect(PlanCalendar.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        #expect(PlanCalendar.escape("BEGIN:VEVENT\u{0}") == "BEGIN:VEVENT")
        // Line and paragraph separators are line breaks; their neighbours in the same UTF-8 block (U+2027, U+202A)
        // and other text that starts with the same byte stay as they are.
        #expect(PlanCalendar.escape("a\u{2028}b\u{2029}c\u{2027}d\u{202A}e — é, 中;\t😀") == "a\\nb\\nc\u{2027}d\u{202A}e — é\\, 中\\;😀")
    }

    @Test func foldsLinesAtSeventyFiveOctetsWithoutSplittingCharacters() {
        let line = "SUMMARY:" + String(repeating: "北", count: 40)
        let folded = PlanCalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts[0] + parts[1].dropFirst() == line)
    }

    @Test func foldsMixedTextTheSameLineByLineAndWhole() {
        let texts = ["DESCRIPTION:" + String(repeating: "Založte účet 😀 清河 ", count: 12), String(repeating: "x", count: 75),
                     String(repeating: "x", count: 76), "SUMMARY:" + String(repeating: "é", count: 70)]
        for text in texts {
            let folded = PlanCalendar.fold(text)
            let parts = folded.components(separatedBy: "\r\n")
            #expect(parts.allSatisfy { $0.utf8.count <= 75 }, "\(text.prefix(20))")
            #expect(parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
            #expect(parts[0] + parts.dropFirst().map { String($0.dropFirst()) }.joined() == text)
            #expect((text.utf8.count <= 75) == (folded == text))
            var calendar = CalendarText()
            calendar.line("", text)
            #expect(String(decoding: calendar.data, as: UTF8.self) == folded + "\r\n")
        }
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

    @Test("Check-ins on daylight-saving days start at a real time and last as long as set", arguments: [
        // Clocks go forward at 02:00: 02:30 does not exist and moves to 03:00.
        ("Europe/Prague", "2027-03-28", 150, 30, ";TZID=Europe/Prague:20270328T030000", ";TZID=Europe/Prague:20270328T033000"),
        ("America/New_York", "2027-03-14", 150, 30, ";TZID=America/New_York:20270314T030000", ";TZID=America/New_York:20270314T033000"),
        // Clocks go back at 03:00 (Prague) and 02:00 (New York): the end falls in the repeated hour, so it is in UTC.
        ("Europe/Prague", "2027-10-31", 150, 30, ";TZID=Europe/Prague:20271031T023000", ":20271031T010000Z"),
        ("Europe/Prague", "2027-10-31", 150, 60, ";TZID=Europe/Prague:20271031T023000", ":20271031T013000Z"),
        ("America/New_York", "2027-11-07", 90, 30, ";TZID=America/New_York:20271107T013000", ":20271107T060000Z"),
        // An end that local time names exactly stays local.
        ("Europe/Prague", "2027-10-31", 105, 30, ";TZID=Europe/Prague:20271031T014500", ";TZID=Europe/Prague:20271031T021500"),
        ("Europe/Prague", "2027-03-29", 150, 30, ";TZID=Europe/Prague:20270329T023000", ";TZID=Europe/Prague:20270329T030000"),
        // Late in the evening the end is on the next day, not cut at midnight.
        ("Europe/Prague", "2027-01-15", 23 * 60 + 45, 60, ";TZID=Europe/Prague:20270115T234500", ";TZID=Europe/Prague:20270116T004500"),
    ])
    func daylightSavingDays(_ zone: String, _ day: String, _ minutes: Int, _ duration: Int, _ start: String, _ end: String) {
        let offsets = ZoneOffsets(TimeZone(identifier: zone)!, from: Fixtures.day(day), to: Fixtures.day(day))
        let times = PlanCalendar.timed(on: Fixtures.day(day), at: minutes, lasting: duration, in: offsets)
        #expect(times.start == start)
        #expect(times.end == end)
    }

    /// The offsets read once from a zone's transitions are the zone's own, in every zone this machine knows: at
    /// each change, a second either side of it, and at random moments, inside the stretch and outside it.
    @Test func zoneOffsetsAreTheZonesOwn() throws {
        let first = Fixtures.day("2026-11-02"), last = Fixtures.day("2027-04-30")
        var compared = 0
        for identifier in TimeZone.knownTimeZoneIdentifiers {
            let zone = try #require(TimeZone(identifier: identifier))
            let offsets = ZoneOffsets(zone, from: first, to: last)
            var moments = offsets.transitions.flatMap { [$0.at - 1, $0.at, $0.at + 1] } + [offsets.start, offsets.end - 1, offsets.end, offsets.start - 1]
            moments += (0..<40).map { _ in Int.random(in: (offsets.start - 86_400 * 30)...(offsets.end + 86_400 * 30)) }
            for moment in moments {
                #expect(offsets.offset(at: moment) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(moment))), "\(identifier) at \(moment)")
                compared += 1
            }
        }
        #expect(compared > 10_000)
    }

    /// Zones that changed their standard offset, not only their daylight saving: Moscow in 2011 and 2014,
    /// Caracas in 2016, Pyongyang in 2015 and 2018, Volgograd in 2018 and 2020, Apia skipping a day in 2011.
    @Test(arguments: [("Europe/Moscow", "2011-03-01", "2014-12-31"), ("America/Caracas", "2016-01-01", "2016-12-31"),
                      ("Asia/Pyongyang", "2015-01-01", "2018-12-31"), ("Europe/Volgograd", "2018-01-01", "2020-12-31"),
                      ("Pacific/Apia", "2011-06-01", "2012-06-01")])
    func zoneOffsetsFollowChangesOfStandardTime(_ identifier: String, _ first: String, _ last: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let offsets = ZoneOffsets(zone, from: Fixtures.day(first), to: Fixtures.day(last))
        for moment in stride(from: offsets.start, to: offsets.end, by: 3_600) {
            #expect(offsets.offset(at: moment) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(moment))), "\(identifier) at \(moment)")
        }
    }

    @Test func aPlanWithACheckInOnTheDayClocksGoForwardExportsAValidTime() throws {
        let yaml = Fixtures.profileYAML(start: "2027-03-26", "timezone: Europe/Prague\ncheckin_time: \"02:30\"\ncadence: daily\nworking_days: [mon, tue, wed, thu, fri, sat, sun]")
        let flowYAML = Fixtures.flowYAML(steps: (1...5).map { "  - {id: s\($0), title: S\($0), phase: setup, required: true}" }.joined(separator: "\n"))
        let profile = try Fixtures.profile(yaml)
        let flow = try Fixtures.flow(flowYAML)
        let plan = try PlanBuilder.build(profile: profile, flow: flow).0
        let ics = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: Fixtures.templates)["plan.ics"]!
        #expect(ics.contains("DTSTART;TZID=Europe/Prague:20270328T030000\r\nDTEND;TZID=Europe/Prague:20270328T033000\r\n"))
        #expect(!ics.contains("20270328T023000"))
    }
}
