import Foundation
import Testing
@testable import KickoffKit

/// Flow Markdown is the product team's, rendered by libcmark in safe mode: no raw HTML, no script links.
@Suite("libcmark safe mode on flow Markdown")
struct SafeModeTests {
    @Test func rendersCommonMark() {
        #expect(CommonMark.html(from: "1. Open **Settings → Account**.\n2. Run `kickoff`.") ==
            "<ol>\n<li>Open <strong>Settings → Account</strong>.</li>\n<li>Run <code>kickoff</code>.</li>\n</ol>\n")
    }

    @Test func dropsRawHTML() {
        #expect(CommonMark.html(from: "<script>alert(1)</script>") == "<!-- raw HTML omitted -->\n")
        #expect(CommonMark.html(from: "Hi <img src=x onerror=alert(1)> there") == "<p>Hi <!-- raw HTML omitted --> there</p>\n")
    }

    @Test("Dangerous link schemes lose their address", arguments: [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox", "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4=",
    ])
    func dropsDangerousLinks(_ url: String) {
        #expect(CommonMark.html(from: "[x](\(url))") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func keepsWebAndMailLinks() {
        #expect(CommonMark.html(from: "[Help](https://help.example/kb) [Mail](mailto:a@b.example)") ==
            "<p><a href=\"https://help.example/kb\">Help</a> <a href=\"mailto:a@b.example\">Mail</a></p>\n")
    }

    @Test func splitsADocumentIntoSections() {
        let sections = CommonMark.sections(from: TextBuffer("# Title\n\nIntro\n\n## Goals\n\n- a\n\n### Sub\n\n## Resources\n\nText"))
        #expect(sections.map(\.title) == ["Title", "Goals", "Resources"])
        #expect(sections[1].bodyHTML.text == "<ul>\n<li>a</li>\n</ul>\n<h3>Sub</h3>\n")
        #expect(sections[0].bodyHTML.text == "<p>Intro</p>\n")
    }

    /// Sections are parsed in each thread's arena: a document larger than the arena's chunks, parsed on several
    /// threads at once, renders as libcmark renders it with its own allocator.
    @Test func sectionsInTheArenaMatchAWholeRenderOnManyThreads() {
        var markdown = "# Title\n\nIntro with a [link](https://example.com/)\n\n"
        for part in 0..<400 {
            markdown += "## Part \(part)\n\nSome *text*, `code` and [a link][ref\(part)].\n\n[ref\(part)]: https://example.com/\(part)\n\n"
            markdown += "- a\n- b\n\n```\n" + String(repeating: "a long line of code \(part) ", count: 40) + "\n```\n\n"
        }
        let expected = CommonMark.html(from: markdown)
        let rendered = Slots<String>(count: 8)
        let source = TextBuffer(markdown)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            rendered[index] = CommonMark.sections(from: source).map { $0.headingHTML.text + $0.bodyHTML.text }.joined()
        }
        #expect(markdown.utf8.count > 4 * 64 * 1024)
        for index in 0..<8 { #expect(rendered[index] == expected) }
    }

    @Test func aHostileFlowStepNeverReachesTheHandoutAsMarkup() throws {
        let flow = Fixtures.flowYAML(steps: """
          - id: evil
            title: "<script>alert('title')</script>"
            phase: setup
            required: true
            value: "Click [here](https://help.example) <iframe src=https://evil.example></iframe>"
            guide: |
              <script>alert('guide')</script>

              1. Open <a href="javascript:alert(2)">this</a>
            milestone: "<b>Done</b>"
        """)
        let profile = try Fixtures.profile(Fixtures.profileYAML())
        // The loader refuses a script link in a flow's Markdown ...
        #expect(Fixtures.flowError(flow.replacingOccurrences(of: "(https://help.example)", with: "(javascript:alert(1))")) ==
                "flows/testly.yaml:16: steps[0].value: the link \"javascript:alert(1)\" is not a web page, email address or place in the handout; link with a full https://, http:// or mailto: address")
        // ... and were one to get past it, safe mode still takes its address away.
        var loaded = try Fixtures.flow(flow)
        loaded.steps[0].value = "Click [here](javascript:alert(1)) <iframe src=https://evil.example></iframe>"
        let files = try Pipeline.render(plan: try PlanBuilder.build(profile: profile, flow: loaded).0,
                                        profile: profile, flow: loaded, templates: Fixtures.templates)
        let html = files["plan.html"]!
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("javascript:alert(2)\""))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("<b>Done"))
        #expect(html.contains("&lt;script&gt;alert('title')&lt;/script&gt;"))
    }

    @Test func aBrandedHandoutEmbedsItsLogoAndStaysSelfContained() throws {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/acme-outdoor.yaml".relativeToRoot)
        let html = build.files["plan.html"]!
        #expect(html.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("--accent: #0f7b6c; --accent-soft: #e7f2f0;"))
        // Nothing the page loads by itself points outside the file.
        #expect(html.range(of: #"(src|srcset)="(https?:)?//"#, options: .regularExpression) == nil)
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url(http"))
    }
}
