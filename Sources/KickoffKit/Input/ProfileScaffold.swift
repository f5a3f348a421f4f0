import Foundation
import Mustache

/// A commented profile to fill in for a new account, listing the pain-point and goal ids the flow knows.
public enum ProfileScaffold {
    /// The profile text for `account` on `flow`, starting on `start`; `file` is where it will be written.
    public static func text(account: String, flowName: String, flow: ProductFlow, start: Day, file: String, templates: Templates) throws -> String {
        func users(_ ids: KeyPath<Step, [String]>) -> [[String: Any]] {
            var order: [String] = []
            var titles: [String: [String]] = [:]
            for step in flow.steps {
                for id in step[keyPath: ids] {
                    if titles[id] == nil { order.append(id) }
                    titles[id, default: []].append(step.title)
                }
            }
            return order.map { ["id": $0, "steps": titles[$0]!.prefix(3).joined(separator: "; ") + (titles[$0]!.count > 3 ? "; …" : "")] }
        }
        let pains = users(\.solves), goals = users(\.serves)
        let roles = Set(flow.steps.flatMap { $0.audience?.roles ?? [] }).sorted()
        let context: [String: Any] = [
            "account": quoted(account),
            "account_comment": account.replacingOccurrences(of: "\n", with: " "),
            "flow": quoted(flowName),
            "start": start.iso,
            "file": file,
            "product_domain": Slug.make(from: flow.product),
            "example_role": roles.first ?? "user",
            "roles": roles.isEmpty ? false : roles.joined(separator: ", "),
            "pains": pains,
            "goals": goals,
            "first_pain": (pains.first?["id"] as? String) ?? "pain-point-id",
            "first_goal": (goals.first?["id"] as? String) ?? "goal-id",
        ]
        return templates.profileScaffold.render(context)
    }

    /// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
