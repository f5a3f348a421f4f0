import Foundation

/// A commented profile to fill in for a new account, listing the pain-point and goal ids the flow knows.
public enum ProfileScaffold {
    /// What `profile.yaml.mustache` shows.
    public struct Model: TemplateModel {
        /// The account's name as a YAML double-quoted scalar, and on one line for a comment.
        public var account: String
        public var accountComment: String
        public var flow: String
        public var start: String
        public var file: String
        public var exampleRole: String
        public var roles: String?
        public var pains: [KnownID]
        public var goals: [KnownID]
        public var firstPain: String
        public var firstGoal: String

        /// An id the flow knows, with the first steps that use it.
        public struct KnownID: TemplateModel {
            public var id: String
            public var steps: String
            public static let templateName = "an id"
            public static let templateFields: [String: TemplateField<KnownID>] = ["id": .text(\.id), "steps": .text(\.steps)]
        }

        public static let templateName = "the profile"
        public static let templateFields: [String: TemplateField<Model>] = [
            "account": .text(\.account), "account_comment": .text(\.accountComment), "flow": .text(\.flow), "start": .text(\.start),
            "file": .text(\.file), "example_role": .text(\.exampleRole), "roles": .optional(\.roles), "pains": .list(\.pains),
            "goals": .list(\.goals), "first_pain": .text(\.firstPain), "first_goal": .text(\.firstGoal),
        ]
    }

    /// The profile text for `account` on `flow`, starting on `start`; `file` is where it will be written.
    public static func text(account: String, flowName: String, flow: ProductFlow, start: Day, file: String, templates: Templates) throws -> String {
        func users(_ ids: KeyPath<Step, [String]>) -> [Model.KnownID] {
            var order: [String] = []
            var titles: [String: [String]] = [:]
            for step in flow.steps {
                for id in step[keyPath: ids] {
                    if titles[id] == nil { order.append(id) }
                    titles[id, default: []].append(step.title)
                }
            }
            return order.map { Model.KnownID(id: $0, steps: titles[$0]!.prefix(3).joined(separator: "; ") + (titles[$0]!.count > 3 ? "; …" : "")) }
        }
        let pains = users(\.solves), goals = users(\.serves)
        let roles = Set(flow.steps.flatMap { $0.audience?.roles ?? [] }).sorted()
        return templates.profileScaffold.render(Model(
            account: quoted(account), accountComment: account.replacingOccurrences(of: "\n", with: " "), flow: quoted(flowName),
            start: start.iso, file: file, exampleRole: roles.first ?? "user", roles: roles.isEmpty ? nil : roles.joined(separator: ", "),
            pains: pains, goals: goals, firstPain: pains.first?.id ?? "pain-point-id", firstGoal: goals.first?.id ?? "goal-id"))
    }

    /// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
