/// What the book's dashboard shows of one account, as of the day its plan was built. `plan.json` carries it
/// as its `summary`, so the dashboard of a whole book is made without reading every plan back.
public struct BookRow: Sendable, Equatable {
    /// Planned and done steps in one week.
    public struct WeekCount: Sendable, Equatable {
        /// Steps planned to end that week.
        public var planned = 0
        /// Steps done that week.
        public var done = 0

        /// A week with these counts.
        public init(planned: Int = 0, done: Int = 0) {
            self.planned = planned
            self.done = done
        }
    }

    /// The next step not done.
    public struct Next: Sendable, Equatable {
        /// The step's number in the plan.
        public var number: Int
        /// The step's title.
        public var title: String
        /// The day it is planned to start.
        public var day: Day
    }

    /// The account's name.
    public var account: String
    /// The output folder's name (the handout is `<slug>/plan.html`); empty until the row is placed in a book.
    public var slug = ""
    /// Steps done, and in the plan.
    public var done: Int, total: Int
    /// The next step not done, or nil when all are done.
    public var next: Next?
    /// Goals in all, and how many are missed, at risk or reached.
    public var goals: Int, goalsMissed: Int, goalsAtRisk: Int, goalsReached: Int
    /// Steps the plan had to move later than the schedule from the start (not done by their day), and the most
    /// working days one moved.
    public var slipped: Int, worstSlip: Int
    /// Calendar days from the start to the first goal's milestone: time to first value.
    public var daysToFirstValue: Int?
    /// Steps planned to end, and done, by week (the Monday's day number).
    public var weeks: [Int: WeekCount]
    /// The goals missed or at risk: their text, and `missed` or `at-risk`.
    public var risks: [(text: String, state: String)] = []

    /// Rows are equal when every field is (risks compared by text and state).
    public static func == (lhs: BookRow, rhs: BookRow) -> Bool {
        lhs.account == rhs.account && lhs.slug == rhs.slug && lhs.done == rhs.done && lhs.total == rhs.total && lhs.next == rhs.next
            && lhs.goals == rhs.goals && lhs.goalsMissed == rhs.goalsMissed && lhs.goalsAtRisk == rhs.goalsAtRisk
            && lhs.goalsReached == rhs.goalsReached && lhs.slipped == rhs.slipped && lhs.worstSlip == rhs.worstSlip
            && lhs.daysToFirstValue == rhs.daysToFirstValue && lhs.weeks == rhs.weeks
            && lhs.risks.map(\.text) == rhs.risks.map(\.text) && lhs.risks.map(\.state) == rhs.risks.map(\.state)
    }

    /// The row of a plan as built (its own `done` flags are the progress), on the day it was built for.
    public init(plan: Plan) {
        let asOf = plan.asOf ?? plan.start
        let status = AccountStatus(profile: "", plan: plan, progress: [], asOf: asOf, lastBuilt: asOf)
        account = plan.account
        done = status.done
        total = status.total
        next = status.next.map { Next(number: $0.number, title: $0.title, day: $0.day) }
        goals = status.goals.count
        goalsMissed = status.count(.missed)
        goalsAtRisk = status.count(.atRisk)
        goalsReached = status.count(.reached)
        risks = zip(plan.goals, status.goals).compactMap { goal, state in
            state == .missed || state == .atRisk ? (goal.text, state.rawValue) : nil
        }
        // How far the steps not done yet moved from the first version the customer received.
        slipped = status.slipped
        worstSlip = status.slip
        daysToFirstValue = plan.goals.compactMap(\.milestone).min().map { $0.ordinal - plan.start.ordinal }
        var weeks: [Int: WeekCount] = [:]
        for step in plan.steps {
            weeks[step.end.startOfWeek.ordinal, default: WeekCount()].planned += 1
            if step.done { weeks[step.end.startOfWeek.ordinal, default: WeekCount()].done += 1 }
        }
        self.weeks = weeks
    }

    /// How much the account needs the CSM: missed goals first, then how far the plan slipped, then goals at risk.
    public var attention: Int { goalsMissed * 1_000 + worstSlip * 20 + slipped * 5 + goalsAtRisk * 3 }
}
