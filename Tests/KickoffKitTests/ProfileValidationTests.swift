import Testing
@testable import KickoffKit

/// Every bad profile gets one message: file, line, field, what was found, what would be right.
@Suite("Profile validation")
struct ProfileValidationTests {
    /// Small mappings are checked without a dictionary, large ones with one: both name the same key and line.
    @Test func aRepeatedKeyIsNamedInSmallAndLargeMappings() {
        for count in [2, 3, 16, 17, 40] {
            let lines = (0..<count).map { "k\($0): \($0)" } + ["k1: again", "k0: again", "k1: third"]
            do {
                _ = try YAMLComposer.compose(lines.joined(separator: "\n"))
                Issue.record("no error for \(count) keys")
            } catch {
                guard case .duplicateKey(let key, let line) = error else { Issue.record("\(error)"); continue }
                #expect(key == "k0" && line == 1, "\(count) keys: \(key) on line \(line)")
            }
        }
    }

    @Test func loadsEveryFieldOfTheSpec() throws {
        let profile = try Fixtures.profile("""
        account: Acme Outdoor Co.
        flow: emailsaurus
        start: 2026-12-01
        locale: en
        timezone: Europe/Prague
        contact:
          name: Dana Lee
          email: dana@acme.example
          role: Marketing Director
        csm:
          name: Chris Park
          email: chris@emailsaurus.example
        persona:
          role: marketer
          experience: beginner
          team_size: 12
        pain_points:
          - id: low-open-rates
            text: Campaign open rates are below 10%
        goals:
          - id: first-campaign
            text: Send the first campaign to the whole list
            by: 2026-12-12
            measure: Campaign delivered to at least 95% of contacts
          - id: habit
            text: Weekly campaigns
            by: 3w
        cadence: twice-weekly
        pace: 2
        working_days: [mon, tue, wed, thu]
        holidays: [2026-12-24, 2026-12-25]
        progress:
          create-account: 2026-12-01
        notes: |
          We will review your first campaign together.
        """)
        #expect(profile.account == "Acme Outdoor Co.")
        #expect(profile.start == Fixtures.day("2026-12-01"))
        #expect(profile.timezone == "Europe/Prague")
        #expect(profile.contact == Person(name: "Dana Lee", email: "dana@acme.example", role: "Marketing Director"))
        #expect(profile.persona == Persona(role: "marketer", experience: .beginner, teamSize: 12))
        #expect(profile.painPoints == [PainPoint(id: "low-open-rates", text: "Campaign open rates are below 10%")])
        #expect(profile.goals[0].by == Fixtures.day("2026-12-12"))
        #expect(profile.goals[1].by == Fixtures.day("2026-12-22"))
        #expect(profile.goals[1].bySpan == "3w")
        #expect(profile.cadence == .twiceWeekly)
        #expect(profile.pace == 2)
        #expect(profile.calendar.workingDays == [.mon, .tue, .wed, .thu])
        #expect(profile.holidays.map(\.iso) == ["2026-12-24", "2026-12-25"])
        #expect(profile.progress == [Progress(step: "create-account", day: Fixtures.day("2026-12-01"))])
        #expect(profile.notes == "We will review your first campaign together.")
    }

    @Test func appliesDefaults() throws {
        let profile = try Fixtures.profile(Fixtures.profileYAML())
        #expect(profile.locale == .en)
        #expect(profile.timezone == "UTC")
        #expect(profile.cadence == .weekly)
        #expect(profile.pace == 1)
        #expect(profile.calendar.workingDays == [.mon, .tue, .wed, .thu, .fri])
    }

    @Test func spanInWorkingDaysSkipsWeekends() throws {
        let profile = try Fixtures.profile(Fixtures.profileYAML("goals:\n  - id: g\n    text: G\n    by: 10d"))
        #expect(profile.goals[0].by?.iso == "2026-12-15")
    }

    @Test("Errors name file, line, field and the fix", arguments: [
        ("account: A\nflow: f\n", "plans/acme.yaml:1: start: is required; add start: to the file"),
        ("account: A\nflow: f\nstart: 2026-13-40\n", "plans/acme.yaml:3: start: \"2026-13-40\" is not a date; use YYYY-MM-DD, like 2026-12-01"),
        ("account: A\nflow: f\nstart: 2026-02-30\n", "plans/acme.yaml:3: start: \"2026-02-30\" is not a date; use YYYY-MM-DD, like 2026-12-01"),
        ("account: A\nflow: f\nstart: 2026-12-01\ncadance: weekly\n", "plans/acme.yaml:4: cadance: unknown field; did you mean cadence?"),
        ("account: A\nflow: f\nstart: 2026-12-01\ncadence: monthly\n", "plans/acme.yaml:4: cadence: \"monthly\" is not one of daily, twice-weekly, weekly, biweekly; use one of daily | twice-weekly | weekly | biweekly"),
        ("account: A\nflow: f\nstart: 2026-12-01\ncadence: weekley\n", "plans/acme.yaml:4: cadence: \"weekley\" is not one of daily, twice-weekly, weekly, biweekly; did you mean weekly? use one of daily | twice-weekly | weekly | biweekly"),
        ("account: A\nflow: f\nstart: 2026-12-01\npace: 0\n", "plans/acme.yaml:4: pace: 0 is out of range; use a number from 1 to 10"),
        ("account: A\nflow: f\nstart: 2026-12-01\npace: fast\n", "plans/acme.yaml:4: pace: expected a whole number, found \"fast\"; use a number from 1 to 10"),
        ("account: A\nflow: f\nstart: 2026-12-01\nlocale: de\n", "plans/acme.yaml:4: locale: \"de\" is not one of en, cs, zh-Hans; use one of en | cs | zh-Hans"),
        ("account: A\nflow: f\nstart: 2026-12-01\ntimezone: Mars/Olympus\n", "plans/acme.yaml:4: timezone: \"Mars/Olympus\" is not a time zone; use an IANA name like Europe/Prague or UTC"),
        ("account: A\nflow: f\nstart: 2026-12-01\nworking_days: []\n", "plans/acme.yaml:4: working_days: lists no working days; list at least one, like [mon, tue, wed, thu, fri]"),
        ("account: A\nflow: f\nstart: 2026-12-01\nworking_days: [mon, monday]\n", "plans/acme.yaml:4: working_days[1]: \"monday\" is not one of mon, tue, wed, thu, fri, sat, sun; did you mean mon? use one of mon | tue | wed | thu | fri | sat | sun"),
        ("account: A\nflow: f\nstart: 2026-12-05\n", "plans/acme.yaml:3: start: 2026-12-05 is a Saturday, not a working day; the kickoff needs a working day: use 2026-12-07"),
        ("account: A\nflow: f\nstart: 2026-12-24\nholidays: [2026-12-24, 2026-12-25]\n", "plans/acme.yaml:3: start: 2026-12-24 is a holiday; the kickoff needs a working day: use 2026-12-28"),
        ("account: A\nflow: f\nstart: 2026-12-01\ncontact:\n  name: Dana\n  email: dana at acme\n", "plans/acme.yaml:6: contact.email: \"dana at acme\" is not an email address; use one address like name@example.com"),
        ("account: A\nflow: f\nstart: 2026-12-01\ncontact:\n  email: dana@acme.example\n", "plans/acme.yaml:5: contact.name: is required; add name: to contact"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n    by: 2026-13-40\n", "plans/acme.yaml:7: goals[0].by: \"2026-13-40\" is not a date; use YYYY-MM-DD or a span like 3w"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n    by: 0w\n", "plans/acme.yaml:7: goals[0].by: \"0w\" is not a date; use YYYY-MM-DD or a span like 3w"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n    by: -3d\n", "plans/acme.yaml:7: goals[0].by: \"-3d\" is not a date; use YYYY-MM-DD or a span like 3w"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n    by: 2026-11-01\n", "plans/acme.yaml:7: goals[0].by: 2026-11-01 is before the start (2026-12-01); use a day on or after 2026-12-01"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n  - id: g\n    text: H\n", "plans/acme.yaml:7: goals[1].id: goal id \"g\" is used twice (first on line 5); give each goal its own id"),
        ("account: A\nflow: f\nstart: 2026-12-01\ngoals:\n  - id: g\n    txt: G\n", "plans/acme.yaml:6: goals[0].txt: unknown field; did you mean text?"),
        ("account: A\nflow: f\nstart: 2026-12-01\npain_points: slow\n", "plans/acme.yaml:4: pain_points: expected a list, found \"slow\"; write it as [a, b] or one \"- item\" a line"),
        ("account: A\nflow: f\nstart: 2026-12-01\npain_points:\n  - id: two words\n    text: T\n", "plans/acme.yaml:5: pain_points[0].id: \"two words\" is not an id; use letters, digits, - and _ only, like first-campaign"),
        ("account: A\nflow: f\nstart: 2026-12-01\nprogress:\n  create-account: yesterday\n", "plans/acme.yaml:5: progress.create-account: \"yesterday\" is not a date; use YYYY-MM-DD, like 2026-12-01"),
        ("account: A\nflow: f\nstart: 2026-12-01\npersona:\n  experience: guru\n", "plans/acme.yaml:5: persona.experience: \"guru\" is not one of beginner, intermediate, expert; use one of beginner | intermediate | expert"),
        ("account: \"  \"\nflow: f\nstart: 2026-12-01\n", "plans/acme.yaml:1: account: is empty; write some text or remove the field"),
        ("account: A\nflow: f\nstart: 2026-12-01\naccount: B\n", "plans/acme.yaml:1: account: appears twice in the same place; keep one account: and remove the other"),
        ("account: A\n  flow: f\n", "plans/acme.yaml:2: is not valid YAML: mapping values are not allowed in this context; check the indentation and quoting near line 2"),
        ("", "plans/acme.yaml: is empty; see the README for the fields it needs"),
        ("- a\n- b\n", "plans/acme.yaml: is not an account profile: it has none of its fields (account, flow, start, …); check the file name; the README lists the fields"),
    ])
    func reportsBadInput(yaml: String, message: String) {
        #expect(Fixtures.profileError(yaml) == message)
    }

    @Test func warnsWhenAGoalDateIsNotAWorkingDay() throws {
        let (_, warnings) = try ProfileLoader.load(contents: Data(Fixtures.profileYAML("goals:\n  - id: g\n    text: G\n    by: 2026-12-12").utf8), file: "plans/acme.yaml")
        #expect(warnings.map(\.description) == ["plans/acme.yaml:7: warning: goals[0].by: 2026-12-12 is not a working day for this account"])
    }

    @Test func refusesAnchorsAndAliases() {
        let yaml = "account: &a Acme\nflow: *a\nstart: 2026-12-01\n"
        #expect(Fixtures.profileError(yaml) == "plans/acme.yaml:1: uses a YAML anchor or alias (&name / *name); write each value out in full")
    }

    @Test func acceptsByteOrderMarkAndWindowsLineEnds() throws {
        let yaml = "\u{FEFF}account: Acme\r\nflow: testly\r\nstart: 2026-12-01\r\n"
        #expect(try Fixtures.profile(yaml).account == "Acme")
    }

    /// The address check reads ASCII addresses as bytes and other text as characters; both answer as the rule
    /// written over characters does, for every string of up to six characters from a small alphabet and for
    /// addresses beyond ASCII.
    @Test func emailAddressesAreCheckedAsTheRuleOverCharactersSays() {
        func byCharacters(_ text: String) -> Substring? {
            let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: "<>()[]\\,;:\"'`"))
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !parts[1].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty),
                  !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains(".."),
                  text.unicodeScalars.allSatisfy({ !forbidden.contains($0) }) else { return nil }
            return parts[1]
        }
        var texts: [String] = [""]
        var level: [String] = [""]
        for _ in 1...6 {
            level = level.flatMap { prefix in ["a", ".", "@", " "].map { prefix + $0 } }
            texts += level
        }
        texts += ["priya@example.com", "jana.nováková@example.cz", "许@例子.中国", "a@\u{301}b.com", "a.\u{301}@b.com",
                  "a@b.\u{301}com", "x\r\ny@b.com", "a@b.c\u{00A0}", "Dana@Acme.INVALID"]
        var differ: [String] = []
        for text in texts where ProfileLoader.emailDomain(text) != byCharacters(text) { differ.append(text) }
        #expect(differ.isEmpty, "\(differ.prefix(10))")
        #expect(ProfileLoader.emailDomain("priya@example.com") == "example.com")
        #expect(ProfileLoader.emailDomain("a..b@example.com") == nil && ProfileLoader.emailDomain("a@b@example.com") == nil)
    }

    @Test func refusesBytesThatAreNotUTF8() {
        var data = Data("account: A\nflow: f\nstart: 2026-12-01\nnotes: ".utf8)
        data.append(contentsOf: [0xC3, 0x28, 0x0A])
        #expect(throws: KickoffError(file: "plans/acme.yaml", line: 4, problem: "is not valid UTF-8 text", fix: "save the file as UTF-8")) {
            try ProfileLoader.load(contents: data, file: "plans/acme.yaml")
        }
    }
}

import Foundation
