import Foundation
import Testing
@testable import KickoffKit

/// Runs the built `kickoff` binary the way a CSM does.
@Suite("The kickoff command", .serialized)
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kickoff")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Fixtures.root.appendingPathComponent(".build/debug/kickoff")
    }

    /// A process that runs `executable` with `arguments` in `folder`, with Kickoff's templates from this checkout.
    static func process(_ executable: URL = binary, arguments: [String], in folder: URL) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["KICKOFF_TEMPLATES"] = Fixtures.root.appendingPathComponent("templates").path
        process.environment = environment
        return process
    }

    func run(_ arguments: [String], in folder: URL = Fixtures.root) throws -> Run {
        let process = Self.process(arguments: arguments, in: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func buildsASampleAccount() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try run(["build", "plans/acme-outdoor.yaml", "--out", out.path])
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("created: \(out.path)/acme-outdoor/ (14 steps, 2026-12-01 to "))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("acme-outdoor").path).sorted()
        #expect(files == ["plan.html", "plan.ics", "plan.json", "plan.md"])
        let html = try String(contentsOf: out.appendingPathComponent("acme-outdoor/plan.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Your Emailsaurus onboarding plan</h1>"))

        let second = try run(["build", "plans/acme-outdoor.yaml", "--out", out.path])
        #expect(second.stdout.hasPrefix("unchanged: "))
    }

    @Test func aBrokenProfileGetsOneMessageAndNoOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: folder.appendingPathComponent("flows"))
        try "account: Broken\nflow: emailsaurus\nstart: 2026-12-01\ngoals:\n  - id: g\n    text: G\n    by: 2026-13-40\n"
            .write(to: folder.appendingPathComponent("plans/broken.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("plans/bluefin-labs.yaml"),
                                         to: folder.appendingPathComponent("plans/bluefin-labs.yaml"))
        let result = try run(["build", "plans", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "error: plans/broken.yaml:7: goals[0].by: \"2026-13-40\" is not a date; use YYYY-MM-DD or a span like 3w\n")
        let built = try Fixtures.outputEntries(folder.appendingPathComponent("out").path)
        #expect(built == ["bluefin-labs"])
    }

    @Test func validateChecksWithoutWriting() throws {
        let result = try run(["validate", "plans/"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok: plans/acme-outdoor.yaml"))
        let missing = try run(["validate", "plans/nope.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: plans/nope.yaml: does not exist; check the path\n")
    }

    @Test func everyHelpTextFitsEightyColumns() throws {
        for command in [[], ["build"], ["validate"], ["done"], ["today"], ["status"], ["explain"], ["diff"], ["new"], ["import"]] {
            let help = try run(command + ["--help"])
            #expect(help.status == 0)
            let long = help.stdout.split(separator: "\n").filter { $0.count > 80 }
            #expect(long.isEmpty, "kickoff \(command.joined()) --help: \(long)")
        }
    }

    @Test func usageErrorsExitWithTwoAndBadInputWithOne() throws {
        let badDay = try run(["build", "plans/", "--as-of", "2026-13-01", "--out", "/tmp/kickoff-never"])
        #expect(badDay.status == 2)
        #expect(badDay.stderr.hasPrefix("Error: The value '2026-13-01' is invalid for '--as-of <date>'"))
        let noSince = try run(["build", "plans/acme-outdoor.yaml", "--since", "/nope", "--out", "/tmp/kickoff-never"])
        #expect(noSince.status == 2)
        #expect(noSince.stderr.hasPrefix("Error: --since: /nope cannot be read\n"))
        #expect(noSince.stderr.hasSuffix("\n  See 'kickoff build --help' for more information.\n"))
        // Found while the command runs, not while its arguments are read, and shown as the parser shows its own
        // errors: with that command's usage, not the list of commands.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let noProfiles = try run(["build", empty.path, "--out", "/tmp/kickoff-never"])
        #expect(noProfiles.status == 2)
        #expect(noProfiles.stderr == """
            Error: \(empty.path): holds no .yaml profiles
            Usage: kickoff build <profile>... [--out <dir>] [--as-of <date>] [--since <f>]
                           [--strict] [--pdf] [--force] [-q|-qq] [--flows <dir>]
                           [--flow <file>...] [--templates <dir>]
              See 'kickoff build --help' for more information.

            """)
        let missing = try run(["validate", "plans/no-such-profile.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: plans/no-such-profile.yaml: does not exist; check the path\n")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kickoff-never"))
    }

    @Test func helpExplainsTheFiles() throws {
        let help = try run(["--help"])
        #expect(help.status == 0)
        for word in ["build", "validate", "pain_points", "working_days", "solves", "serves", "plan.ics"] {
            #expect(help.stdout.contains(word), "help lacks \(word)")
        }
    }

    @Test func diffSaysWhatChangedWithExitCodes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try run(["build", "plans/acme-outdoor.yaml", "--out", folder.appendingPathComponent("a").path, "--as-of", "2026-11-23", "--quiet"])
        let second = try run(["build", "plans/acme-outdoor.yaml", "--out", folder.appendingPathComponent("b").path, "--as-of", "2026-12-10", "--quiet"])
        #expect(first.status == 0 && second.status == 0)
        let a = folder.appendingPathComponent("a/acme-outdoor/plan.json").path, b = folder.appendingPathComponent("b/acme-outdoor/plan.json").path
        let same = try run(["diff", a, a])
        #expect(same.status == 0)
        #expect(same.stdout == "The plans are the same.\n")
        let different = try run(["diff", a, b])
        #expect(different.status == 1)
        #expect(different.stdout.hasPrefix("- Steps 1–14 moved 7 working days later so each keeps the time it needs; the first of them is now on Thu 10 Dec.\n"), "\(different.stdout)")
        let broken = try run(["diff", a, "README.md"])
        #expect(broken.status == 2)
        #expect(broken.stderr == "error: README.md: is not a plan.json Kickoff wrote; name the plan.json files of two builds\n")
    }

    @Test func explainPrintsWhyAStepIsOnItsDay() throws {
        let result = try run(["explain", "plans/acme-outdoor.yaml", "verify-domain", "--as-of", "2026-11-23"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Step 2 of 14, “Verify your sending domain”, is on Wednesday, 2 December 2026.\n"))
        let unknown = try run(["explain", "plans/acme-outdoor.yaml", "verify-domian"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: plans/acme-outdoor.yaml: Emailsaurus has no step \"verify-domian\"; did you mean verify-domain? name a step id or number from the plan (1 to 14)\n")
    }

    @Test func explainWithoutADayExplainsThePlanAsLastBuilt() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Rebuilt a week in: Zeta has done nothing, so its steps moved to the rebuild day and after.
        #expect(try run(["build", "plans/zeta.yaml", "--out", "out", "--as-of", "2026-12-08"], in: root).status == 0)
        let plan = try PlanJSON.decode(Data(contentsOf: root.appendingPathComponent("out/zeta/plan.json")))
        #expect(plan.step("b")?.start == Fixtures.day("2026-12-09"))
        let explained = try run(["explain", "plans/zeta.yaml", "b"], in: root)
        #expect(explained.status == 0)
        #expect(explained.stdout.hasPrefix("Step 2 of 4, “Import contacts”, is on Wednesday, 9 December 2026.\n"), "\(explained.stdout)")
        // --as-of still chooses the day.
        let asOf = try run(["explain", "plans/zeta.yaml", "b", "--as-of", "2026-11-23"], in: root)
        #expect(asOf.stdout.hasPrefix("Step 2 of 4, “Import contacts”, is on Wednesday, 2 December 2026.\n"))
    }

    @Test func newAndImportWriteProfilesThatBuild() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: folder.appendingPathComponent("flows"))
        let made = try run(["new", "Globex Corporation", "--flow", "emailsaurus"], in: folder)
        #expect(made.status == 0)
        #expect(made.stdout == "wrote plans/globex-corporation.yaml\n")
        let again = try run(["new", "Globex Corporation", "--flow", "emailsaurus"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr == "error: plans/globex-corporation.yaml: already exists; move it away, or choose another name or --into folder\n")
        // Until every FILL IN is replaced, the new profile neither validates nor builds.
        let unfilled = try run(["validate", "plans/globex-corporation.yaml"], in: folder)
        #expect(unfilled.status == 1)
        #expect(unfilled.stderr.hasPrefix("error: plans/globex-corporation.yaml:13: contact.name: is still a placeholder from kickoff new"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("plans/globex-corporation.yaml"))
        try "account,start,pain_points\nInitech,2026-12-07,low-open-rates: Open rates are around 5%\n"
            .write(to: folder.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        let imported = try run(["import", "accounts.csv", "--flow", "emailsaurus"], in: folder)
        #expect(imported.status == 0)
        #expect(imported.stdout == "wrote plans/initech.yaml (accounts.csv line 2)\n")
        let built = try run(["build", "plans", "--out", "out", "--quiet"], in: folder)
        #expect(built.status == 0)
        #expect(try Fixtures.outputEntries(folder.appendingPathComponent("out").path).sorted() == ["initech"])
    }
}
