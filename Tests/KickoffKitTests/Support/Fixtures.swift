import Foundation
@testable import KickoffKit

/// Small inputs for tests, written as YAML the way a CSM would write them.
enum Fixtures {
    /// The package's root folder.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let templates: Templates = {
        do { return try Templates.load(from: root.appendingPathComponent("templates").path) } catch { fatalError("templates: \(error)") }
    }()

    /// A flow with four phases and the given steps (YAML list items, indented by two spaces).
    static func flowYAML(steps: String) -> String {
        """
        product: Testly
        phases:
          - id: setup
            title: Get set up
          - id: first-value
            title: First win
          - id: habit
            title: Habit
          - id: indispensable
            title: Indispensable
        steps:
        \(steps)
        """
    }

    static func flow(_ yaml: String, file: String = "flows/testly.yaml") throws -> ProductFlow {
        try FlowLoader.load(contents: Data(yaml.utf8), file: file)
    }

    /// A minimal valid profile; `extra` lines are appended at the top level.
    static func profileYAML(start: String = "2026-12-01", _ extra: String = "") -> String {
        """
        account: Acme Outdoor Co.
        flow: testly
        start: \(start)
        \(extra)
        """
    }

    static func profile(_ yaml: String, file: String = "plans/acme.yaml") throws -> AccountProfile {
        try ProfileLoader.load(contents: Data(yaml.utf8), file: file).0
    }

    /// The message a bad profile gets, or nil when it loads.
    static func profileError(_ yaml: String, file: String = "plans/acme.yaml") -> String? {
        message { _ = try ProfileLoader.load(contents: Data(yaml.utf8), file: file) }
    }

    /// The message a bad flow gets, or nil when it loads.
    static func flowError(_ yaml: String, file: String = "flows/testly.yaml") -> String? {
        message { _ = try FlowLoader.load(contents: Data(yaml.utf8), file: file) }
    }

    /// The message an operation fails with, or nil when it succeeds.
    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }

    /// A plan built from YAML texts.
    static func plan(profile: String, flow: String, asOf: Day? = nil) throws -> Plan {
        try PlanBuilder.build(profile: try self.profile(profile), flow: try self.flow(flow), asOf: asOf).0
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// The account folders (and anything else) an output folder holds, without the lock file every build keeps
    /// there and the book's dashboard a folder build writes.
    static func outputEntries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0 != OutputLock.fileName && $0 != "index.html" }
    }
}
