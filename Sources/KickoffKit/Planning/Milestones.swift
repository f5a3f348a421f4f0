/// Step 4: moments to celebrate, and where each goal stands.
enum Milestones {
    /// Each step's milestone, and each goal's on the day its last serving step ends (`goals` from `goalStatuses`).
    static func derive(steps: [PlannedStep], flow: ProductFlow, goals: [GoalStatus]) -> [Milestone] {
        var milestones: [Milestone] = []
        for step in steps {
            if let title = flow.step(step.id)?.milestone {
                milestones.append(Milestone(kind: .step, id: step.id, title: title, day: step.end, reached: step.done))
            }
        }
        for goal in goals {
            if let day = goal.milestone {
                milestones.append(Milestone(kind: .goal, id: goal.id, title: goal.text, day: day, reached: goal.status == .reached))
            }
        }
        // Stable: by day, steps before goals on the same day, then in the order created.
        return milestones.enumerated().sorted {
            ($0.element.day, $0.element.kind == .step ? 0 : 1, $0.offset) < ($1.element.day, $1.element.kind == .step ? 0 : 1, $1.offset)
        }.map(\.element)
    }

    /// Where each goal stands; on a plan regenerated `asOf` a day after a goal's target, a goal not reached is missed.
    static func goalStatuses(steps: [PlannedStep], profile: AccountProfile, asOf: Day? = nil) -> [GoalStatus] {
        profile.goals.map { goal in
            // The steps serving the goal, read in place (a filtered copy would copy each step whole).
            let serves = SelectionReason(kind: .serves, id: goal.id)
            var serving: [String] = [], milestone: Day?, allDone = true
            for index in steps.indices where steps[index].reasons.contains(serves) {
                serving.append(steps[index].id)
                milestone = max(milestone ?? steps[index].end, steps[index].end)
                allDone = allDone && steps[index].done
            }
            var status: GoalStatus.Status = .onTrack
            var late = 0
            if serving.isEmpty {
                status = .unaddressed
            } else if allDone {
                status = .reached
            } else if let by = goal.by, let milestone, milestone > by {
                status = asOf.map { $0 > by } == true ? .missed : .atRisk
                late = profile.calendar.workingDaysBetween(by, milestone)
                // A `by` on a non-working day still misses by at least one day.
                late = max(late, 1)
            }
            return GoalStatus(id: goal.id, text: goal.text, measure: goal.measure, by: goal.by, milestone: milestone,
                              steps: serving, status: status, workingDaysLate: late)
        }
    }
}
