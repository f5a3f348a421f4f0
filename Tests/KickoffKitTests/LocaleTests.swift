import Foundation
import Testing
@testable import KickoffKit

@Suite("Handouts in English, Czech and Chinese")
struct LocaleTests {
    @Test func everyLanguageHasEveryPhrase() throws {
        // Each table is checked against Phrase when it loads: here, each has loaded.
        #expect(Set(Fixtures.templates.locales) == Set(HandoutLocale.allCases))
        for locale in HandoutLocale.allCases {
            for phrase in Phrase.allCases { #expect(!Fixtures.templates.strings[locale]!.text(phrase, ["csm": "Chris"]).isEmpty, "\(locale.rawValue): \(phrase.rawValue)") }
        }
    }

    @Test func aPhraseIsFoundByItsPlaceInTheList() {
        // Tables keep wording in `allCases` order and find it by `index`: every phrase must map to its own place.
        #expect(Phrase.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
        #expect([1, 2].contains(MemoryLayout<Phrase>.size), "index reads a one- or two-byte case number")
        #expect(PluralCategory.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }

    /// A copy of the shipped templates with one change to one locale's table.
    func loadingTemplates(editing locale: String, _ edit: (String) -> String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("templates"), to: folder)
        let table = folder.appendingPathComponent("strings/\(locale).yaml")
        let text = try String(contentsOf: table, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit changed the table")
        try edited.write(to: table, atomically: true, encoding: .utf8)
        return Fixtures.message { _ = try Templates.load(from: folder.path) }?.replacingOccurrences(of: folder.path + "/", with: "")
    }

    @Test func sentencesCompileTheirPlaceholders() throws {
        let sentence = try #require(Sentence("**{{day}}** · Step {{ number }}: {{title}} ({{čas}})"))
        let values = ["day": "Mon", "number": "3", "title": "*Go*", "čas": "2 h"]
        #expect(sentence.fill(escaping: .none) { values[$0] } == "Mon · Step 3: *Go* (2 h)")
        #expect(sentence.fill(escaping: .markdown) { values[$0] } == "**Mon** · Step 3: \\*Go\\* (2 h)")
        #expect(sentence.fill(escaping: .html) { _ in "<b>" } == "**&lt;b&gt;** · Step &lt;b&gt;: &lt;b&gt; (&lt;b&gt;)")
        #expect(try #require(Sentence("no placeholders")).fill(escaping: .none) { _ in nil } == "no placeholders")
        #expect(try #require(Sentence("{{a}}{{b}}")).fill(escaping: .none) { $0 == "a" ? "x" : nil } == "x")
        for mustache in ["{{#list}}x{{/list}}", "{{unclosed", "{{}}", "{{a b}}", "{{{triple}}}", "{{> partial}}"] {
            #expect(Sentence(mustache) == nil, "\(mustache)")
        }
    }

    @Test func aMissingPhraseInOneLanguageFailsAtLoad() throws {
        #expect(try loadingTemplates(editing: "cs") { $0.replacingOccurrences(of: "\ngoals_heading: Vaše cíle\n", with: "\n") } ==
                "strings/cs.yaml: goals_heading: is missing; add it in cs (strings/en.yaml has every phrase)")
        #expect(try loadingTemplates(editing: "zh-Hans") { $0.replacingOccurrences(of: "\nfooter:", with: "\nfooter_x:") }?
                .hasPrefix("strings/zh-Hans.yaml:") == true)
    }

    @Test func aPhraseKickoffDoesNotUseFailsAtLoad() throws {
        let message = try loadingTemplates(editing: "en") { $0 + "goals_headng: Your goals\n" }
        #expect(message?.hasSuffix(": goals_headng: is not a phrase Kickoff uses; did you mean goals_heading? remove it or fix its spelling") == true)
    }

    /// Every sample account, rendered in every language.
    static var cases: [(String, HandoutLocale)] {
        GoldenTests.samples.flatMap { sample in HandoutLocale.allCases.map { (sample, $0) } }
    }

    @Test("Nothing is left untranslated or unrendered", arguments: cases)
    func rendersCompletely(_ sample: String, _ locale: HandoutLocale) throws {
        let pipeline = Pipeline(templates: Fixtures.templates)
        var (profile, _) = try pipeline.loadProfile(at: "plans/\(sample)".relativeToRoot)
        profile.locale = locale
        let flow = try pipeline.loadFlow(for: profile).localized(for: locale)
        let (plan, _) = try PlanBuilder.build(profile: profile, flow: flow)
        let files = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: Fixtures.templates)
        let html = files["plan.html"]!
        #expect(html.contains("<html lang=\"\(locale.rawValue)\">"))
        // Unclosed emphasis shows as literal asterisks; a missing key shows as [key].
        #expect(!html.contains("**"))
        #expect(html.range(of: #"\[[a-z_]+\]"#, options: .regularExpression) == nil)
    }

    @Test func czechPluralForms() throws {
        let cs = Fixtures.templates.strings[.cs]!
        #expect(cs.text(.daysCount, count: 1) == "1 den")
        #expect(cs.text(.daysCount, count: 2) == "2 dny")
        #expect(cs.text(.daysCount, count: 4) == "4 dny")
        #expect(cs.text(.daysCount, count: 5) == "5 dní")
        #expect(cs.text(.stepsCount, count: 12) == "12 kroků")
        let en = Fixtures.templates.strings[.en]!
        #expect(en.text(.stepsCount, count: 1) == "1 step")
        #expect(en.text(.stepsCount, count: 0) == "0 steps")
    }

    @Test func datesReadAsEachLanguageWritesThem() throws {
        let day = Fixtures.day("2026-12-01")
        func format(_ locale: HandoutLocale) -> DayFormat {
            let table = Fixtures.templates.strings[locale]!
            return DayFormat(strings: table)
        }
        #expect(format(.en).long(day) == "Tuesday, 1 December 2026")
        #expect(format(.cs).long(day) == "1.\u{00A0}prosince 2026")
        #expect(format(.zhHans).long(day) == "2026年12月1日 星期二")
        #expect(format(.en).short(day) == "Tue 1 Dec")
        #expect(format(.zhHans).short(day) == "12月1日 周二")
    }

    @Test func flowTextFollowsTheLanguageWhereTheFlowGivesIt() throws {
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: """
          - id: a
            title: {en: Create your account, cs: Založte si účet}
            phase: setup
            value: Only English
        """))
        #expect(flow.localized(for: .cs).steps[0].title == "Založte si účet")
        #expect(flow.localized(for: .cs).steps[0].value == "Only English")
        #expect(flow.localized(for: .zhHans).steps[0].title == "Create your account")
        #expect(Fixtures.flowError(Fixtures.flowYAML(steps: "  - id: a\n    title: {en: A, de: B}\n    phase: setup")) ==
            "flows/testly.yaml:13: steps[0].title.de: unknown field; known fields here: en, cs, zh-Hans")
    }
}

/// `kickoff validate` tells the CSM which texts of a plan the flow does not give in the handout's language.
@Suite("Untranslated flow texts")
struct UntranslatedTests {
    @Test func aStepWithoutTheHandoutsLanguageIsNamedWithItsLine() throws {
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: """
              - id: a
                title: {en: Create the account, cs: Vytvořte účet}
                phase: setup
                required: true
                guide: {en: "1. Open the link.", cs: "1. Otevřete odkaz."}
              - id: b
                title: {en: Import contacts, cs: Importujte kontakty}
                phase: setup
                required: true
                after: [a]
                guide: "1. Export a CSV."
            """))
        var profile = try Fixtures.profile(Fixtures.profileYAML())
        profile.locale = .cs
        let plan = try PlanBuilder.build(profile: profile, flow: flow).0
        let warnings = Pipeline.untranslated(plan: plan, flow: flow, locale: .cs)
        #expect(warnings.map(\.description) == ["flows/testly.yaml:17: warning: steps.b: has no cs text for guide; the cs handout shows it in English"])
        #expect(Pipeline.untranslated(plan: plan, flow: flow, locale: .en).isEmpty)
    }

    @Test func theSampleFlowsSpeakTheirSampleAccountsLanguages() throws {
        let result = try CommandLineTests().run(["validate", "plans/pekarna-u-mlyna.yaml", "plans/qinghe-tea.yaml"])
        #expect(!result.stderr.contains("shows it in English"), "\(result.stderr)")
    }
}
