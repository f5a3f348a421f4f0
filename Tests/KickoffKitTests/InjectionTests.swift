import Foundation
import Testing
@testable import KickoffKit

/// Profile text is untrusted: whatever it holds appears as text in every output, never as markup or new fields.
@Suite("Injection through profile text")
struct InjectionTests {
    static let hostile: [String: String] = [
        "account": "Acme <script>alert('account')</script> & Co.; BEGIN:VEVENT",
        "contact": "**Dana** [click](javascript:alert(1)) <img src=x onerror=alert(2)>",
        "role": "`rm -rf /` ![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "csm": "Chris\r\nUID:injected@evil\r\nEND:VEVENT",
        "pain": "# Heading?\n> quote\n- list\n1. list <iframe src=https://evil.example>",
        "goal": "Reach \"20%\" {{mustache}} {\"json\": true} \\u0000 &amp; &#60;",
        "measure": "\u{202E}txet desrever\u{202C} and \u{2067}isolate",
        "notes": "Line one\r\nLine two <b>bold?</b>\n\n[ref]: https://evil.example\n" + String(repeating: "x", count: 5000) + "\ttabbed",
    ]

    func build() throws -> (AccountBuild, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-inject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        func quoted(_ text: String) -> String { ProfileScaffold.quoted(text) }
        let h = Self.hostile
        let yaml = """
        account: \(quoted(h["account"]!))
        flow: emailsaurus
        start: 2026-12-01
        timezone: Europe/Prague
        contact:
          name: \(quoted(h["contact"]!))
          email: dana+onboarding@acme.example
          role: \(quoted(h["role"]!))
        csm:
          name: \(quoted(h["csm"]!))
        pain_points:
          - id: low-open-rates
            text: \(quoted(h["pain"]!))
        goals:
          - id: first-campaign
            text: \(quoted(h["goal"]!))
            measure: \(quoted(h["measure"]!))
        notes: \(quoted(h["notes"]!))
        """
        let path = root.appendingPathComponent("plans/acme.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return (try Pipeline(templates: Fixtures.templates).build(profileAt: path), root.path)
    }

    @Test func theHandoutShowsTextNeverMarkup() throws {
        let (build, root) = try build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let html = build.files["plan.html"]!
        for forbidden in ["<script", "<img src=x", "<iframe", "href=\"javascript", "src=\"data:image/svg+xml;base64,PHN2Zz4", "<b>bold", "<blockquote"] {
            #expect(!html.contains(forbidden), "the handout contains \(forbidden)")
        }
        // Event handlers only count inside a tag; as text they are just words.
        #expect(html.firstMatch(of: /<[^>]*\bon[a-z]+=/) == nil)
        for shown in ["Acme &lt;script&gt;alert('account')&lt;/script&gt; &amp; Co.; BEGIN:VEVENT",
                      "**Dana** [click](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt;",
                      "`rm -rf /` ![x](data:image/svg+xml;base64,PHN2Zz4=)",
                      "# Heading? &gt; quote - list 1. list &lt;iframe src=https://evil.example&gt;",
                      "Reach &quot;20%&quot; {{mustache}} {&quot;json&quot;: true} \\u0000 &amp;amp; &amp;#60;",
                      "Line two &lt;b&gt;bold?&lt;/b&gt;", "[ref]: https://evil.example", String(repeating: "x", count: 5000)] {
            #expect(html.contains(shown), "the handout lacks \(shown.prefix(40))")
        }
        // The only links are Kickoff's own: mailto for people, and the flow's checked web addresses.
        let hrefs = html.matches(of: /href="([^"]*)"/).map { String($0.1) }
        #expect(hrefs.allSatisfy { $0.hasPrefix("https://") || $0.hasPrefix("mailto:") || $0.hasPrefix("#") }, "\(hrefs.filter { !$0.hasPrefix("https://") && !$0.hasPrefix("mailto:") })")
    }

    @Test func planMarkdownRendersToTheSameText() throws {
        let (build, root) = try build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let markdown = build.files["plan.md"]!
        let rendered = CommonMark.html(from: markdown)
        #expect(!rendered.contains("<script"))
        #expect(!rendered.contains("raw HTML omitted"), "profile text reached libcmark as HTML")
        #expect(rendered.contains("<h1>Your Emailsaurus onboarding plan</h1>"))
        // Exactly the template's headings: nothing in the profile became a heading, quote or list of its own.
        #expect(rendered.components(separatedBy: "<h2>").count - 1 == 12)
        #expect(rendered.components(separatedBy: "<blockquote>").count == 1)
    }

    @Test func theCalendarGetsNoNewPropertiesOrEvents() throws {
        let (build, root) = try build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let ics = build.files["plan.ics"]!
        // Unfold continuation lines (RFC 5545 §3.1) to read whole properties.
        let lines = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("UID:injected") })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
        let expected = build.plan.steps.filter { $0.owner != .csm }.count + build.plan.milestones.count + build.plan.checkIns.count
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == expected)
        #expect(lines.contains("X-WR-CALNAME:Emailsaurus onboarding plan for Acme <script>alert('account')</script> & Co.\\; BEGIN:VEVENT"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func theJSONReadsBackExactly() throws {
        let (build, root) = try build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = Data(build.files["plan.json"]!.utf8)
        let plan = try PlanJSON.decode(data)
        #expect(plan.account == Self.hostile["account"])
        #expect(plan.goals[0].text == Self.hostile["goal"])
        #expect(plan.goals[0].measure == Self.hostile["measure"])
        #expect(plan.painPoints[0].text == Self.hostile["pain"])
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let allowed: Set<String> = ["schema", "account", "product", "locale", "timezone", "checkInTime", "start", "asOf", "end", "pace", "cadence",
                                    "workingDays", "holidays", "steps", "milestones", "checkIns", "goals", "painPoints", "warnings", "changes", "changesSince", "profile", "fingerprint", "summary"]
        #expect(Set(object.keys).isSubset(of: allowed))
    }

    /// A combining mark after a special character makes one character of the two (`*́`), which libcmark and
    /// browsers still read as the special character: it is escaped all the same.
    @Test func combiningMarksDoNotHideMarkup() {
        let text = "*\u{301}bold*\u{301} _\u{301}x_\u{301} [\u{301}link](https://evil.example) `\u{301}code` <\u{338}b> \"\u{301} &\u{301}amp;"
        let html = CommonMark.html(from: MarkdownText.inline(text))
        #expect(html == "<p>" + HTMLText.escape(text).replacingOccurrences(of: "&#39;", with: "'") + "</p>\n")
        #expect(HTMLText.escape("\"\u{301}<\u{338}>\u{301}&\u{301}'\u{301}") == "&quot;\u{301}&lt;\u{338}&gt;\u{301}&amp;\u{301}&#39;\u{301}")
    }

    @Test func bidiOverridesAreIsolatedInTheHandout() throws {
        let (build, root) = try build()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(build.files["plan.md"]!.contains("\u{2068}\u{202E}txet desrever\u{202C} and \u{2067}isolate\u{2069}\u{2069}"))
    }

    @Test func anAccountNameWithAnOverrideCannotReverseTheTitleOrFooter() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-bidi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        let account = "Acme\u{202E} oC"
        let yaml = "account: \(ProfileScaffold.quoted(account))\nflow: emailsaurus\nstart: 2026-12-01\ncontact:\n  name: \"שרה כהן\"\n"
        try yaml.write(to: root.appendingPathComponent("plans/acme.yaml"), atomically: true, encoding: .utf8)
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: root.appendingPathComponent("plans/acme.yaml").path)
        let html = build.files["plan.html"]!
        let isolated = "\u{2068}\(account)\u{202C}\u{2069}"
        // Every place the name appears (title, headings, footer), and it never appears bare.
        #expect(html.contains("<title>Emailsaurus onboarding plan for \(isolated)</title>"))
        #expect(html.components(separatedBy: account).count == html.components(separatedBy: isolated).count)
        #expect(html.components(separatedBy: isolated).count > 3)
        // Right-to-left names are isolated too, so they cannot pull the punctuation around them.
        #expect(html.contains("\u{2068}שרה כהן\u{2069}"))
        #expect(!html.replacingOccurrences(of: "\u{2068}שרה כהן\u{2069}", with: "").contains("שרה כהן"))
        #expect(build.files["plan.ics"]!.contains("X-WR-CALNAME:Emailsaurus onboarding plan for \(isolated)"))
    }

    @Test func messagesShowInvisibleAndBidiCharactersEscaped() {
        #expect(Fixtures.profileError(Fixtures.profileYAML("cadence: \"week\u{202E}ly\"")) ==
                "plans/acme.yaml:4: cadence: \"week\\u{202E}ly\" is not one of daily, twice-weekly, weekly, biweekly; did you mean weekly? use one of daily | twice-weekly | weekly | biweekly")
        #expect(Excerpt.quoted("a\u{200B}b\u{2066}c\nd") == "\"a\\u{200B}b\\u{2066}c\\u{A}d\"")
    }
}
