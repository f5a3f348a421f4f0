import Foundation
import PropertyBased
import Testing
@testable import KickoffKit

/// Properties every schedule has, for random flows and calendars.
@Suite("Scheduler properties")
struct SchedulerPropertyTests {
    /// A random acyclic flow: each step may wait on earlier ones; efforts, waits and owners vary.
    static func flow(steps: Int, choices: [Int]) -> ProductFlow {
        var pick = choices.makeIterator()
        func next(_ bound: Int) -> Int { bound <= 1 ? 0 : (pick.next() ?? 7) % bound }
        let owners: [Owner] = [.customer, .customer, .together, .csm]
        let phases = ["setup", "first-value", "habit", "indispensable"]
        let built = (0..<steps).map { index -> Step in
            let after = index == 0 ? [] : Array(Set((0..<next(3)).map { _ in "s\(next(index))" })).sorted()
            return Step(id: "s\(index)", title: "Step \(index)", phase: phases[next(4)], owner: owners[next(4)],
                        effort: Effort(minutes: [15, 60, 480, 960, 1440][next(5)]), wait: next(3), after: after,
                        required: true, solves: [], serves: [], audience: nil, value: nil, guide: nil, milestone: nil,
                        resources: [], line: index + 1)
        }
        return ProductFlow(file: "flows/random.yaml", product: "Random", tagline: nil, support: nil, brand: nil, resources: [],
                           phases: phases.map { Phase(id: $0, title: $0) }, steps: built)
    }

    static func profile(pace: Int, weekdayMask: Int, holidayOffsets: [Int], doneCount: Int, flow: ProductFlow) -> AccountProfile {
        let weekdays = Set(Weekday.allCases.enumerated().filter { weekdayMask & (1 << $0.offset) != 0 }.map(\.element))
        let holidays = Set(holidayOffsets.map { Day(iso: "2026-12-01")!.adding(days: $0) })
        let calendar = WorkingCalendar(workingDays: weekdays, holidays: holidays)
        let start = calendar.workingDay(onOrAfter: Day(iso: "2026-12-01")!)
        // The first steps in flow order (prerequisites always come earlier) are done, on the start day.
        let progress = flow.steps.prefix(doneCount).map { Progress(step: $0.id, day: start) }
        return AccountProfile(file: "plans/random.yaml", account: "Random", flow: "random", start: start, locale: .en, timezone: "UTC",
                              timezoneGiven: false, checkInTime: 600, contact: nil, csm: nil, persona: Persona(), painPoints: [],
                              goals: [], cadence: .weekly, pace: pace, calendar: calendar, holidays: holidays.sorted(),
                              progress: progress, notes: nil, lines: [:])
    }

    @Test func schedulesRespectPrerequisitesCalendarsAndPace() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...40), Gen.int(in: 0...1000).array(of: 0...160), Gen.int(in: 1...3),
                            Gen.int(in: 1...127), Gen.int(in: 0...90).array(of: 0...15), Gen.int(in: 0...5)) { steps, choices, pace, mask, holidayOffsets, done in
            let flow = Self.flow(steps: steps, choices: choices)
            let profile = Self.profile(pace: pace, weekdayMask: mask, holidayOffsets: holidayOffsets, doneCount: min(done, steps), flow: flow)
            guard let (plan, _) = try? PlanBuilder.build(profile: profile, flow: flow) else {
                Issue.record("a valid random flow could not be planned")
                return
            }
            let calendar = profile.calendar
            let waits = Dictionary(uniqueKeysWithValues: flow.steps.map { ($0.id, $0.wait) })
            let doneDays = Dictionary(uniqueKeysWithValues: profile.progress.map { ($0.step, $0.day) })
            #expect(plan.steps.count == steps)
            var newPerDay: [Day: Int] = [:], donePerDay: [Day: Int] = [:]
            for step in plan.steps {
                if let day = doneDays[step.id] {
                    #expect(step.done && step.start == day && step.end == day, "a done step keeps its day")
                } else {
                    #expect(calendar.isWorkingDay(step.start) && calendar.isWorkingDay(step.end), "\(step.id) is on working days")
                    for prerequisite in flow.steps.first(where: { $0.id == step.id })!.after {
                        let before = plan.step(prerequisite)!
                        let ready = calendar.adding(workingDays: 1 + waits[prerequisite]!, to: before.end)
                        #expect(step.start >= ready, "\(step.id) starts \(step.start) before \(prerequisite) ends \(before.end) plus its wait")
                    }
                }
                if step.owner.countsTowardPace {
                    if step.done { donePerDay[step.start, default: 0] += 1 } else { newPerDay[step.start, default: 0] += 1 }
                }
            }
            // Done work is a fact and may exceed the pace; nothing new is added to a day beyond it.
            for (day, count) in newPerDay {
                #expect(count + donePerDay[day, default: 0] <= pace, "\(count) new tasks on \(day) besides \(donePerDay[day, default: 0]) done, at pace \(pace)")
            }
            let again = try? PlanBuilder.build(profile: profile, flow: flow).0
            #expect(again == plan, "the same inputs give the same plan")
        }
    }
}
