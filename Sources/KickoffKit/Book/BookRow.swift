/// What the dashboard shows of one account: its status on the day it was built, with where its handout is,
/// how long it takes to its first goal, and its steps week by week.
public struct BookRow: Sendable {
    /// Where the account stands (against its own plan, on the build day).
    public var status: AccountStatus
    /// The output folder's name (the handout is `<slug>/plan.html`).
    public var slug: String
    /// The kickoff day.
    public var start: Day
    /// Calendar days from the start to the first goal's milestone: time to first value.
    public var daysToFirstValue: Int?
    /// Each step's planned last day and, when done, the day it was done.
    public var steps: [(planned: Day, done: Day?)]
    /// Steps the plan had to move later than the schedule from the start (not done by their day).
    public var slipped: Int
    /// The most working days one of them moved.
    public var worstSlip: Int

    /// The row for a plan as built (its own `done` flags are the progress), on `asOf`.
    public init(plan: Plan, slug: String, profile: String, asOf: Day) {
        status = AccountStatus(profile: profile, plan: plan, progress: [], asOf: asOf, lastBuilt: asOf)
        self.slug = slug
        start = plan.start
        daysToFirstValue = plan.goals.compactMap(\.milestone).min().map { $0.ordinal - plan.start.ordinal }
        steps = plan.steps.map { ($0.end, $0.done ? $0.end : nil) }
        let calendar = plan.calendar
        let moves = plan.steps.compactMap { step in step.rescheduledFrom.map { calendar.workingDaysBetween($0, step.start) } }
        slipped = moves.count
        worstSlip = moves.max() ?? 0
    }
}
