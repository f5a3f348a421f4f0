import Foundation
import Testing
@testable import KickoffKit

/// An account whose profile, flow, templates, Kickoff version and as-of day are unchanged since its plan.json
/// was written is not rendered again; any change to one of them renders it.
@Suite("Skipping what did not change", .serialized)
struct UnchangedTests {
    let command = CommandLineTests()

    func workspace() throws -> URL {
        let root = try command.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("plans/acme-outdoor.yaml"), to: root.appendingPathComponent("plans/acme.yaml"))
        return root
    }

    func build(_ root: URL, _ extra: [String] = [], asOf: String = "2026-11-23") throws -> CommandLineTests.Run {
        try command.run(["build", "plans/acme.yaml", "--out", "out", "--as-of", asOf, "--templates", "templates"] + extra, in: root)
    }

    @Test func anUnchangedAccountIsNotRenderedAgainUnlessForced() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try build(root).stdout.hasPrefix("created: out/acme/"))
        // Something changes the handout behind Kickoff's back: a skipped build does not even look at it.
        let html = root.appendingPathComponent("out/acme/plan.html")
        try "edited by hand".write(to: html, atomically: true, encoding: .utf8)
        #expect(try build(root).stdout.hasPrefix("unchanged: out/acme/ (14 steps, 2026-12-01 to 2026-12-17)"))
        #expect(try String(contentsOf: html, encoding: .utf8) == "edited by hand")
        // --force renders it anyway.
        #expect(try build(root, ["--force"]).stdout.hasPrefix("updated: out/acme/"))
        #expect(try String(contentsOf: html, encoding: .utf8) != "edited by hand")
    }

    @Test func eachInputChangesTheFingerprint() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try build(root)
        func fingerprint() throws -> String? { PlanJSON.fingerprint(in: try Data(contentsOf: root.appendingPathComponent("out/acme/plan.json"))) }
        var seen = [try fingerprint()]
        #expect(seen[0]?.count == 32)
        func change(_ file: String, _ edit: (String) -> String) throws {
            let url = root.appendingPathComponent(file)
            try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        // A comment in the profile: rendered again, the handout is the same.
        try change("plans/acme.yaml") { $0 + "# a comment\n" }
        #expect(try build(root).stdout.hasPrefix("unchanged: out/acme/"))
        seen.append(try fingerprint())
        // The flow, the templates, the as-of day.
        try change("flows/emailsaurus.yaml") { $0.replacingOccurrences(of: "Email campaigns your customers open", with: "Email campaigns people open") }
        _ = try build(root)
        seen.append(try fingerprint())
        try change("templates/handout.css") { $0 + "\n/* a note */\n" }
        #expect(try build(root).stdout.hasPrefix("updated: out/acme/"))
        seen.append(try fingerprint())
        _ = try build(root, asOf: "2026-11-24")
        seen.append(try fingerprint())
        #expect(Set(seen).count == seen.count, "every change gives a new fingerprint")
    }

    @Test func theQuickReadingOfAProfileFindsItsFlowAndZone() {
        let profile = Data("account: A\nflow: \"emailsaurus\"   # the product\ntimezone: 'Europe/Prague'\nnotes: |\n  flow: other\n".utf8)
        #expect(TopLevelScan.value(of: "flow", in: profile) == "emailsaurus")
        #expect(TopLevelScan.value(of: "timezone", in: profile) == "Europe/Prague")
        #expect(TopLevelScan.value(of: "locale", in: profile) == nil)
    }
}
