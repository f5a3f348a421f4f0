import Foundation
import Testing
@testable import KickoffKit

/// Templates are files the product team edits, compiled once against typed values: every name is checked when
/// Kickoff starts, and the layout rules are Mustache's.
@Suite("Templates")
struct TemplateTests {
    struct Card: TemplateModel {
        var name: String
        var note: String?
        var tags: [String]
        var urgent: Bool
        static let templateName = "a card"
        static let templateFields: [String: TemplateField<Card>] = [
            "name": .text(\.name), "note": .optional(\.note), "tags": .texts(\.tags, markdown: false), "urgent": .flag(\.urgent),
        ]
    }

    func render(_ source: String, _ card: Card, escaping: TemplateEscaping = .html) throws -> String {
        try Template<Card>(source: source, file: "t.mustache", defaultEscaping: escaping).render(card)
    }

    let card = Card(name: "A & <B>", note: nil, tags: ["x", "y"], urgent: true)

    @Test func escapesForTheOutputUnlessTripleBraced() throws {
        #expect(try render("{{name}}|{{{name}}}", card) == "A &amp; &lt;B&gt;|A & <B>")
        #expect(try render("{{% CONTENT_TYPE: MARKDOWN}}\n{{name}}", card) == MarkdownText.inline("A & <B>"))
        #expect(MarkdownText.inline("A & <B>") != "A & <B>")
    }

    @Test func sectionsListsFlagsAndInvertedSections() throws {
        #expect(try render("{{#tags}}[{{.}}]{{/tags}}{{#urgent}}!{{/urgent}}{{^note}}-{{/note}}{{#note}}{{note}}{{/note}}", card) == "[x][y]!-")
        var withNote = card
        withNote.note = "n"
        withNote.urgent = false
        #expect(try render("{{#urgent}}!{{/urgent}}{{^note}}-{{/note}}{{#note}}<{{.}}>{{/note}}", withNote) == "<n>")
    }

    @Test func tagsAloneOnTheirLineTakeTheLineWithThem() throws {
        let source = "before\n  {{#tags}}\n- {{.}}\n  {{/tags}}\n{{! a comment\n over lines }}\nafter {{#urgent}}inline{{/urgent}}\n"
        #expect(try render(source, card) == "before\n- x\n- y\nafter inline\n")
    }

    @Test func aMisspeltNameIsAnErrorWithItsLineWhenTheTemplateLoads() {
        #expect(Fixtures.message { _ = try render("line one\n{{#tags}}{{nmae}}{{/tags}}\n{{naem}}", card) } ==
                "t.mustache:2: uses {{nmae}}, which a line does not have; names here: .")
        #expect(Fixtures.message { _ = try render("line one\n\n{{naem}}", card) } ==
                "t.mustache:3: uses {{naem}}, which a card does not have; did you mean name? names here: name, note, tags, urgent")
        #expect(Fixtures.message { _ = try render("{{#tags}}x", card) } == "t.mustache: never closes {{#tags}}; add {{/tags}}")
        #expect(Fixtures.message { _ = try render("{{#tags}}x{{/urgent}}", card) } ==
                "t.mustache:1: closes {{/urgent}}, which is not open here; close {{#tags}} first")
        #expect(Fixtures.message { _ = try render("{{> partial}}", card) } ==
                "t.mustache:1: uses {{> partial}}, which Kickoff's templates do not support; use {{name}}, {{{name}}}, {{#name}}…{{/name}}, {{^name}}…{{/name}} or {{! comment }}")
    }

    @Test func theShippedTemplatesUseOnlyNamesTheModelHas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("templates"), to: folder)
        let page = folder.appendingPathComponent("plan.md.mustache")
        let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "{{{intro}}}\n{{#items}}", with: "{{{intor}}}\n{{#items}}")
        try text.write(to: page, atomically: true, encoding: .utf8)
        let message = Fixtures.message { _ = try Templates.load(from: folder.path) }
        #expect(message?.hasPrefix("\(folder.path)/plan.md.mustache:") == true)
        #expect(message?.contains("uses {{intor}}, which the goals does not have; did you mean intro?") == true)
    }

    @Test func aSectionIsFoundByItsIdentityNotItsHeading() throws {
        // A contact whose name has a line break, and a CSM named like another section's heading.
        let profile = try Fixtures.profile(Fixtures.profileYAML("contact:\n  name: \"Dana\\nLee\"\ncsm:\n  name: Timeline"))
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: "  - {id: a, title: A, phase: setup, required: true}"))
        let plan = try PlanBuilder.build(profile: profile, flow: flow).0
        let html = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: Fixtures.templates)["plan.html"]!
        let ids = html.components(separatedBy: "<section id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["quickstart", "welcome", "goals", "expect", "timeline", "milestones", "guide", "checkins", "resources", "success", "changes"])
        #expect(!html.contains("id=\"section\""))
        // The timeline picture is drawn inside the timeline section, and nowhere else.
        let sections = html.components(separatedBy: "<section id=\"").dropFirst().map { $0.components(separatedBy: "</section>")[0] }
        #expect(sections.filter { $0.contains("<svg") }.map { $0.prefix { $0 != "\"" } } == ["timeline"])
    }
}
