/// Builds a plan from a profile and its flow: select → order → schedule → milestones → check-ins.
import Foundation

/// Builds a plan from a profile and its flow.
public enum PlanBuilder {
    /// Builds the plan. `asOf` schedules remaining work from that day (a plan regenerated mid-way); it is recorded
    /// in the plan only when it falls after the start.
    ///
    /// Throws `KickoffError` when the profile and flow disagree (progress naming a step the flow does not have).
    public static func build(profile: AccountProfile, flow: ProductFlow, asOf: Day? = nil) throws -> (Plan, [Warning]) {
        var warnings: [Warning] = []
        for done in profile.progress where flow.stepPositions[done.step] == nil {
            let suggestion = closestMatch(to: done.step, in: flow.steps.map(\.id)).map { "did you mean \($0)?" }
            throw KickoffError(file: profile.file, line: profile.line(of: "progress.\(done.step)"), field: "progress.\(done.step)",
                               problem: "\(flow.product) has no step \"\(done.step)\"",
                               fix: suggestion ?? "use a step id from \(flow.file)")
        }

        // The day each step was done, by its place in the flow. Every recorded step is one of the flow's (checked
        // above); the first record of a step counts.
        var doneDays = [Day?](repeating: nil, count: flow.steps.count)
        for done in profile.progress {
            let position = flow.stepPositions[done.step]!
            if doneDays[position] == nil { doneDays[position] = done.day }
        }

        // 1. Select (each step's reasons, by its place in the flow)
        let reasons = Selection.reasons(flow: flow, profile: profile)
        warnings += try checkProgress(of: profile, flow: flow, selected: reasons, doneDays: doneDays, asOf: asOf)
        // 2. Order
        let ordered = Ordering.order(reasons.indices.filter { !reasons[$0].isEmpty }, in: flow)
        // 3. Schedule
        let asOf = asOf.flatMap { $0 > profile.start ? $0 : nil }
        let days = Scheduler(calendar: profile.calendar, pace: profile.pace, firstDay: asOf ?? profile.start)
            .schedule(ordered, in: flow, done: doneDays)
        // Regenerated mid-way: what the schedule from the start would have been, to mark steps that had to move.
        let original = asOf == nil ? nil : Scheduler(calendar: profile.calendar, pace: profile.pace, firstDay: profile.start)
            .schedule(ordered, in: flow, done: doneDays)
        let unsorted = ordered.map { position in
            let step = flow.steps[position], scheduled = days[position]!
            return PlannedStep(id: step.id, title: step.title, phase: step.phase, owner: step.owner,
                               effortMinutes: step.effort?.minutes, start: scheduled.start, end: scheduled.end,
                               done: doneDays[position] != nil, reasons: reasons[position], scheduled: scheduled.why,
                               rescheduledFrom: original.flatMap { $0[position]!.start < scheduled.start ? $0[position]!.start : nil })
        }
        // Number steps by date. Every step starts after its prerequisites end, so this order still respects them;
        // steps on the same day keep their dependency order.
        let steps = unsorted.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        let end = steps.map(\.end).max() ?? profile.start

        // 4. Milestones and goals
        let goals = Milestones.goalStatuses(steps: steps, profile: profile, asOf: asOf)
        let milestones = Milestones.derive(steps: steps, flow: flow, goals: goals)
        let painPoints = profile.painPoints.map { pain in
            let solves = SelectionReason(kind: .solves, id: pain.id)
            return PainPointStatus(id: pain.id, text: pain.text, steps: steps.indices.compactMap { steps[$0].reasons.contains(solves) ? steps[$0].id : nil })
        }
        // 5. Check-ins
        let checkIns = CheckIns.derive(kickoff: profile.start, lastStepEnd: end, cadence: profile.cadence, calendar: profile.calendar)

        // What the flow knows is listed only for a warning: most plans have none.
        for pain in painPoints where pain.steps.isEmpty {
            let knownPains = Array(Set(flow.steps.flatMap(\.solves))).sorted()
            let message = knownPains.contains(pain.id) ? "no step for this persona addresses \"\(pain.id)\""
                : "\(flow.product) has no step that solves \"\(pain.id)\"" + suggestion(pain.id, knownPains)
            warnings.append(Warning(file: profile.file, line: profile.line(of: "pain_points.\(pain.id)"), field: "pain_points", message: message))
        }
        for goal in goals where goal.status == .unaddressed {
            let knownGoals = Array(Set(flow.steps.flatMap(\.serves))).sorted()
            let message = knownGoals.contains(goal.id) ? "no step for this persona serves \"\(goal.id)\""
                : "\(flow.product) has no step that serves \"\(goal.id)\"" + suggestion(goal.id, knownGoals)
            warnings.append(Warning(file: profile.file, line: profile.line(of: "goals.\(goal.id)"), field: "goals", message: message))
        }
        // The role decides which steps are selected: one no step is for is almost always a typo.
        if let role = profile.persona.role, !flow.steps.contains(where: { $0.audience?.roles?.contains(role) == true }) {
            let knownRoles = Array(Set(flow.steps.flatMap { $0.audience?.roles ?? [] })).sorted()
            if !knownRoles.isEmpty {
                warnings.append(Warning(file: profile.file, line: profile.line(of: "persona"), field: "persona.role",
                                        message: "no step of \(flow.product) is for the role \(Excerpt.quoted(role)), so steps for a role are left out"
                                            + (closestMatch(to: role, in: knownRoles).map { "; did you mean \($0)?" } ?? "; roles the flow knows: \(knownRoles.joined(separator: ", "))")))
            }
        }
        for goal in goals where goal.status == .atRisk {
            warnings.append(Warning(file: profile.file, line: profile.line(of: "goals.\(goal.id)"), field: "goals",
                                    message: "\"\(goal.id)\" is at risk: its milestone \(goal.milestone!.iso) is \(goal.workingDaysLate) working day(s) after \(goal.by!.iso)"))
        }

        // Calendars and JSON dates have four-digit years; an all-day event ends the day after its last day.
        let lastDay = ([end] + checkIns.map(\.day) + goals.compactMap(\.milestone) + goals.compactMap(\.by)).max()!
        guard lastDay.adding(days: 1).components.year <= 9999 else {
            throw KickoffError(file: profile.file, line: profile.line(of: "start"), field: "start",
                               problem: "the plan would run past the year 9999", fix: "use a start date in this millennium")
        }

        let plan = Plan(
            account: profile.account, profile: FilePaths.name(of: profile.file), product: flow.product, locale: profile.locale, timezone: profile.timezone,
            checkInTime: profile.timezoneGiven ? Digits.clock(minutes: profile.checkInTime) : nil,
            start: profile.start, asOf: asOf, end: end, pace: profile.pace, cadence: profile.cadence,
            workingDays: profile.calendar.workingDays.sorted(), holidays: profile.holidays.sorted(),
            steps: steps, milestones: milestones, checkIns: checkIns, goals: goals, painPoints: painPoints,
            warnings: warnings.map(\.message))
        return (plan, warnings)
    }

    /// `; did you mean x?` when an id is near one the flow knows, else `; ids the flow knows: …` (at most ten).
    static func suggestion(_ id: String, _ known: [String]) -> String {
        if let near = closestMatch(to: id, in: known) { return "; did you mean \(near)?" }
        guard !known.isEmpty else { return "" }
        return "; ids the flow knows: " + known.prefix(10).joined(separator: ", ") + (known.count > 10 ? ", …" : "")
    }

    /// Progress that cannot be true is an error: a day after `asOf` (the day the plan is built for), a day before
    /// the start, a step this account's plan does not have. A step done before one of its prerequisites is a warning.
    /// `selected` and `doneDays` are by place in `flow.steps`.
    static func checkProgress(of profile: AccountProfile, flow: ProductFlow, selected: [[SelectionReason]], doneDays: [Day?], asOf: Day?) throws -> [Warning] {
        var warnings: [Warning] = []
        for done in profile.progress {
            let field = "progress.\(done.step)"
            let line = profile.line(of: field)
            func error(_ problem: String, _ fix: String) -> KickoffError {
                KickoffError(file: profile.file, line: line, field: field, problem: problem, fix: fix)
            }
            if let asOf, done.day > asOf {
                throw error("\(done.day.iso) is in the future (the plan is built as of \(asOf.iso))", "record the day the step was actually done")
            }
            if done.day < profile.start {
                throw error("\(done.day.iso) is before the start (\(profile.start.iso))", "use a day on or after \(profile.start.iso), or move start: earlier")
            }
            // Every recorded step is one of the flow's: checked before the plan is built.
            let position = flow.stepPositions[done.step]!
            // Selected only because it is recorded done: nothing this account needs includes it.
            if selected[position].allSatisfy({ $0.kind == .done }) {
                throw error("\"\(done.step)\" is not in this account's plan: no required step, pain point or goal of this persona needs it",
                            "remove this line, or add the pain point or goal the step is for")
            }
            for needed in flow.prerequisitePositions[position] where !selected[needed].isEmpty {
                let prerequisite = flow.steps[needed].id
                if let before = doneDays[needed] {
                    if before > done.day {
                        warnings.append(Warning(file: profile.file, line: line, field: field,
                                                message: "done on \(done.day.iso), before its prerequisite \"\(prerequisite)\" (done on \(before.iso))"))
                    }
                } else {
                    warnings.append(Warning(file: profile.file, line: line, field: field,
                                            message: "done, but its prerequisite \"\(prerequisite)\" is not recorded done; record it too if the customer did it"))
                }
            }
        }
        return warnings
    }
}
