import Foundation
import Testing
@testable import KickoffKit

/// `kickoff done` edits a profile by exactly one entry: comments, order, quoting, BOM and line endings stay.
@Suite("Recording progress in a profile", .serialized)
struct ProgressRecordTests {
    /// 2026-12-09 at noon UTC: "today" for these tests.
    static let now = Date(timeIntervalSince1970: TimeInterval(Day(iso: "2026-12-09")!.ordinal) * 86_400 + 43_200)

    static let flow = """
    product: Testly
    phases:
      - id: setup
        title: Set up
    steps:
      - id: create-account
        title: Create your account
        phase: setup
        required: true
      - id: import
        title: Import
        phase: setup
        required: true
        after: [create-account]
      - id: extra
        title: Extra
        phase: setup
        serves: [someday]

    """

    /// A workspace with the flow and `plans/acme.yaml` holding `profile` (bytes as given).
    func workspace(_ profile: String) throws -> (URL, String) {
        let root = try CommandLineTests().temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try Self.flow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        try Data(profile.utf8).write(to: root.appendingPathComponent("plans/acme.yaml"))
        return (root, root.appendingPathComponent("plans/acme.yaml").path)
    }

    func record(_ step: String, on day: String? = nil, undo: Bool = false, _ path: String) throws -> ProgressRecord.Outcome {
        try ProgressRecord.record(step: step, on: day.map { Day(iso: $0)! }, undo: undo, profileAt: path,
                                  pipeline: Pipeline(templates: Fixtures.templates), now: Self.now)
    }

    func text(_ path: String) throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) }

    static let commented = """
    # Acme: a comment at the top
    account: "Acme Outdoor Co."   # quoted, with a comment
    flow: testly
    start: 2026-12-01

    progress:
      create-account: 2026-12-01   # the kickoff day
    # a comment after the progress
    notes: |
      Keep this exactly.

    """

    @Test func anEntryIsAddedAfterTheLastOneAndNothingElseChanges() throws {
        let (root, path) = try workspace(Self.commented)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try record("import", on: "2026-12-03", path) == .recorded(line: 8))
        let after = try text(path)
        #expect(after == Self.commented.replacingOccurrences(of: "the kickoff day\n", with: "the kickoff day\n  import: 2026-12-03\n"))
        // Undo gives the file back byte for byte.
        #expect(try record("import", undo: true, path) == .removed)
        #expect(try text(path) == Self.commented)
    }

    @Test("Every way of writing progress, and none", arguments: [
        ("account: A\nflow: testly\nstart: 2026-12-01\n", "account: A\nflow: testly\nstart: 2026-12-01\nprogress:\n  create-account: 2026-12-02\n"),
        ("account: A\nflow: testly\nstart: 2026-12-01", "account: A\nflow: testly\nstart: 2026-12-01\nprogress:\n  create-account: 2026-12-02\n"),
        ("account: A\nflow: testly\nstart: 2026-12-01\nprogress: {}\n", "account: A\nflow: testly\nstart: 2026-12-01\nprogress: {create-account: 2026-12-02}\n"),
        ("account: A\nprogress: {import: 2026-12-03}  # flow style\nflow: testly\nstart: 2026-12-01\n",
         "account: A\nprogress: {import: 2026-12-03, create-account: 2026-12-02}  # flow style\nflow: testly\nstart: 2026-12-01\n"),
        ("account: A\nflow: testly\nstart: 2026-12-01\nprogress:\nnotes: hi\n", "account: A\nflow: testly\nstart: 2026-12-01\nprogress:\n  create-account: 2026-12-02\nnotes: hi\n"),
        ("account: A\nflow: testly\nstart: 2026-12-01\nprogress: ~\n", "account: A\nflow: testly\nstart: 2026-12-01\nprogress:\n  create-account: 2026-12-02\n"),
        ("\u{FEFF}account: A\r\nflow: testly\r\nstart: 2026-12-01\r\nprogress:\r\n    import: 2026-12-03\r\n",
         "\u{FEFF}account: A\r\nflow: testly\r\nstart: 2026-12-01\r\nprogress:\r\n    import: 2026-12-03\r\n    create-account: 2026-12-02\r\n"),
    ])
    func everyLayout(_ before: String, _ after: String) throws {
        let (root, path) = try workspace(before)
        defer { try? FileManager.default.removeItem(at: root) }
        guard case .recorded = try record("create-account", on: "2026-12-02", path) else { Issue.record("not recorded"); return }
        #expect(try text(path) == after)
        #expect(try Fixtures.profile(try text(path), file: path).progress.contains(Progress(step: "create-account", day: Day(iso: "2026-12-02")!)))
    }

    @Test func undoRemovesExactlyTheEntryInFlowStyleToo() throws {
        let (root, path) = try workspace("account: A\nflow: testly\nstart: 2026-12-01\nprogress: {create-account: 2026-12-01,  import: 2026-12-02}\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try record("create-account", undo: true, path) == .removed)
        #expect(try text(path) == "account: A\nflow: testly\nstart: 2026-12-01\nprogress: {import: 2026-12-02}\n")
        #expect(try record("import", undo: true, path) == .removed)
        #expect(try text(path) == "account: A\nflow: testly\nstart: 2026-12-01\nprogress: {}\n")
        #expect(try record("import", undo: true, path) == .notRecorded)
    }

    @Test func aStepAlreadyDoneIsLeftAsItIs() throws {
        let (root, path) = try workspace(Self.commented)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try record("create-account", on: "2026-12-05", path) == .alreadyDone(Day(iso: "2026-12-01")!))
        #expect(try text(path) == Self.commented)
    }

    @Test func stepsAndDaysThatCannotBeTrueAreRefused() throws {
        let (root, path) = try workspace(Self.commented)
        defer { try? FileManager.default.removeItem(at: root) }
        func message(_ step: String, _ day: String?) -> String? {
            Fixtures.message { _ = try record(step, on: day, path) }?.replacingOccurrences(of: root.path + "/", with: "")
        }
        #expect(message("imprt", nil) == "plans/acme.yaml: progress: Testly has no step \"imprt\"; did you mean import? name a step id of flows/testly.yaml")
        #expect(message("import", "2026-11-30") == "plans/acme.yaml: progress: 2026-11-30 is before the start (2026-12-01); use a day from 2026-12-01 to 2026-12-09")
        #expect(message("import", "2026-12-10") == "plans/acme.yaml: progress: 2026-12-10 is after today (2026-12-09 in UTC); record the day the step was done, at the latest today")
        #expect(message("extra", "2026-12-02") == "plans/acme.yaml: progress: \"extra\" is not in this account's plan: no required step, pain point or goal of this persona needs it; record a step of the plan; `kickoff explain` lists them")
        #expect(try text(path) == Self.commented)
    }

    @Test func theDayDefaultsToTodayInTheAccountsZone() throws {
        let (root, path) = try workspace("account: A\nflow: testly\nstart: 2026-12-01\ntimezone: Pacific/Kiritimati\n")
        defer { try? FileManager.default.removeItem(at: root) }
        // Noon UTC on the 9th is already the 10th at UTC+14.
        _ = try record("create-account", path)
        #expect(try text(path).hasSuffix("progress:\n  create-account: 2026-12-10\n"))
    }

    @Test func aLinkedProfileIsEditedWhereItLivesAndTheLinkStays() throws {
        let (root, path) = try workspace(Self.commented)
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("synced.yaml").path
        try FileManager.default.moveItem(atPath: path, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: real)
        _ = try record("import", on: "2026-12-03", path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == real)
        #expect(try text(real).contains("  import: 2026-12-03\n"))
    }

    @Test func aFileChangedOnDiskMeanwhileIsNotOverwritten() throws {
        let (root, path) = try workspace(Self.commented)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: KickoffError(file: path, problem: "changed on disk while Kickoff was editing it", fix: "run the command again")) {
            try ProgressRecord.replace(path, original: Data("what Kickoff read earlier".utf8), with: Data("edited".utf8))
        }
        #expect(try text(path) == Self.commented)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("plans").path) == ["acme.yaml"])
    }

    @Test func theCommandSaysWhatItDid() throws {
        let command = CommandLineTests()
        let (root, _) = try workspace(Self.commented.replacingOccurrences(of: "start: 2026-12-01", with: "start: 2026-11-02")
            .replacingOccurrences(of: "create-account: 2026-12-01", with: "create-account: 2026-11-02"))
        defer { try? FileManager.default.removeItem(at: root) }
        let done = try command.run(["done", "plans/acme.yaml", "import", "--on", "2026-11-03"], in: root)
        #expect(done.status == 0)
        #expect(done.stdout == "recorded: plans/acme.yaml:8: import done on 2026-11-03\n")
        let again = try command.run(["done", "plans/acme.yaml", "import"], in: root)
        #expect(again.stdout == "already recorded: import was done on 2026-11-03 (plans/acme.yaml); nothing changed\n")
        let unknown = try command.run(["done", "plans/acme.yaml", "imprt"], in: root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: plans/acme.yaml: progress: Testly has no step \"imprt\"; did you mean import?"))
        let usage = try command.run(["done", "plans/acme.yaml", "import", "--undo", "--on", "2026-11-03"], in: root)
        #expect(usage.status == 2)
        let built = try command.run(["build", "plans/acme.yaml", "--out", "out", "--as-of", "2026-11-10"], in: root)
        #expect(built.status == 0, "\(built.stderr)")
    }
}
