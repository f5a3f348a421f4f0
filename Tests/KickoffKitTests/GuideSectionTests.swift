import Foundation
import Testing
@testable import KickoffKit

/// The guide section is rendered around each flow guide (each guide once per batch). Whatever the guides hold,
/// the page must get exactly what rendering the section whole gives.
@Suite("The guide section, rendered guide by guide")
struct GuideSectionTests {
    /// The headings' HTML and the bodies' HTML, each joined, as `HandoutHTML.render` places them.
    private func placed(_ parts: [CommonMark.Section]) -> (heading: String, body: String) {
        (parts.map(\.headingHTML.text).joined(), parts.map(\.bodyHTML.text).joined())
    }

    private func section(_ guides: [String], after: String = "**Milestone:** it works") -> String {
        var text = "## Your setup guide\n\nOne step at a time.\n"
        for (index, guide) in guides.enumerated() {
            text += "\n### Step \(index + 1) of \(guides.count): Do it\n\n*Monday · 15 min · you*\n\n**Chosen for you because it** helps.\n\n"
            text += guide + "\n\n" + after + "\n"
        }
        return text
    }

    static let guides: [[String]] = [
        ["1. Open **Admin**.\n2. Save.", "- one\n- two"],
        ["A paragraph.", "Another, with [a link](https://example.com)."],
        ["1. first\n2. second", "1. first again"],
        ["```\nunclosed fence", "after it"],
        ["<!-- an unclosed comment", "after it"],
        ["Uses [the docs].", "[the docs]: https://example.com/docs"],
        ["## A heading inside a guide\n\nText.", "# And a first-level one"],
        ["> a quote", "lazy?"],
        ["- item\n\n  more of the item", "- item\n    indented code in it"],
        ["Same text", "Same text"],
        ["**Chosen for you because it** helps.", "Step"],
        ["ends with its own line break\n", "- a list\n"],
        ["    indented code", "\ttab code"],
    ]

    @Test(arguments: guides)
    func rendersAsTheWholeSection(guides: [String]) {
        for after in ["**Milestone:** it works", "- a resource", "1. numbered", "   indented", "*not a list*", "-- dashes"] {
            let text = TextBuffer(section(guides, after: after))
            let whole = placed(CommonMark.sections(from: text))
            let byGuide = placed(HandoutHTML.guideSections(text, guides: guides))
            // Byte for byte: `String`'s `==` would take canonically equivalent text for the same.
            #expect(Array(byGuide.heading.utf8) == Array(whole.heading.utf8), "\(guides) then \(after)")
            #expect(Array(byGuide.body.utf8) == Array(whole.body.utf8), "\(guides) then \(after)")
        }
    }

    /// Two flows may write the same word in two Unicode forms (a precomposed `é`, or `e` and a combining accent):
    /// each guide's HTML keeps its own bytes, though `String` takes the two texts for equal.
    @Test func guidesThatDifferOnlyInUnicodeFormKeepTheirOwnBytes() {
        let composed = "Open the caf\u{E9} menu.", decomposed = "Open the cafe\u{301} menu."
        #expect(composed == decomposed)
        for guides in [[composed, decomposed], [decomposed, composed]] {
            let body = placed(HandoutHTML.guideSections(TextBuffer(section(guides)), guides: guides)).body
            let bytes = Array(body.utf8)
            for guide in guides {
                #expect(bytes.firstRange(of: Array(guide.utf8)) != nil, "\(guide.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func aListEndsOnlyWhereNothingCanContinueIt() {
        let cases: [(String, Bool)] = [
            ("\n\n**Milestone:**", true), ("\n\n### Step 2", true), ("\n\nPlain", true), ("\n\n*emphasis*", true),
            ("\n\n- item", false), ("\n\n* item", false), ("\n\n+ item", false), ("\n\n1. item", false),
            ("\n\n   indented", false), ("\n\n\tindented", false), ("\n\n-", false), ("", true),
        ]
        for (text, fresh) in cases {
            let ends = Array(text.utf8).withUnsafeBufferPointer { HandoutHTML.ends(.list, beforeFreshStartAt: 0, in: $0) }
            #expect(ends == fresh, "\(text.debugDescription)")
        }
    }

    @Test func theLastBlockIsClassified() {
        func end(_ markdown: String) -> CommonMark.BlockEnd { markdown.withUTF8Bytes { CommonMark.sections(from: $0).end } }
        #expect(end("A paragraph.") == .closed && end("# Heading") == .closed && end("---") == .closed && end("") == .closed)
        #expect(end("1. a\n2. b") == .list && end("- a") == .list)
        #expect(end("```\ncode\n```") == .open && end("> quote") == .open && end("<div>\n") == .open && end("    code") == .open)
    }
}
