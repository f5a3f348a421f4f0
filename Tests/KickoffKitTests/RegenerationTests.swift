import Foundation
import Testing
@testable import KickoffKit

/// Plans change when goals, pain points or progress do; the handout says what changed and why.
@Suite("Regenerating a plan")
struct RegenerationTests {
    let flow = Fixtures.flowYAML(steps: """
      - id: account
        title: Account
        phase: setup
        required: true
        milestone: Ready
      - id: import
        title: Import
        phase: setup
        after: [account]
        solves: [scattered]
      - id: campaign
        title: Campaign
        phase: first-value
        after: [account]
        serves: [first-campaign]
      - id: api
        title: API
        phase: indispensable
        after: [account]
        serves: [automation]
        audience:
          experience: [expert]
    """)

    func plan(_ extra: String, asOf: String? = nil) throws -> Plan {
        try Fixtures.plan(profile: Fixtures.profileYAML(extra), flow: flow, asOf: asOf.map(Fixtures.day))
    }

    @Test func lateStepsMoveForwardFromTodayAndSayWhereTheyWere() throws {
        let plan = try plan("goals:\n  - id: first-campaign\n    text: First campaign\nprogress:\n  account: 2026-12-01", asOf: "2026-12-10")
        #expect(plan.asOf?.iso == "2026-12-10")
        #expect(plan.step("account")?.start.iso == "2026-12-01")
        #expect(plan.step("campaign")?.start.iso == "2026-12-10")
        #expect(plan.step("campaign")?.rescheduledFrom?.iso == "2026-12-02")
        #expect(plan.steps.filter { !$0.done }.allSatisfy { $0.start >= Fixtures.day("2026-12-10") })
    }

    @Test func aRegenerationBeforeTheStartIsNotRecorded() throws {
        let plan = try plan("", asOf: "2026-11-20")
        #expect(plan.asOf == nil)
        #expect(plan.steps.allSatisfy { $0.rescheduledFrom == nil })
    }

    @Test func aNewGoalAddsStepsAndSaysWhy() throws {
        let old = try plan("goals:\n  - id: first-campaign\n    text: First campaign")
        let new = try plan("persona:\n  experience: expert\ngoals:\n  - id: first-campaign\n    text: First campaign\n  - id: automation\n    text: Automate")
        let changes = Changes.between(old, new)
        #expect(changes.contains(PlanChange(kind: .stepAdded, id: "api", title: "API", to: new.step("api")!.start, reason: .goal, about: "Automate")))
        #expect(changes.contains { $0.kind == .goalAdded && $0.id == "automation" })
    }

    @Test func aRemovedPainPointDropsItsStepAndSaysWhy() throws {
        let old = try plan("pain_points:\n  - id: scattered\n    text: Scattered contacts")
        let new = try plan("")
        let changes = Changes.between(old, new)
        #expect(changes.contains(PlanChange(kind: .stepDropped, id: "import", title: "Import", from: old.step("import")!.start,
                                            reason: .painPoint, about: "Scattered contacts")))
        #expect(changes.contains { $0.kind == .painPointDropped && $0.id == "scattered" })
    }

    @Test func aDoneStepDroppedWithItsPainPointSaysWhichPainPoint() throws {
        let old = try plan("pain_points:\n  - id: scattered\n    text: Scattered contacts\nprogress:\n  import: 2026-12-01")
        let new = try plan("")
        let dropped = Changes.between(old, new).first { $0.kind == .stepDropped }
        #expect(dropped?.id == "import")
        #expect(dropped?.reason == .painPoint)
        #expect(dropped?.about == "Scattered contacts")
    }

    @Test func anEarlierGoalDateMovesAndPutsTheGoalAtRisk() throws {
        let old = try plan("goals:\n  - id: first-campaign\n    text: First campaign\n    by: 2026-12-10")
        let new = try plan("goals:\n  - id: first-campaign\n    text: First campaign\n    by: 2026-12-01")
        let changes = Changes.between(old, new)
        #expect(changes.contains(PlanChange(kind: .goalDateMoved, id: "first-campaign", title: "First campaign",
                                            from: Fixtures.day("2026-12-10"), to: Fixtures.day("2026-12-01"), workingDays: -7)))
        #expect(changes.contains(PlanChange(kind: .goalAtRisk, id: "first-campaign", title: "First campaign",
                                            to: Fixtures.day("2026-12-02"), workingDays: 1)))
        #expect(Changes.between(new, old).contains { $0.kind == .goalOnTrack })
    }

    @Test func stepsMilestonesAndCheckInsMoveByWorkingDays() throws {
        let old = try plan("goals:\n  - id: first-campaign\n    text: First campaign")
        let new = try plan("goals:\n  - id: first-campaign\n    text: First campaign", asOf: "2026-12-08")
        let changes = Changes.between(old, new)
        #expect(changes.contains(PlanChange(kind: .stepMoved, id: "account", title: "Account", from: Fixtures.day("2026-12-01"),
                                            to: Fixtures.day("2026-12-08"), workingDays: 5, reason: .late)))
        #expect(changes.contains { $0.kind == .milestoneMoved && $0.id == "account" && $0.workingDays == 5 })
        #expect(changes.contains { $0.kind == .checkInMoved && $0.id == "wrap-up" })
    }

    @Test func nothingChangesNothingIsListed() throws {
        let one = try plan("goals:\n  - id: first-campaign\n    text: First campaign")
        #expect(Changes.between(one, one).isEmpty)
    }

    @Test func theHandoutSaysWhatChangedAndKeepsThePreviousVersion() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-regen-\(UUID().uuidString)")
        let plans = out.appendingPathComponent("plans")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try flow.write(to: out.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        let profile = plans.appendingPathComponent("acme.yaml")
        try Fixtures.profileYAML("goals:\n  - id: first-campaign\n    text: First campaign\n    by: 2026-12-10").write(to: profile, atomically: true, encoding: .utf8)
        let pipeline = Pipeline(templates: Fixtures.templates)
        let folder = out.appendingPathComponent("out").path

        let first = try Batch.run([profile.path], pipeline: pipeline, out: folder)
        #expect(Batch.Summary(first).created == 1)
        let firstJSON = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/acme/plan.json"))
        #expect(try String(contentsOfFile: "\(folder)/acme/plan.md", encoding: .utf8).contains("This is the first version of your plan."))

        try Fixtures.profileYAML("goals:\n  - id: first-campaign\n    text: First campaign\n    by: 2026-12-01").write(to: profile, atomically: true, encoding: .utf8)
        let second = try Batch.run([profile.path], pipeline: pipeline, out: folder)
        #expect(Batch.Summary(second).updated == 1)
        let markdown = try String(contentsOfFile: "\(folder)/acme/plan.md", encoding: .utf8)
        #expect(markdown.contains("- The target date of “First campaign” moved from Thu 10 Dec to Tue 1 Dec."))
        #expect(markdown.contains("- “First campaign” is now at risk: the plan gets there 1 working day after its target."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/acme/plan.previous.json")) == firstJSON)

        // Nothing changed since: nothing is rewritten, and the handout still says what changed last time.
        let before = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/acme").sorted().map { try Data(contentsOf: URL(fileURLWithPath: "\(folder)/acme/\($0)")) }
        let third = try Batch.run([profile.path], pipeline: pipeline, out: folder)
        #expect(Batch.Summary(third).unchanged == 1)
        let after = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/acme").sorted().map { try Data(contentsOf: URL(fileURLWithPath: "\(folder)/acme/\($0)")) }
        #expect(before == after)
    }
}

@Suite("Explaining a step's day")
struct ExplainTests {
    @Test func namesThePrerequisiteTheWaitThePaceAndTheSkippedDays() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-explain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try Fixtures.flowYAML(steps: """
          - id: domain
            title: Verify your domain
            phase: setup
            required: true
            wait: 1d
          - id: other
            title: Other task
            phase: setup
            required: true
          - id: campaign
            title: Send a campaign
            phase: first-value
            required: true
            after: [domain]
        """).write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        // Wed 23 Dec: domain Wed 23, other Mon 28 (24, 25 are holidays); campaign ready Tue 29 after one day's wait.
        try Fixtures.profileYAML(start: "2026-12-23", "holidays: [2026-12-24, 2026-12-25]")
            .write(to: root.appendingPathComponent("plans/acme.yaml"), atomically: true, encoding: .utf8)
        let lines = try Pipeline(templates: Fixtures.templates).explain(profileAt: root.appendingPathComponent("plans/acme.yaml").path, step: "campaign")
        #expect(lines == [
            "Step 3 of 3, “Send a campaign”, is on Tuesday, 29 December 2026.",
            "It is in the plan because it is part of every Testly setup.",
            "It comes after step 1, “Verify your domain”, which ends on Wednesday, 23 December 2026, plus a wait of 1 working day.",
            "It skips Thu 24 Dec (holiday), Fri 25 Dec (holiday), Sat 26 Dec and Sun 27 Dec.",
        ])
        let other = try Pipeline(templates: Fixtures.templates).explain(profileAt: root.appendingPathComponent("plans/acme.yaml").path, step: "2")
        #expect(other.contains("At most 1 new task starts on a working day; the days before were taken, so it moved from Wednesday, 23 December 2026 to Monday, 28 December 2026."))
        #expect(throws: KickoffError.self) { try Pipeline(templates: Fixtures.templates).explain(profileAt: root.appendingPathComponent("plans/acme.yaml").path, step: "campain") }
    }
}

/// Every sentence stays true on any as-of day.
@Suite("Sentences on a regenerated plan")
struct RegeneratedSentenceTests {
    @Test func aPlanRegeneratedAfterItsFirstWeekSaysNothingAboutZeroDays() throws {
        for day in ["2026-11-23", "2026-12-01", "2026-12-08", "2026-12-15", "2027-01-20"] {
            let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/acme-outdoor.yaml".relativeToRoot, asOf: .day(Fixtures.day(day)))
            let markdown = build.files["plan.md"]!
            #expect(!markdown.contains(" on 0 days"), "\(day)")
            #expect(!markdown.contains(" 0 days"), "\(day)")
        }
    }
}
