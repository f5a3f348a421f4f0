import Foundation
import Testing
@testable import KickoffKit

/// Every file in `Corpus/` is a bad input with the one message it must get. Each runs through the `kickoff`
/// binary as a user would: exit code 1, exactly that message, and the output folder left as it was.
@Suite("Bad input corpus", .serialized)
struct BadInputCorpusTests {
    static let corpus = Fixtures.root.appendingPathComponent("Tests/KickoffKitTests/Corpus")
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static let defaultFlow = "product: Testly\nphases:\n  - id: setup\n    title: Set up\nsteps:\n  - id: a\n    title: A\n    phase: setup\n    required: true\n"

    @Test func thereAreAtLeastEightyCases() {
        #expect(Self.cases.count >= 80)
    }

    /// Runs `kickoff build plans/<name>.yaml` in a scratch folder holding the profile, its flow and an earlier output.
    static func check(name: String, profile: Data, flow: Data, expected: String) throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        for folder in ["plans", "flows", "out/\(name)"] {
            try FileManager.default.createDirectory(at: workspace.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try profile.write(to: workspace.appendingPathComponent("plans/\(name).yaml"))
        try flow.write(to: workspace.appendingPathComponent("flows/testly.yaml"))
        let earlier = Data("an earlier version the user has\n".utf8)
        try earlier.write(to: workspace.appendingPathComponent("out/\(name)/plan.md"))

        let result = try CommandLineTests().run(["build", "plans/\(name).yaml", "--out", "out", "--as-of", "2026-11-23"], in: workspace)
        #expect(result.status == 1, "\(name): exit code")
        #expect(result.stderr == "error: " + expected, "\(name): message")
        #expect(result.stdout.isEmpty, "\(name): nothing reported as built")
        let left = try Fixtures.outputEntries(workspace.appendingPathComponent("out").path)
        #expect(left == [name], "\(name): no other output folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("out/\(name)").path) == ["plan.md"])
        #expect(try Data(contentsOf: workspace.appendingPathComponent("out/\(name)/plan.md")) == earlier, "\(name): earlier output kept")
    }

    @Test("Each case gets its one message", arguments: cases)
    func badInput(_ name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let flow = (try? Data(contentsOf: folder.appendingPathComponent("flow.yaml"))) ?? Data(Self.defaultFlow.utf8)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        try Self.check(name: name, profile: try Data(contentsOf: folder.appendingPathComponent("profile.yaml")), flow: flow, expected: expected)
    }

    @Test func aHugeFileIsRefusedBeforeItIsParsed() throws {
        let huge = Data(("account: Acme\nflow: testly\nstart: 2026-12-01\nnotes: |\n" + String(repeating: "  All work and no play.\n", count: 200_000)).utf8)
        try Self.check(name: "huge", profile: huge, flow: Data(Self.defaultFlow.utf8),
                       expected: "plans/huge.yaml: is \(huge.count / 1024) KiB; files are limited to 4 MiB\n")
    }

    @Test func aFlowOverTheStepLimitIsRefused() throws {
        let steps = (0...InputLimits.steps).map { "  - {id: s\($0), title: S, phase: setup}" }.joined(separator: "\n")
        let flow = Data("product: Testly\nphases:\n  - id: setup\n    title: Set up\nsteps:\n\(steps)\n".utf8)
        try Self.check(name: "many-steps", profile: Data("account: Acme\nflow: testly\nstart: 2026-12-01\n".utf8), flow: flow,
                       expected: "flows/testly.yaml:6: steps: has 20001 items; keep it to at most 20000\n")
    }

    @Test func aTenThousandStepFlowIsPlanned() throws {
        // A chain of 10,000 required steps, each after the one before: one a working day.
        let steps = (0..<10_000).map { "  - {id: s\($0), title: Step \($0), phase: setup, required: true\($0 > 0 ? ", after: [s\($0 - 1)]" : "")}" }
        let flow = try Fixtures.flow("product: Testly\nphases:\n  - id: setup\n    title: Set up\nsteps:\n" + steps.joined(separator: "\n") + "\n")
        let plan = try PlanBuilder.build(profile: try Fixtures.profile(Fixtures.profileYAML()), flow: flow).0
        #expect(plan.steps.count == 10_000)
        #expect(plan.steps.last?.start == plan.calendar.adding(workingDays: 9_999, to: Fixtures.day("2026-12-01")))
    }
}
