import Foundation
import Testing
@testable import KickoffKit

/// `kickoff status`: where each account stands against the plan it was sent, with the progress recorded since.
@Suite("The book's status", .serialized)
struct StatusTests {
    static let flow = Fixtures.flowYAML(steps: """
          - {id: a, title: Create the account, phase: setup, required: true}
          - {id: b, title: Import contacts, phase: setup, required: true, after: [a]}
          - {id: c, title: First campaign, phase: first-value, serves: [launch], after: [b]}
          - {id: d, title: Automations, phase: habit, serves: [habit], after: [c]}
        """)

    /// A book of three accounts built at the start, then some progress recorded.
    func book() throws -> URL {
        let root = try CommandLineTests().temporaryFolder()
        for folder in ["plans", "flows"] { try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true) }
        try Self.flow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        let goals = "goals:\n  - {id: launch, text: Launch, by: 2026-12-04}\n  - {id: habit, text: Habit, by: 2026-12-31}\n"
        let profiles = [
            ("acme.yaml", "account: Acme\nflow: testly\nstart: 2026-12-01\n" + goals),
            ("beijing.yaml", "account: 北京茶业\nflow: testly\nstart: 2026-12-01\n" + goals),
            ("zeta.yaml", "account: \"Zeta, \\\"Ltd\\\"\"\nflow: testly\nstart: 2026-12-01\n" + goals),
        ]
        for (name, text) in profiles { try text.write(to: root.appendingPathComponent("plans/\(name)"), atomically: true, encoding: .utf8) }
        let built = try CommandLineTests().run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(built.status == 0, "\(built.stderr)")
        // Acme has done everything up to the campaign; Beijing only the first step; Zeta nothing.
        let acme = root.appendingPathComponent("plans/acme.yaml")
        try (try String(contentsOf: acme, encoding: .utf8) + "progress:\n  a: 2026-12-01\n  b: 2026-12-02\n  c: 2026-12-03\n")
            .write(to: acme, atomically: true, encoding: .utf8)
        let beijing = root.appendingPathComponent("plans/beijing.yaml")
        try (try String(contentsOf: beijing, encoding: .utf8) + "progress:\n  a: 2026-12-01\n").write(to: beijing, atomically: true, encoding: .utf8)
        return root
    }

    @Test func twoWeeksInEachAccountStandsWhereItsProgressPutsIt() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["acme", "beijing", "zeta"].map { root.appendingPathComponent("plans/\($0).yaml").path }
        let (rows, errors) = Book.status(of: files, out: root.appendingPathComponent("out").path, asOf: .day(Fixtures.day("2026-12-15")), order: .attention)
        #expect(errors.isEmpty)
        #expect(rows.map(\.account) == ["Zeta, \"Ltd\"", "北京茶业", "Acme"])
        let zeta = rows[0], beijing = rows[1], acme = rows[2]
        // The plan put one step a working day from Tue 1 Dec: a 1st, b 2nd, c 3rd, d 4th.
        #expect((zeta.done, zeta.total, zeta.overdue, zeta.worstLateness) == (0, 4, 4, 10))
        #expect(zeta.goals == [.missed, .onTrack])
        #expect(zeta.next?.number == 1 && zeta.next?.day == Fixtures.day("2026-12-01"))
        #expect((beijing.done, beijing.overdue, beijing.worstLateness) == (1, 3, 9))
        #expect(beijing.next?.title == "Import contacts")
        #expect((acme.done, acme.overdue, acme.worstLateness) == (3, 1, 7))
        #expect(acme.goals == [.reached, .onTrack])
        #expect(acme.next?.number == 4)
        #expect(acme.nextCheckIn == nil || acme.nextCheckIn! >= Fixtures.day("2026-12-15"))
    }

    @Test func theTableFitsEightyColumnsAndAlignsAnyScript() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandLineTests().run(["status", "plans/", "--as-of", "2026-12-15"], in: root)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        // Every row's "Done" column starts where the header's does, whatever the name's script.
        let column = TextWidth.of(String(lines[0][..<lines[0].range(of: "Done")!.lowerBound]))
        #expect(column == 19)
        for (line, done) in zip(lines.dropFirst(), ["0/4 0%", "1/4 25%", "3/4 75%"]) {
            guard let range = line.range(of: done) else { Issue.record("\(line) lacks \(done)"); continue }
            #expect(TextWidth.of(String(line[..<range.lowerBound])) == column, "\(line)")
        }
        #expect(lines[1].hasPrefix("Zeta, \"Ltd\""))
        #expect(lines[2].hasPrefix("北京茶业"))
        // 1 of 4 done, next step 2 planned 2 Dec, 3 late (the worst by 9 working days), no slip (the plan was not
        // rebuilt), 14 days since step 1 was recorded done on 1 Dec.
        #expect(lines[2].contains("1/4 25%   #2 12-02   3 (9d)   —     14d   1 missed"), "\(lines[2])")
    }

    @Test func csvAndJSONCarryEveryFigure() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let csv = try CommandLineTests().run(["status", "plans/", "--as-of", "2026-12-15", "--csv", "--sort", "name"], in: root).stdout
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "account,profile,done,total,percent,next_step,next_title,next_day,overdue,worst_lateness,goals_missed,goals_at_risk,goals_reached,next_checkin,last_built,slip,last_progress,days_since_progress")
        #expect(rows[1].hasSuffix(",0,2026-12-03,12"), "Acme: no slip, last progress 3 Dec, 12 days ago: \(rows[1])")
        #expect(rows[1].hasPrefix("Acme,plans/acme.yaml,3,4,75,4,Automations,2026-12-04,1,7,0,0,1,"))
        #expect(rows.contains { $0.hasPrefix("\"Zeta, \"\"Ltd\"\"\",plans/zeta.yaml,0,4,0,1,") })
        let json = try CommandLineTests().run(["status", "plans/", "--as-of", "2026-12-15", "--json"], in: root).stdout
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 3)
        #expect(decoded?.first?["account"] as? String == "Zeta, \"Ltd\"")
        #expect(decoded?.first?["worstLateness"] as? Int == 10)
    }

    @Test func anAccountNeverBuiltComesFirst() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        try "account: New Co\nflow: testly\nstart: 2026-12-07\n".write(to: root.appendingPathComponent("plans/new.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineTests().run(["status", "plans/", "--as-of", "2026-12-15"], in: root)
        let second = result.stdout.split(separator: "\n")[1]
        #expect(second.hasPrefix("New Co"))
        #expect(second.contains("not built"))
    }

    @Test func slipIsMeasuredAgainstTheFirstVersionTheCustomerReceived() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Rebuilt a week and a half later: Zeta's steps all move; Beijing's remaining ones too.
        #expect(try CommandLineTests().run(["build", "plans/", "--out", "out", "--as-of", "2026-12-10", "-qq"], in: root).status == 0)
        // And again: the baseline stays the first version, not the one before.
        #expect(try CommandLineTests().run(["build", "plans/", "--out", "out", "--as-of", "2026-12-14", "-qq"], in: root).status == 0)
        let files = ["acme", "beijing", "zeta"].map { root.appendingPathComponent("plans/\($0).yaml").path }
        let (rows, _) = Book.status(of: files, out: root.appendingPathComponent("out").path, asOf: .day(Fixtures.day("2026-12-14")), order: .name)
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.account, $0) })
        // Zeta's step 1 was on Tue 1 Dec in the first version and is on Mon 14 Dec now: 9 working days.
        #expect(byName["Zeta, \"Ltd\""]?.slip == 9)
        #expect(byName["Zeta, \"Ltd\""]?.lastProgress == nil)
        #expect(byName["Zeta, \"Ltd\""]?.daysSinceProgress == 13, "no progress yet: counted from the start")
        // Beijing's step 2 was on Wed 2 Dec: now Mon 14 Dec, 8 working days.
        #expect(byName["北京茶业"]?.slip == 8)
        #expect(byName["北京茶业"]?.lastProgress == Fixtures.day("2026-12-01"))
        let plan = try PlanJSON.decode(try Data(contentsOf: root.appendingPathComponent("out/zeta/plan.json")))
        #expect(plan.steps[0].baseline == Fixtures.day("2026-12-01"))
        // "Moved from" is the day in the version the customer holds (the build of 10 Dec), not the first one.
        #expect(plan.steps[0].rescheduledFrom == Fixtures.day("2026-12-10"))
        let handout = try String(contentsOf: root.appendingPathComponent("out/zeta/plan.md"), encoding: .utf8)
        #expect(handout.contains("moved from Thu 10 Dec"), "\(handout)")
        #expect(!handout.contains("moved from Tue 1 Dec"))
    }

    @Test func aGoalPastItsTargetDateIsMissedNotAtRisk() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Zeta did nothing: regenerated after the 4 December target, "Launch" is missed.
        #expect(try CommandLineTests().run(["build", "plans/zeta.yaml", "--out", "out", "--as-of", "2026-12-07", "-qq"], in: root).status == 0)
        let plan = try PlanJSON.decode(try Data(contentsOf: root.appendingPathComponent("out/zeta/plan.json")))
        #expect(plan.goals.map(\.status) == [.missed, .onTrack])
        let handout = try String(contentsOf: root.appendingPathComponent("out/zeta/plan.md"), encoding: .utf8)
        #expect(handout.contains("**✗ Missed:** its target date has passed."))
        #expect(handout.contains("“Launch” was not reached by its target date, Fri 4 Dec; we will agree on a new one together."))
        #expect(!handout.contains("At risk:**"))
    }

    @Test func whatChangedListsTheStepsFinishedSinceFirst() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CommandLineTests().run(["build", "plans/acme.yaml", "--out", "out", "--as-of", "2026-12-04", "-qq"], in: root).status == 0)
        let handout = try String(contentsOf: root.appendingPathComponent("out/acme/plan.md"), encoding: .utf8)
        let changes = handout.components(separatedBy: "## What changed")[1]
        let first = changes.components(separatedBy: "\n").first { $0.hasPrefix("- ") }
        #expect(first == "- Step 1, *Create the account*, is done (Tue 1 Dec). Well done!", "\(changes)")
        #expect(changes.contains("- Step 3, *First campaign*, is done (Thu 3 Dec). Well done!"))
        #expect(!changes.contains("Milestone"), "a finished step's milestone is not 'moved'")
    }
}

/// An account whose profile has not changed since its plan was built is read from the plan alone.
@Suite("The book without reading unchanged profiles", .serialized)
struct UnchangedProfileStatusTests {
    @Test func aProfileUnchangedSinceTheBuildGivesTheSameStatusAndAgenda() throws {
        let root = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["plans", "flows"] { try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true) }
        try StatusTests.flow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        let profile = "account: Acme\nflow: testly\nstart: 2026-12-01\ncontact: {name: Dana Lee}\ngoals:\n  - {id: launch, text: Launch, by: 2026-12-04}\nprogress:\n  a: 2026-12-01\n"
        try profile.write(to: root.appendingPathComponent("plans/acme.yaml"), atomically: true, encoding: .utf8)
        #expect(try CommandLineTests().run(["build", "plans/", "--out", "out", "--as-of", "2026-12-02"], in: root).status == 0)
        let plan = try PlanJSON.decode(Data(contentsOf: root.appendingPathComponent("out/acme/plan.json")))
        #expect(plan.summary?.profileDigest == Book.digest(of: Data(profile.utf8)))
        #expect(plan.summary?.contact == "Dana Lee")
        let (rows, errors) = Book.status(of: [root.appendingPathComponent("plans/acme.yaml").path], out: root.appendingPathComponent("out").path,
                                         asOf: .day(Fixtures.day("2026-12-08")), order: .name)
        #expect(errors.isEmpty)
        #expect(rows.first?.account == "Acme")
        #expect(rows.first?.done == 1)
        #expect(rows.first?.total == 3)
        let today = try CommandLineTests().run(["today", "plans/", "--as-of", "2026-12-03"], in: root)
        #expect(today.stdout.contains("  Acme (Dana Lee): wrap-up review on 2026-12-04\n    next: Import contacts; First campaign\n"))
    }
}

/// Columns of the status table and the agenda: the fast path for printable ASCII cuts and pads exactly as the
/// path that looks at every character.
@Suite("Text columns")
struct TextColumnTests {
    @Test func asciiIsCutAndPaddedAsCharacterByCharacter() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" abcXYZ09.-…".unicodeScalars.filter(\.isASCII))
        var texts = ["", " ", "Acme", "Acme Outdoor Co.", "  padded  ", String(repeating: "x", count: 100), "trailing   "]
        for _ in 0..<300 {
            texts.append(String(String.UnicodeScalarView((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })))
        }
        for text in texts {
            for width in 0...32 {
                #expect(TextWidth.padded(text, to: width) == TextWidth.paddedByCharacter(text, to: width), "\(text) at \(width)")
            }
        }
    }
}
