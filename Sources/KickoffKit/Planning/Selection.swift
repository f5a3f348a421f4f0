/// Step 1 of building a plan: which steps of the flow matter for this account, and why.
enum Selection {
    /// Each flow step's reasons, by its place in `flow.steps`: empty for a step this account does not need.
    static func reasons(flow: ProductFlow, profile: AccountProfile) -> [[SelectionReason]] {
        let painIDs = Set(profile.painPoints.map(\.id))
        let goalIDs = Set(profile.goals.map(\.id))
        let doneIDs = Set(profile.progress.map(\.step))
        var reasons = [[SelectionReason]](repeating: [], count: flow.steps.count)

        // By place: the steps' fields are read where they are, not copied out step by step.
        for position in flow.steps.indices {
            var why: [SelectionReason] = []
            if flow.steps[position].required { why.append(SelectionReason(kind: .required)) }
            let forThisPersona = flow.steps[position].audience?.includes(profile.persona) ?? true
            if forThisPersona {
                why += flow.steps[position].solves.filter(painIDs.contains).map { SelectionReason(kind: .solves, id: $0) }
                why += flow.steps[position].serves.filter(goalIDs.contains).map { SelectionReason(kind: .serves, id: $0) }
            }
            if doneIDs.contains(flow.steps[position].id) { why.append(SelectionReason(kind: .done)) }
            reasons[position] = why
        }

        // Every prerequisite of a selected step, transitively, whoever its audience is.
        var queue = reasons.indices.filter { !reasons[$0].isEmpty }
        var next = 0
        while next < queue.count {
            let position = queue[next]
            next += 1
            let reason = SelectionReason(kind: .prerequisite, id: flow.steps[position].id)
            for needed in flow.prerequisitePositions[position] {
                if reasons[needed].isEmpty {
                    reasons[needed] = [reason]
                    queue.append(needed)
                } else if !reasons[needed].contains(reason), reasons[needed].count < 20 {
                    reasons[needed].append(reason)
                }
            }
        }
        return reasons
    }
}
