import Foundation
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
            "plans/acme.yaml:7: warning: pain_points: Testly has no step that solves \"churn\"; ids the flow knows: scattered",
            "plans/acme.yaml:10: warning: goals: Testly has no step that serves \"api-live\"; ids the flow knows: first-campaign",
        ])
    }

    @Test func aMisspeltIdOrRoleGetsDidYouMean() throws {
        let (_, warnings) = try PlanBuilder.build(profile: try Fixtures.profile(Fixtures.profileYAML("""
        persona:
          role: marketing
        pain_points:
          - id: scatterd
            text: Contacts everywhere
        goals:
          - id: first-campaing
            text: First campaign
        """)), flow: try Fixtures.flow(Fixtures.flowYAML(steps: """
          - id: import
            title: Import
            phase: setup
            solves: [scattered]
            audience:
              roles: [marketer, founder]
          - id: campaign
            title: Campaign
            phase: first-value
            serves: [first-campaign]
        """)))
        #expect(warnings.map(\.description) == [
            "plans/acme.yaml:7: warning: pain_points: Testly has no step that solves \"scatterd\"; did you mean scattered?",
            "plans/acme.yaml:10: warning: goals: Testly has no step that serves \"first-campaing\"; did you mean first-campaign?",
            "plans/acme.yaml:5: warning: persona.role: no step of Testly is for the role \"marketing\", so steps for a role are left out; did you mean marketer?",
        ])
    }

    @Test func strictTurnsWarningsIntoErrorsAndWritesNothing() throws {
        let command = CommandLineTests()
        let root = try command.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try BadInputCorpusTests.defaultFlow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        try (Fixtures.profileYAML("goals:\n  - id: launch\n    text: Launch")).write(to: root.appendingPathComponent("plans/acme.yaml"), atomically: true, encoding: .utf8)
        let lenient = try command.run(["validate", "plans/acme.yaml"], in: root)
        #expect(lenient.status == 0)
        let strict = try command.run(["validate", "--strict", "plans/acme.yaml"], in: root)
        #expect(strict.status == 1)
        #expect(strict.stderr == "error: plans/acme.yaml:5: goals: Testly has no step that serves \"launch\"; fix it, or leave out --strict to build with warnings\n")
        let build = try command.run(["build", "--strict", "plans/acme.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/acme").path))
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
        let ordered = Ordering.order(Array(flow.steps.indices), in: flow).map { flow.steps[$0] }
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
