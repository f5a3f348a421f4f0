import Testing
@testable import KickoffKit

@Suite("Selecting steps")
struct SelectionTests {
    let flow = Fixtures.flowYAML(steps: """
      - id: account
        title: Account
        phase: setup
        required: true
      - id: domain
        title: Domain
        phase: setup
        after: [account]
      - id: import
        title: Import
        phase: setup
        after: [account]
        solves: [scattered]
      - id: campaign
        title: Campaign
        phase: first-value
        after: [import, domain]
        serves: [first-campaign]
      - id: api
        title: API
        phase: indispensable
        after: [account]
        serves: [first-campaign]
        audience:
          experience: [expert]
      - id: experts-only-base
        title: Base
        phase: setup
        audience:
          experience: [expert]
      - id: beginner-thing
        title: Beginner thing
        phase: habit
        after: [experts-only-base]
        solves: [scattered]
      - id: unrelated
        title: Unrelated
        phase: habit
    """)

    func plan(_ extra: String) throws -> Plan {
        try Fixtures.plan(profile: Fixtures.profileYAML(extra), flow: flow)
    }

    @Test func takesRequiredStepsAndWhatMatchesPainsAndGoalsWithTheirPrerequisites() throws {
        let plan = try plan("""
        persona:
          experience: beginner
        goals:
          - id: first-campaign
            text: First campaign
        """)
        #expect(Set(plan.steps.map(\.id)) == ["account", "domain", "import", "campaign"])
        #expect(plan.step("domain")?.reasons == [SelectionReason(kind: .prerequisite, id: "campaign")])
        #expect(plan.step("campaign")?.reasons == [SelectionReason(kind: .serves, id: "first-campaign")])
        #expect(plan.step("account")?.reasons.first == SelectionReason(kind: .required))
    }

    @Test func leavesOutStepsForOtherAudiencesUnlessAnotherStepNeedsThem() throws {
        let plan = try plan("""
        persona:
          experience: beginner
        pain_points:
          - id: scattered
            text: Scattered contacts
        """)
        // `api` is for experts only; `experts-only-base` is too, but `beginner-thing` needs it.
        #expect(plan.step("api") == nil)
        #expect(plan.step("experts-only-base")?.reasons == [SelectionReason(kind: .prerequisite, id: "beginner-thing")])
        #expect(plan.step("beginner-thing") != nil)
    }

    @Test func aPersonaThatDoesNotSayIsNotExcluded() throws {
        let plan = try plan("goals:\n  - id: first-campaign\n    text: F")
        #expect(plan.step("api") != nil)
    }

    @Test func rolesMatchWithoutRegardToCase() {
        let audience = Audience(experience: nil, roles: ["Marketer"])
        #expect(audience.includes(Persona(role: "marketer")))
        #expect(!audience.includes(Persona(role: "developer")))
    }

    @Test func reportsPainPointsAndGoalsNoStepAddresses() throws {
        let (plan, warnings) = try PlanBuilder.build(profile: try Fixtures.profile(Fixtures.profileYAML("""
        persona:
          experience: beginner
        pain_points:
          - id: churn
            text: Customers leave
        goals:
          - id: api-live
            text: API in production
        """)), flow: try Fixtures.flow(flow))
        #expect(plan.painPoints == [PainPointStatus(id: "churn", text: "Customers leave", steps: [])])
        #expect(plan.goals.first?.status == .unaddressed)
        #expect(warnings.map(\.description) == [
            "plans/acme.yaml:7: warning: pain_points: Testly has no step that solves \"churn\"",
            "plans/acme.yaml:10: warning: goals: Testly has no step that serves \"api-live\"",
        ])
    }

    @Test func progressMustNameAStepOfTheFlow() throws {
        let profile = try Fixtures.profile(Fixtures.profileYAML("progress:\n  acount: 2026-12-01"))
        #expect(throws: KickoffError(file: "plans/acme.yaml", line: 5, field: "progress.acount", problem: "Testly has no step \"acount\"", fix: "did you mean account?")) {
            try PlanBuilder.build(profile: profile, flow: try Fixtures.flow(flow))
        }
    }
}

@Suite("Ordering steps")
struct OrderingTests {
    @Test func prerequisitesFirstThenPhaseThenFlowOrder() throws {
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: """
          - id: habit-a
            title: Habit A
            phase: habit
            required: true
          - id: setup-b
            title: Setup B
            phase: setup
            required: true
            after: [late-setup]
          - id: setup-a
            title: Setup A
            phase: setup
            required: true
          - id: late-setup
            title: Late setup
            phase: first-value
            required: true
        """))
        let ordered = Ordering.order(Set(flow.steps.map(\.id)), in: flow)
        // setup-a is the only ready setup step; setup-b must wait for late-setup (first-value), which beats habit-a.
        #expect(ordered.map(\.id) == ["setup-a", "late-setup", "setup-b", "habit-a"])
    }

    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        let root = Fixtures.root.path
        let pipeline = Pipeline(templates: Fixtures.templates)
        let first = try pipeline.build(profileAt: "\(root)/plans/acme-outdoor.yaml")
        let second = try Pipeline(templates: Fixtures.templates).build(profileAt: "\(root)/plans/acme-outdoor.yaml")
        #expect(first.files == second.files)
    }
}
