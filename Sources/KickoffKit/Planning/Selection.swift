/// Step 1 of building a plan: which steps of the flow matter for this account, and why.
enum Selection {
    /// Selected step ids with their reasons, in flow order.
    static func select(flow: ProductFlow, profile: AccountProfile) -> [String: [SelectionReason]] {
        let painIDs = Set(profile.painPoints.map(\.id))
        let goalIDs = Set(profile.goals.map(\.id))
        let doneIDs = Set(profile.progress.map(\.step))
        var reasons: [String: [SelectionReason]] = [:]

        for step in flow.steps {
            var why: [SelectionReason] = []
            if step.required { why.append(SelectionReason(kind: .required)) }
            let forThisPersona = step.audience?.includes(profile.persona) ?? true
            if forThisPersona {
                why += step.solves.filter(painIDs.contains).map { SelectionReason(kind: .solves, id: $0) }
                why += step.serves.filter(goalIDs.contains).map { SelectionReason(kind: .serves, id: $0) }
            }
            if doneIDs.contains(step.id) { why.append(SelectionReason(kind: .done)) }
            if !why.isEmpty { reasons[step.id] = why }
        }

        // Every prerequisite of a selected step, transitively, whoever its audience is.
        var queue = flow.steps.map(\.id).filter { reasons[$0] != nil }
        var position = 0
        while position < queue.count {
            let id = queue[position]
            position += 1
            for prerequisite in flow.steps[flow.stepPositions[id]!].after {
                let reason = SelectionReason(kind: .prerequisite, id: id)
                if reasons[prerequisite] == nil {
                    reasons[prerequisite] = [reason]
                    queue.append(prerequisite)
                } else if !reasons[prerequisite]!.contains(reason), reasons[prerequisite]!.count < 20 {
                    reasons[prerequisite]!.append(reason)
                }
            }
        }
        return reasons
    }
}
