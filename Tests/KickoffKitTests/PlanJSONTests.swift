import Foundation
import Testing
@testable import KickoffKit

/// `plan.json` is written directly, byte for byte as Foundation's encoder would write it (sorted keys, pretty
/// printed), and reads back as the same plan.
@Suite("plan.json")
struct PlanJSONTests {
    static func encoded(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }

    /// The text without the dashboard's `summary` (derived from the plan, not one of its fields).
    static func withoutSummary(_ text: String) -> String {
        guard let start = text.range(of: "  \"summary\" : {\n"), let end = text.range(of: "\n  },\n", range: start.upperBound..<text.endIndex) else { return text }
        return String(text[..<start.lowerBound]) + String(text[end.upperBound...])
    }

    @Test("The direct writer matches the encoder", arguments: GoldenTests.samples)
    func matchesTheEncoder(_ sample: String) throws {
        let pipeline = Pipeline(templates: Fixtures.templates)
        var plan = try pipeline.build(profileAt: "plans/\(sample)".relativeToRoot, asOf: .day(Fixtures.day("2026-12-15"))).plan
        plan.changes = [PlanChange(kind: .stepMoved, id: "x", title: "Quote \" and \\ and \n tab\t bell\u{07} /slash ü 中", from: plan.start,
                                   to: plan.end, workingDays: -3, reason: .late, about: nil)]
        plan.changesSince = plan.start
        plan.fingerprint = "0123456789abcdef"
        let written = String(decoding: PlanJSON.encoded(plan), as: UTF8.self)
        #expect(Self.withoutSummary(written) == Self.withoutSummary(try Self.encoded(plan)))
        // The summary the dashboard reads back is the one the plan gives.
        var row = BookRow(plan: plan)
        row.slug = ""
        #expect(PlanJSON.bookRow(in: Data(written.utf8)) == row)
        #expect(try PlanJSON.decode(Data(written.utf8)) == plan)
        // The quick reader and Foundation's decoder read the same plan.
        #expect(PlanJSONReader.plan(from: Data(written.utf8)) == plan)
        #expect(try JSONDecoder().decode(Plan.self, from: Data(written.utf8)) == plan)
        #expect(PlanJSON.fingerprint(in: Data(written.utf8)) == "0123456789abcdef")
        // What a skipped build reports is read back from the same lines.
        #expect(PlanJSON.summary(in: Data(written.utf8)) == PlanJSON.Summary(start: plan.start, end: plan.end, steps: plan.steps.count,
                                                                             goalsAtRisk: plan.goals.filter { $0.status == .atRisk }.count))
    }

    @Test func hostileProfileTextReadsBackExactly() throws {
        let (build, root) = try InjectionTests().build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(Self.withoutSummary(build.files["plan.json"]!) == Self.withoutSummary(try Self.encoded(build.plan)))
        #expect(PlanJSON.bookRow(in: Data(build.files["plan.json"]!.utf8))?.account == build.plan.account)
        #expect(PlanJSONReader.plan(from: Data(build.files["plan.json"]!.utf8)) == build.plan)
    }

    @Test("The quick reader refuses what is not a plan", arguments: ["", "{}", "[1]", "{\"schema\": \"kickoff-plan/2\"}", "{\"a\": tru}", "{\"a\": 1.5}", "{\"a\": \"\\q\"}"])
    func refusesWhatIsNotAPlan(_ text: String) {
        #expect(PlanJSONReader.plan(from: Data(text.utf8)) == nil)
    }

    @Test func escapesAndSurrogatesReadBack() {
        var parser = JSONParser(Data(#"{"a": "x\"y\\z\/\n\t\u00e9\ud83d\ude00 中", "b": [true, false, null, -12]}"#.utf8))
        guard case .object(let object)? = parser.parse() else { Issue.record("not parsed"); return }
        #expect(object["a"]?.string == "x\"y\\z/\n\té😀 中")
        #expect(object["b"]?.array?.count == 4)
        #expect(object["b"]?.array?.last?.int == -12)
    }
}
