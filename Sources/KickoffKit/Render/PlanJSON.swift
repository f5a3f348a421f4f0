import Foundation

/// Writes `plan.json`: the built plan in the `kickoff-plan/1` schema (`docs/plan.schema.json`).
enum PlanJSON {
    static func render(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(plan)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a plan written by `render`.
    static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}
