import Foundation
import Testing
@testable import KickoffKit

/// Recorded progress must be able to be true: done on a day that has come, on or after the start, for a step of
/// this account's plan. A step done before its prerequisites is worth a warning.
@Suite("Recorded progress")
struct ProgressTests {
    let flow = Fixtures.flowYAML(steps: """
          - id: a
            title: A
            phase: setup
            required: true
          - id: b
            title: B
            phase: setup
            required: true
            after: [a]
          - id: extra
            title: Extra
            phase: habit
            serves: [later]
        """)

    func build(_ progress: String, asOf: String? = "2026-12-03") throws -> (Plan, [Warning]) {
        let profile = try Fixtures.profile(Fixtures.profileYAML("progress:\n" + progress))
        return try PlanBuilder.build(profile: profile, flow: try Fixtures.flow(flow), asOf: asOf.map(Fixtures.day))
    }

    func message(_ progress: String, asOf: String? = "2026-12-03") -> String? {
        Fixtures.message { _ = try build(progress, asOf: asOf) }
    }

    @Test func aDayInTheFutureIsAnError() {
        #expect(message("  a: 2027-05-01") == "plans/acme.yaml:5: progress.a: 2027-05-01 is in the future (the plan is built as of 2026-12-03); record the day the step was actually done")
        #expect(message("  a: 2026-12-04") != nil)
        #expect(message("  a: 2026-12-03") == nil)
    }

    @Test func aDayBeforeTheStartIsAnError() {
        #expect(message("  a: 2026-11-30") == "plans/acme.yaml:5: progress.a: 2026-11-30 is before the start (2026-12-01); use a day on or after 2026-12-01, or move start: earlier")
    }

    @Test func aStepNotInThisPlanIsAnError() {
        #expect(message("  extra: 2026-12-02") == "plans/acme.yaml:5: progress.extra: \"extra\" is not in this account's plan: no required step, pain point or goal of this persona needs it; remove this line, or add the pain point or goal the step is for")
    }

    @Test func aStepDoneBeforeItsPrerequisiteIsAWarning() throws {
        let (_, early) = try build("  a: 2026-12-03\n  b: 2026-12-02")
        #expect(early.map(\.description) == ["plans/acme.yaml:6: warning: progress.b: done on 2026-12-02, before its prerequisite \"a\" (done on 2026-12-03)"])
        let (_, missing) = try build("  b: 2026-12-02")
        #expect(missing.map(\.description) == ["plans/acme.yaml:5: warning: progress.b: done, but its prerequisite \"a\" is not recorded done; record it too if the customer did it"])
        let (_, inOrder) = try build("  a: 2026-12-01\n  b: 2026-12-02")
        #expect(inOrder.isEmpty)
    }

    @Test func withoutABuildDayOnlyTheFutureIsNotChecked() {
        #expect(message("  a: 2027-05-01", asOf: nil) == nil)
        #expect(message("  a: 2026-11-30", asOf: nil) != nil)
    }
}
