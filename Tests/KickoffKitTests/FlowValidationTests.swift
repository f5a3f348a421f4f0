import Testing
@testable import KickoffKit

@Suite("Flow validation")
struct FlowValidationTests {
    @Test func loadsStepsWithEveryField() throws {
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: """
          - id: create-account
            title: Create your account
            phase: setup
            owner: together
            effort: 2h
            wait: 2d
            after: []
            required: true
            solves: [low-open-rates]
            serves: [first-campaign]
            audience:
              experience: [beginner, intermediate]
              roles: [marketer]
            value: Why it **matters**
            guide: |
              1. Open **Settings**.
            milestone: Ready
            resources:
              - title: Video
                url: https://help.example/v
        """))
        let step = flow.steps[0]
        #expect(step.owner == .together)
        #expect(step.effort == Effort(minutes: 120))
        #expect(step.wait == 2)
        #expect(step.required)
        #expect(step.solves == ["low-open-rates"])
        #expect(step.audience == Audience(experience: [.beginner, .intermediate], roles: ["marketer"]))
        #expect(step.guide == "1. Open **Settings**.\n")
        #expect(step.resources == [Resource(title: "Video", url: "https://help.example/v")])
        #expect(step.line == 12)
    }

    @Test("Errors name file, line, field and the fix", arguments: [
        ("  - id: a\n    title: A\n    phase: setup\n  - id: a\n    title: B\n    phase: setup", "flows/testly.yaml:15: steps[1].id: step id \"a\" is used twice (first on line 12); give each step its own id"),
        ("  - id: a\n    title: A\n    phase: setpu", "flows/testly.yaml:14: steps[0].phase: \"setpu\" is not a phase of this flow; did you mean setup? use one of setup, first-value, habit, indispensable"),
        ("  - id: a\n    title: A\n    phase: setup\n    after: [b]", "flows/testly.yaml:15: steps[0].after[0]: names step \"b\", which this flow does not have; name a step id of this flow"),
        ("  - id: a\n    title: A\n    phase: setup\n    after: [a]", "flows/testly.yaml:15: steps[0].after[0]: step \"a\" cannot come after itself; remove a from its own after list"),
        ("  - id: a\n    title: A\n    phase: setup\n    efort: 1h", "flows/testly.yaml:15: steps[0].efort: unknown field; did you mean effort?"),
        ("  - id: a\n    title: A\n    phase: setup\n    effort: 90", "flows/testly.yaml:15: steps[0].effort: \"90\" is not an effort; use minutes, hours or days like 15m, 2h, 1d"),
        ("  - id: a\n    title: A\n    phase: setup\n    wait: 1w", "flows/testly.yaml:15: steps[0].wait: \"1w\" is not a wait; use working days like 0d or 2d"),
        ("  - id: a\n    title: A\n    phase: setup\n    owner: vendor", "flows/testly.yaml:15: steps[0].owner: \"vendor\" is not one of customer, csm, together; use one of customer | csm | together"),
        ("  - id: a\n    title: A\n    phase: setup\n    required: maybe", "flows/testly.yaml:15: steps[0].required: expected true or false, found \"maybe\""),
        ("  - id: a\n    title: A\n    phase: setup\n    resources:\n      - title: X\n        url: javascript:alert(1)", "flows/testly.yaml:17: steps[0].resources[0].url: \"javascript:alert(1)\" is not a web address Kickoff links to; use a full https://, http:// or mailto: address without spaces"),
        ("  - id: a\n    title: A", "flows/testly.yaml:12: steps[0].phase: is required; add phase: to steps[0]"),
    ])
    func reportsBadSteps(steps: String, message: String) {
        #expect(Fixtures.flowError(Fixtures.flowYAML(steps: steps)) == message)
    }

    @Test func namesACycle() {
        let message = Fixtures.flowError(Fixtures.flowYAML(steps: """
          - id: a
            title: A
            phase: setup
            after: [c]
          - id: b
            title: B
            phase: setup
            after: [a]
          - id: c
            title: C
            phase: setup
            after: [b]
        """))
        #expect(message == "flows/testly.yaml:12: steps.a.after: the steps wait on each other in a cycle: a → b → c → a; remove one of these prerequisites")
    }

    @Test func namesALongCycle() {
        let steps = (0..<30).map { "  - id: s\($0)\n    title: S\n    phase: setup\n    after: [s\(($0 + 29) % 30)]" }.joined(separator: "\n")
        let message = Fixtures.flowError(Fixtures.flowYAML(steps: steps)) ?? ""
        let expectedCycle = (0..<30).map { "s\($0)" }.joined(separator: " → ") + " → s0"
        #expect(message.contains(expectedCycle))
    }

    @Test func requiresProductPhasesAndSteps() {
        #expect(Fixtures.flowError("phases: []\nsteps: []\n") == "flows/testly.yaml:1: product: is required; add product: to the file")
        #expect(Fixtures.flowError("product: P\nphases: []\nsteps: []\n") == "flows/testly.yaml:2: phases: lists no phases; list at least one phase with id and title")
    }

    @Test func brandingIsChecked() {
        let flow = { (brand: String) in "product: P\nbrand:\n\(brand)\nphases:\n  - id: a\n    title: A\nsteps:\n  - id: s\n    title: S\n    phase: a\n" }
        #expect(Fixtures.flowError(flow("  accent: blue")) == "flows/testly.yaml:3: brand.accent: \"blue\" is not a colour; use #RRGGBB, like \"#2f6fde\" (quoted)")
        #expect(Fixtures.flowError(flow("  logo: https://cdn.example/logo.png")) == "flows/testly.yaml:3: brand.logo: \"https://cdn.example/logo.png\" is not a logo file; name a local .png, .jpg, .svg or .webp file, relative to the flow")
        #expect(Fixtures.flowError(flow("  accent: \"#0F7B6C\"\n  footer: Made in Prague")) == nil)
    }

    @Test func aMissingLogoFileIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-logo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try "product: P\nbrand:\n  logo: brand/missing.png\nphases:\n  - id: a\n    title: A\nsteps:\n  - id: s\n    title: S\n    phase: a\n    required: true\n"
            .write(to: folder.appendingPathComponent("flows/p.yaml"), atomically: true, encoding: .utf8)
        try "account: A\nflow: p\nstart: 2026-12-01\n".write(to: folder.appendingPathComponent("plans/a.yaml"), atomically: true, encoding: .utf8)
        let flowsPath = folder.appendingPathComponent("flows").path
        #expect(throws: KickoffError(file: "\(flowsPath)/p.yaml", line: 3, field: "brand.logo", problem: "\"brand/missing.png\" does not exist",
                                     fix: "check the path; it is relative to the flow file")) {
            try Pipeline(templates: Fixtures.templates).build(profileAt: folder.appendingPathComponent("plans/a.yaml").path)
        }
    }
}

import Foundation
