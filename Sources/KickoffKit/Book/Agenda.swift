/// What the CSM should do today for one account, grouped by action: measured against the plan the customer
/// holds (its `plan.json` as last built) and the progress recorded since.
public enum AgendaItem: Sendable, Equatable {
    /// A check-in today or on the account's next working day: what was done since the last one, what comes next.
    case checkIn(day: Day, name: String, time: String?, doneSince: [String], next: [String])
    /// A customer step 2 or more working days past its planned end and not recorded done.
    case nudge(number: Int, title: String, due: Day, workingDaysLate: Int)
    /// A milestone reached since the last build (its step recorded done since), or a goal reached.
    case celebrate(title: String, day: Day)
    /// A goal that was on track in the plan sent and no longer is.
    case goalAtRisk(text: String, state: AccountStatus.GoalState, by: Day?)
    /// The account has no plan built (so no handout was sent).
    case notBuilt
    /// The plan is built but its welcome mail was never sent (the outbox's ledger has none).
    case notSent

    /// The group it is shown in, in the order the agenda shows them.
    public var group: Int {
        switch self {
        case .checkIn: return 0
        case .nudge: return 1
        case .celebrate: return 2
        case .goalAtRisk: return 3
        case .notBuilt, .notSent: return 4
        }
    }
}

extension BookEntry {
    /// The account's agenda for its day, each kind in the order the plan gives.
    public var agenda: [AgendaItem] { agenda(status: status) }

    /// The agenda, given the account's status (worked out once by the caller).
    func agenda(status: AccountStatus) -> [AgendaItem] {
        guard let plan else { return [.notBuilt] }
        let recorded = Dictionary(progress.filter { $0.day <= asOf }.map { ($0.step, $0.day) }, uniquingKeysWith: { first, _ in first })
        let isDone = { (step: PlannedStep) in step.done || recorded[step.id] != nil }
        let calendar = plan.calendar
        var items: [AgendaItem] = []

        // Check-ins today and on the next working day.
        let tomorrow = calendar.workingDay(onOrAfter: asOf.adding(days: 1))
        for (index, checkIn) in plan.checkIns.enumerated() where checkIn.day == asOf || checkIn.day == tomorrow {
            let previous = index > 0 ? plan.checkIns[index - 1].day : plan.start.adding(days: -1)
            let following = index + 1 < plan.checkIns.count ? plan.checkIns[index + 1].day : plan.end
            let doneSince = plan.steps.filter { step in
                guard let day = step.done ? step.end : recorded[step.id] else { return false }
                return day > previous && day <= checkIn.day
            }.map(\.title)
            let next = plan.steps.filter { !isDone($0) && $0.start <= following }.prefix(5).map(\.title)
            items.append(.checkIn(day: checkIn.day, name: checkInName(checkIn), time: plan.checkInTime, doneSince: doneSince, next: Array(next)))
        }
        // Customer steps two or more working days late.
        for (index, step) in plan.steps.enumerated() where step.owner != .csm && !isDone(step) && step.end < asOf {
            let late = calendar.workingDaysBetween(step.end, asOf)
            if late >= 2 { items.append(.nudge(number: index + 1, title: step.title, due: step.end, workingDaysLate: late)) }
        }
        // Milestones of steps recorded done since the plan was built.
        for milestone in plan.milestones where milestone.kind == .step && !milestone.reached {
            if let day = recorded[milestone.id] { items.append(.celebrate(title: milestone.title, day: day)) }
        }
        let states = status.goals
        for (goal, state) in zip(plan.goals, states) {
            if state == .reached, goal.status != .reached, let day = goal.steps.compactMap({ recorded[$0] }).max() {
                items.append(.celebrate(title: goal.text, day: day))
            }
            if state == .atRisk || state == .missed, goal.status == .onTrack {
                items.append(.goalAtRisk(text: goal.text, state: state, by: goal.by))
            }
        }
        return items
    }

    private func checkInName(_ checkIn: CheckIn) -> String {
        switch checkIn.kind {
        case .kickoff: return "kickoff call"
        case .checkIn: return "check-in \(checkIn.number - 1)"
        case .wrapUp: return "wrap-up review"
        }
    }
}

/// One account's agenda with what the agenda shows of the account.
public struct AccountAgenda: Sendable {
    /// The account's name.
    public var account: String
    /// The customer's champion, when the profile names one.
    public var contact: String?
    /// The profile file, as named.
    public var profile: String
    /// The account's day.
    public var asOf: Day
    /// What to do, by kind.
    public var items: [AgendaItem]
    /// Working days the plan slipped from the first version the customer received.
    public var slip: Int
    /// Days since a step was last recorded done (or since the start).
    public var daysSinceProgress: Int

    /// The agenda of a book entry.
    public init(_ entry: BookEntry) {
        account = entry.account
        contact = entry.contact
        profile = entry.path
        asOf = entry.asOf
        let status = entry.status
        items = entry.agenda(status: status)
        slip = status.slip
        daysSinceProgress = entry.plan == nil ? 0 : status.daysSinceProgress
    }

    /// Adds "not sent yet" when the account is built and `sent` (the accounts the outbox has sent a welcome to,
    /// by output folder name) does not name it.
    public mutating func noteUnsent(sent: Set<String>) {
        guard !items.contains(.notBuilt), !sent.contains(Slug.make(fromFileAt: profile)) else { return }
        items.append(.notSent)
    }
}
