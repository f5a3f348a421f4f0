/// One difference between two versions of a plan, with why, in terms the customer understands.
public struct PlanChange: Codable, Equatable, Sendable {
    /// The kinds of change.
    public enum Kind: String, Codable, Sendable {
        case stepDone = "step-done"
        case stepAdded = "step-added"
        case stepDropped = "step-dropped"
        case stepMoved = "step-moved"
        case milestoneMoved = "milestone-moved"
        case goalAdded = "goal-added"
        case goalDropped = "goal-dropped"
        case goalDateMoved = "goal-date-moved"
        case goalAtRisk = "goal-at-risk"
        case goalMissed = "goal-missed"
        case goalOnTrack = "goal-on-track"
        case goalReached = "goal-reached"
        case painPointAdded = "pain-point-added"
        case painPointDropped = "pain-point-dropped"
        case checkInMoved = "check-in-moved"
        case checkInAdded = "check-in-added"
        case checkInDropped = "check-in-dropped"
    }

    /// Why a step was added or dropped.
    public enum Reason: String, Codable, Sendable {
        /// It serves a goal that is new (added) or gone (dropped): `about` is the goal's text.
        case goal
        /// It addresses a pain point that is new or gone: `about` is the pain point's text.
        case painPoint = "pain-point"
        /// Another step added or dropped needs it.
        case prerequisite
        /// The product flow now requires it, or no longer has it.
        case flow
        /// It now fits, or no longer fits, the persona's role or experience.
        case audience
        /// The customer has already done it.
        case done
        /// Today's date moved it: it was not done by its day.
        case late
    }

    /// What kind it is.
    public var kind: Kind
    /// The step, goal or milestone id, or the check-in's number.
    public var id: String
    /// What changed, as the customer reads it: a step's or milestone's title, a goal's text, a check-in's kind.
    public var title: String
    /// The day it was on before.
    public var from: Day?
    /// The day it is on now.
    public var to: Day?
    /// Working days between `from` and `to`: positive when later.
    public var workingDays: Int?
    /// Why, in terms the customer understands.
    public var reason: Reason?
    /// The goal or pain point the reason is about.
    public var about: String?
}

/// Step 6 of building a plan: what changed since the previous version.
public enum Changes {
    /// The differences from `old` to `new`, in a stable order: steps finished since (good news first), then
    /// steps, milestones, goals, check-ins.
    public static func between(_ old: Plan, _ new: Plan) -> [PlanChange] {
        let calendar = new.calendar
        func shift(_ from: Day, _ to: Day) -> Int { calendar.workingDaysBetween(from, to) }
        var changes: [PlanChange] = []

        let oldSteps = Dictionary(uniqueKeysWithValues: old.steps.map { ($0.id, $0) })
        let newSteps = Dictionary(uniqueKeysWithValues: new.steps.map { ($0.id, $0) })
        let oldGoals = Dictionary(uniqueKeysWithValues: old.goals.map { ($0.id, $0) })
        let newGoals = Dictionary(uniqueKeysWithValues: new.goals.map { ($0.id, $0) })
        let oldPains = Dictionary(uniqueKeysWithValues: old.painPoints.map { ($0.id, $0) })
        let newPains = Dictionary(uniqueKeysWithValues: new.painPoints.map { ($0.id, $0) })

        for step in new.steps where step.done {
            if let before = oldSteps[step.id], !before.done {
                changes.append(PlanChange(kind: .stepDone, id: step.id, title: step.title, from: before.start, to: step.end))
            }
        }
        for step in new.steps {
            if step.done, let before = oldSteps[step.id], !before.done { continue }
            guard let before = oldSteps[step.id] else {
                let (reason, about) = why(step, ownGoals: newGoals, ownPains: newPains, otherGoals: oldGoals, otherPains: oldPains)
                changes.append(PlanChange(kind: .stepAdded, id: step.id, title: step.title, to: step.start, reason: reason, about: about))
                continue
            }
            if before.start != step.start {
                changes.append(PlanChange(kind: .stepMoved, id: step.id, title: step.title, from: before.start, to: step.start,
                                          workingDays: shift(before.start, step.start), reason: step.rescheduledFrom != nil ? .late : nil))
            }
        }
        for step in old.steps where newSteps[step.id] == nil {
            let (reason, about) = why(step, ownGoals: oldGoals, ownPains: oldPains, otherGoals: newGoals, otherPains: newPains)
            changes.append(PlanChange(kind: .stepDropped, id: step.id, title: step.title, from: step.start, reason: reason, about: about))
        }

        let oldMilestones = Dictionary(old.milestones.filter { $0.kind == .step }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for milestone in new.milestones where milestone.kind == .step {
            // A step finished since is celebrated above, not "moved".
            if newSteps[milestone.id]?.done == true, oldSteps[milestone.id]?.done == false { continue }
            if let before = oldMilestones[milestone.id], before.day != milestone.day {
                changes.append(PlanChange(kind: .milestoneMoved, id: milestone.id, title: milestone.title, from: before.day, to: milestone.day,
                                          workingDays: shift(before.day, milestone.day)))
            }
        }

        for goal in new.goals {
            guard let before = oldGoals[goal.id] else {
                changes.append(PlanChange(kind: .goalAdded, id: goal.id, title: goal.text, to: goal.milestone))
                continue
            }
            if before.by != goal.by, let from = before.by, let to = goal.by {
                changes.append(PlanChange(kind: .goalDateMoved, id: goal.id, title: goal.text, from: from, to: to, workingDays: shift(from, to)))
            }
            if before.milestone != goal.milestone, let from = before.milestone, let to = goal.milestone {
                changes.append(PlanChange(kind: .milestoneMoved, id: "goal:" + goal.id, title: goal.text, from: from, to: to, workingDays: shift(from, to)))
            }
            if before.status != goal.status {
                switch goal.status {
                case .atRisk:
                    changes.append(PlanChange(kind: .goalAtRisk, id: goal.id, title: goal.text, to: goal.milestone, workingDays: goal.workingDaysLate))
                case .onTrack where before.status == .atRisk:
                    changes.append(PlanChange(kind: .goalOnTrack, id: goal.id, title: goal.text, to: goal.milestone))
                case .reached:
                    changes.append(PlanChange(kind: .goalReached, id: goal.id, title: goal.text))
                case .missed:
                    changes.append(PlanChange(kind: .goalMissed, id: goal.id, title: goal.text, to: goal.by))
                default:
                    break
                }
            }
        }
        for goal in old.goals where newGoals[goal.id] == nil {
            changes.append(PlanChange(kind: .goalDropped, id: goal.id, title: goal.text))
        }

        for pain in new.painPoints where oldPains[pain.id] == nil {
            changes.append(PlanChange(kind: .painPointAdded, id: pain.id, title: pain.text))
        }
        for pain in old.painPoints where newPains[pain.id] == nil {
            changes.append(PlanChange(kind: .painPointDropped, id: pain.id, title: pain.text))
        }

        let oldCheckIns = Dictionary(uniqueKeysWithValues: old.checkIns.map { (checkInKey($0), $0) })
        let newCheckIns = Dictionary(uniqueKeysWithValues: new.checkIns.map { (checkInKey($0), $0) })
        for checkIn in new.checkIns {
            if let before = oldCheckIns[checkInKey(checkIn)] {
                if before.day != checkIn.day {
                    changes.append(PlanChange(kind: .checkInMoved, id: checkInKey(checkIn), title: checkIn.kind.rawValue, from: before.day,
                                              to: checkIn.day, workingDays: shift(before.day, checkIn.day)))
                }
            } else {
                changes.append(PlanChange(kind: .checkInAdded, id: checkInKey(checkIn), title: checkIn.kind.rawValue, to: checkIn.day))
            }
        }
        for checkIn in old.checkIns where newCheckIns[checkInKey(checkIn)] == nil {
            changes.append(PlanChange(kind: .checkInDropped, id: checkInKey(checkIn), title: checkIn.kind.rawValue, from: checkIn.day))
        }
        return changes
    }

    /// Check-ins are matched by kind and, for regular ones, their number; the wrap-up is always the wrap-up.
    private static func checkInKey(_ checkIn: CheckIn) -> String {
        checkIn.kind == .checkIn ? "check-in-\(checkIn.number - 1)" : checkIn.kind.rawValue
    }

    /// Why a step is in one version of the plan (`own`) and not in the other: a goal or pain point only its
    /// version has, progress only its version records, a prerequisite, the flow's requirement, or the persona.
    private static func why(_ step: PlannedStep, ownGoals: [String: GoalStatus], ownPains: [String: PainPointStatus],
                            otherGoals: [String: GoalStatus], otherPains: [String: PainPointStatus]) -> (PlanChange.Reason, String?) {
        for reason in step.reasons {
            switch reason.kind {
            case .serves where otherGoals[reason.id!] == nil: return (.goal, ownGoals[reason.id!]?.text)
            case .solves where otherPains[reason.id!] == nil: return (.painPoint, ownPains[reason.id!]?.text)
            default: continue
            }
        }
        if step.reasons.contains(where: { $0.kind == .done }) { return (.done, nil) }
        if step.reasons.allSatisfy({ $0.kind == .prerequisite }) { return (.prerequisite, nil) }
        if step.reasons.contains(where: { $0.kind == .required }) { return (.flow, nil) }
        // Its goals and pain points are in both versions, so what changed is the persona (or the flow).
        return (.audience, nil)
    }
}
