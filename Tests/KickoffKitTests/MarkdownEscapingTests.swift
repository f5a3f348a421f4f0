import Testing
@testable import KickoffKit

/// Profile text is plain text: after escaping and rendering through libcmark it must read exactly as written.
@Suite("Escaping profile text")
struct MarkdownEscapingTests {
    /// What libcmark writes for a paragraph holding exactly this text.
    static func paragraph(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        return "<p>\(escaped)</p>\n"
    }

    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "**bold** and __strong__ and *em* and _em_",
        "[click](javascript:alert(1))",
        "![img](data:image/svg+xml;base64,PHN2Zz4=)",
        "<https://evil.example>",
        "`code` and ``more``",
        "# Not a heading",
        "## Also not ##",
        "Team #1 ##",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "* not a list",
        "1. not a list",
        "2026) not a list",
        "---",
        "===",
        "~~~ not a fence",
        "```not a fence",
        "&amp; &#60; &#x3C; &copy; AT&T R&D",
        "a \\ backslash \\* and \\",
        "snake_case_name stays, _but this_ does not",
        "[ref]: https://evil.example",
        "<!-- comment -->",
        "| not | a | table |",
        "Trailing spaces  ",
        "O'Brien & \"Sons\"",
        "Škoda a.s. — 北京公司 — עברית \u{202E}override",
        "verylongword" + String(repeating: "x", count: 500),
    ]

    @Test("Inline text renders as itself", arguments: hostile)
    func inlineRoundTrips(_ text: String) {
        // Text with bidi overrides is closed off and isolated, so it cannot reorder what follows it.
        let isolated = text.contains("\u{202E}") ? "\u{2068}" + text + "\u{202C}\u{2069}" : text
        let expected = Self.paragraph(isolated.trimmingWhitespace())
        #expect(CommonMark.html(from: MarkdownText.inline(text)) == expected)
    }

    /// A byte that could start a line break, a bidi control or a right-to-left letter is looked at as the scalar
    /// it starts: text whose such bytes start other characters (dashes, dots, signs, emoji) is one plain line,
    /// and text where they do start one still gets the line work.
    @Test func inlineLooksAtTheScalarAFlaggedByteStarts() {
        for text in ["1 Dec – 4 Dec", "Step 3 · you", "Café ©", "→ 12 Jan", "Ａｃｍｅ", "emoji 😀 ok", "ր letter", "≥ 3 × a day"] {
            #expect(MarkdownText.inline(text) == text, "\(text)")
        }
        #expect(MarkdownText.inline("one\u{2028}two\u{2029}three\u{85}four") == "one two three four")
        #expect(MarkdownText.inline("\u{2003}Acme\u{00A0}") == "Acme")
        #expect(MarkdownText.inline("\u{3000}Acme — x\u{2009}") == "Acme — x")
        #expect(MarkdownText.inline("שלום – x") == "\u{2068}שלום – x\u{2069}")
        #expect(MarkdownText.inline("مرحبا") == "\u{2068}مرحبا\u{2069}")
        #expect(MarkdownText.inline("a\u{202E}b") == "\u{2068}a\u{202E}b\u{202C}\u{2069}")
        #expect(MarkdownText.inline("a\u{2067}b") == "\u{2068}a\u{2067}b\u{2069}\u{2069}")
    }

    /// The one-pass check lets text through as it is only where the closer look gives that text too, byte for
    /// byte: around white space, line breaks, bidi controls, right-to-left letters and Markdown's characters.
    @Test func inlinesOnePassCheckAgreesWithTheCloserLook() {
        var generator = SplitMix64(seed: 20261203)
        let pieces = ["a", "Z", "7", "1", ".", ")", " ", "\t", "-", "#", ">", "*", "_", "&", "[", "<", "`", "\\", "é", "e\u{301}", "—",
                      "·", "→", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}", "\n", "\r", "\u{202E}", "\u{2067}", "ש", "م", "北", "😀", "Ａ"]
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 8)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let fast = MarkdownText.inline(text), closer = MarkdownText.inlineLookingCloser(text)
            #expect(Array(fast.utf8) == Array(closer.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if fast.utf8.elementsEqual(closer.utf8) == false { break }
        }
    }

    @Test func inlineTextLosesLineBreaksNotContent() {
        #expect(CommonMark.html(from: MarkdownText.inline("line one\n# line two\r\n- three")) == "<p>line one # line two - three</p>\n")
    }

    @Test func linesSplitTheSameByScalarAsByCharacter() {
        // Text without a carriage return is split by scalar; every line break must still be a whole character.
        let pieces = ["\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", " ", "a", "é", "e\u{301}", "\u{301}", "清", "*", "👍🏽", "\u{200D}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let byCharacter = text.split(omittingEmptySubsequences: false) { $0.unicodeScalars.count == 1 && "\n\u{0B}\u{0C}\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0.unicodeScalars.first!) }
            #expect(MarkdownText.lines(of: text) == byCharacter, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(MarkdownText.lines(of: "a\r\nb\rc") == ["a", "b", "c"])
    }

    @Test func blockTextKeepsLinesAndParagraphs() {
        let text = "Hi Dana,\n# not a heading\n\n- not a list\n<b>not bold</b>"
        #expect(CommonMark.html(from: MarkdownText.block(text)) ==
            "<p>Hi Dana,<br />\n# not a heading</p>\n<p>- not a list<br />\n&lt;b&gt;not bold&lt;/b&gt;</p>\n")
    }

    @Test func indentedLinesDoNotBecomeCode() {
        #expect(CommonMark.html(from: MarkdownText.block("    indented\n\tcode?")) == "<p>indented<br />\ncode?</p>\n")
    }

    @Test func randomTextFromMarkdownsSpecialCharactersRoundTrips() {
        var generator = SplitMix64(seed: 20261201)
        let alphabet = Array("*_`[]()<>!#&;:/\\-+=~|.)0123456789 abcxyzé北\"'")
        for _ in 0..<3000 {
            let length = Int(generator.next() % 40) + 1
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let rendered = CommonMark.html(from: MarkdownText.inline(text))
            // cmark drops a paragraph's trailing spaces; everything else must survive.
            let expected = Self.paragraph(trimmed)
            #expect(rendered == expected, "input: \(text)")
            if rendered != expected { break }
        }
    }
}

/// A small deterministic random number generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
