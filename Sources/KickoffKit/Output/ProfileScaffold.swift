import Foundation

/// A commented profile to fill in for a new account, listing the pain-point and goal ids the flow knows.
public enum ProfileScaffold {
    /// What `profile.yaml.mustache` shows.
    public struct Model: TemplateModel {
        /// The account's name as a YAML double-quoted scalar, and on one line for a comment.
        public var account: String
        /// The account on one line, for a comment.
        public var accountComment: String
        /// The flow reference.
        public var flow: String
        /// The first day.
        public var start: String
        /// The file it will be written to.
        public var file: String
        /// A role the flow knows, as an example.
        public var exampleRole: String
        /// Roles it is for.
        public var roles: String?
        /// How the plan addresses the pain points.
        public var pains: [KnownID]
        /// Goals, in profile order.
        public var goals: [KnownID]
        /// The first pain-point id the flow knows.
        public var firstPain: String
        /// The first goal id the flow knows.
        public var firstGoal: String

        /// An id the flow knows, with the first steps that use it.
        public struct KnownID: TemplateModel {
            /// Its id.
            public var id: String
            /// The steps, in plan order.
            public var steps: String
            /// How messages about a template name this value.
            public static let templateName = "an id"
            /// The names a template may use for this value, and how each renders.
            public static let templateFields: [String: TemplateField<KnownID>] = ["id": .text(\.id), "steps": .text(\.steps)]
        }

        /// How messages about a template name this value.
        public static let templateName = "the profile"
        /// The names a template may use for this value, and how each renders.
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
