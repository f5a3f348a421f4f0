import Testing
@testable import KickoffKit

@Suite("Scheduling on the working calendar")
struct SchedulingTests {
    /// A chain a → b → c (all customer steps) plus an independent CSM step.
    func chain(wait: String = "0d", effort: String = "1h") -> String {
        Fixtures.flowYAML(steps: """
          - id: a
            title: A
            phase: setup
            required: true
            effort: \(effort)
            wait: \(wait)
          - id: b
            title: B
            phase: setup
            required: true
            after: [a]
          - id: c
            title: C
            phase: first-value
            required: true
            after: [b]
          - id: review
            title: Review
            phase: setup
            owner: csm
            required: true
        """)
    }

    func days(_ plan: Plan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.steps.map { ($0.id, $0.start.iso) })
    }

    @Test func oneTaskPerWorkingDaySkippingTheWeekend() throws {
        // 2026-12-03 is a Thursday.
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(start: "2026-12-03"), flow: chain())
        #expect(days(plan) == ["a": "2026-12-03", "b": "2026-12-04", "c": "2026-12-07", "review": "2026-12-03"])
        #expect(plan.step("c")?.scheduled.skipped.map(\.iso) == ["2026-12-05", "2026-12-06"])
        #expect(plan.step("c")?.scheduled.prerequisite == "b")
    }

    @Test func skipsHolidays() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(start: "2026-12-23", "holidays: [2026-12-24, 2026-12-25]"), flow: chain())
        #expect(days(plan)["b"] == "2026-12-28")
        #expect(plan.step("b")?.scheduled.skipped.map(\.iso) == ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27"])
    }

    @Test func waitAddsWorkingDaysBeforeDependentsStart() throws {
        // a ends Tue 1 Dec; 2 working days of wait (Wed, Thu); b starts Fri.
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(), flow: chain(wait: "2d"))
        #expect(days(plan)["b"] == "2026-12-04")
        #expect(plan.step("b")?.scheduled.wait == 2)
    }

    @Test func multiDayEffortOccupiesWorkingDays() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(start: "2026-12-03"), flow: chain(effort: "2d"))
        #expect(plan.step("a")?.end.iso == "2026-12-04")
        #expect(days(plan)["b"] == "2026-12-07")
    }

    @Test func paceLimitsNewCustomerTasksPerDay() throws {
        let flow = Fixtures.flowYAML(steps: (1...5).map { "  - id: s\($0)\n    title: S\n    phase: setup\n    required: true" }.joined(separator: "\n"))
        let one = try Fixtures.plan(profile: Fixtures.profileYAML(), flow: flow)
        #expect(one.steps.map(\.start.iso) == ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"])
        #expect(one.steps[1].scheduled.paceLimited)
        let two = try Fixtures.plan(profile: Fixtures.profileYAML("pace: 2"), flow: flow)
        #expect(two.steps.map(\.start.iso) == ["2026-12-01", "2026-12-01", "2026-12-02", "2026-12-02", "2026-12-03"])
    }

    @Test func csmStepsDoNotCountTowardPace() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(), flow: chain())
        #expect(days(plan)["a"] == "2026-12-01")
        #expect(days(plan)["review"] == "2026-12-01")
    }

    @Test func doneStepsKeepTheirDaysAndDependentsFollowThem() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML("progress:\n  a: 2026-12-02\n  b: 2026-12-03"), flow: chain())
        #expect(plan.step("a")?.done == true)
        #expect(days(plan)["a"] == "2026-12-02")
        #expect(days(plan)["b"] == "2026-12-03")
        #expect(days(plan)["c"] == "2026-12-04")
    }

    @Test func asOfSchedulesRemainingWorkFromThatDay() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML("progress:\n  a: 2026-12-01"), flow: chain(), asOf: Fixtures.day("2026-12-09"))
        #expect(days(plan)["a"] == "2026-12-01")
        #expect(days(plan)["b"] == "2026-12-09")
        #expect(days(plan)["c"] == "2026-12-10")
    }

    @Test func stepsAreNumberedByDate() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(), flow: chain())
        #expect(plan.steps.map(\.id) == ["a", "review", "b", "c"])
    }
}

@Suite("Milestones and goals")
struct MilestoneTests {
    let flow = Fixtures.flowYAML(steps: """
      - id: a
        title: A
        phase: setup
        serves: [launch]
        milestone: A is done
      - id: b
        title: B
        phase: setup
        after: [a]
        serves: [launch]
    """)

    @Test func aGoalsMilestoneIsTheDayItsLastServingStepEnds() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML("goals:\n  - id: launch\n    text: Launch\n    by: 2026-12-02"), flow: flow)
        #expect(plan.goals[0].milestone?.iso == "2026-12-02")
        #expect(plan.goals[0].status == .onTrack)
        #expect(plan.milestones.map { "\($0.kind.rawValue) \($0.id) \($0.day.iso)" } == ["step a 2026-12-01", "goal launch 2026-12-02"])
    }

    @Test func aGoalAfterItsDateIsAtRiskByWorkingDays() throws {
        // Start Thursday: a Thu 3, b Fri 4. Due Wed 2? Not allowed before start, so due Thu 3: b misses by 1 working day.
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML(start: "2026-12-03", "goals:\n  - id: launch\n    text: Launch\n    by: 2026-12-03"), flow: flow)
        #expect(plan.goals[0].status == .atRisk)
        #expect(plan.goals[0].workingDaysLate == 1)
        let later = try Fixtures.plan(profile: Fixtures.profileYAML(start: "2026-12-04", "goals:\n  - id: launch\n    text: Launch\n    by: 2026-12-04"), flow: flow)
        // b lands on Monday 7 Dec: one working day after Friday, though three calendar days.
        #expect(later.goals[0].workingDaysLate == 1)
    }

    @Test func aGoalWhoseStepsAreAllDoneIsReached() throws {
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML("goals:\n  - id: launch\n    text: Launch\nprogress:\n  a: 2026-12-01\n  b: 2026-12-01"), flow: flow)
        #expect(plan.goals[0].status == .reached)
        #expect(plan.milestones.allSatisfy { $0.reached })
    }
}

@Suite("Check-ins")
struct CheckInTests {
    let calendar = WorkingCalendar(workingDays: [.mon, .tue, .wed, .thu, .fri], holidays: [Day(iso: "2026-12-08")!])

    func checkIns(_ cadence: Cadence, until last: String) -> [String] {
        CheckIns.derive(kickoff: Fixtures.day("2026-12-01"), lastStepEnd: Fixtures.day(last), cadence: cadence, calendar: calendar)
            .map { "\($0.kind.rawValue) \($0.day.iso)" }
    }

    @Test func weeklyFromKickoffToWrapUpMovingOffHolidays() {
        #expect(checkIns(.weekly, until: "2026-12-18") == [
            "kickoff 2026-12-01", "check-in 2026-12-09", "check-in 2026-12-15", "wrap-up 2026-12-21",
        ])
    }

    @Test func dailyTwiceWeeklyAndBiweekly() {
        #expect(checkIns(.daily, until: "2026-12-04") == [
            "kickoff 2026-12-01", "check-in 2026-12-02", "check-in 2026-12-03", "check-in 2026-12-04", "wrap-up 2026-12-07",
        ])
        #expect(checkIns(.twiceWeekly, until: "2026-12-11") == [
            "kickoff 2026-12-01", "check-in 2026-12-04", "check-in 2026-12-09", "check-in 2026-12-11", "wrap-up 2026-12-14",
        ])
        #expect(checkIns(.biweekly, until: "2026-12-31") == [
            "kickoff 2026-12-01", "check-in 2026-12-15", "check-in 2026-12-29", "wrap-up 2027-01-01",
        ])
    }

    @Test func aShortPlanStillHasKickoffAndWrapUp() {
        #expect(checkIns(.biweekly, until: "2026-12-01") == ["kickoff 2026-12-01", "wrap-up 2026-12-02"])
    }
}
