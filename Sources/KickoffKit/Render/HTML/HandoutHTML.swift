import Foundation

/// Writes `plan.html`: `plan.md` rendered by libcmark in safe mode, inside the page template with its CSS inline.
enum HandoutHTML {
    /// A checked `#rrggbb` colour mixed with white, for soft backgrounds.
    static func tint(_ hex: String, towardsWhite amount: Double) -> String {
        let value: Int = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels: [Int] = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF]
        var result = "#"
        for channel in channels {
            let mixed: Double = Double(channel) + (255.0 - Double(channel)) * amount
            result += Digits.hex(UInt64(mixed.rounded()), width: 2)
        }
        return result
    }

    /// Guide images carried in the page as `data:` URIs (libcmark wrote `src` with the path as given, which
    /// the flow loader allowed only in plain characters, so it reads back exactly).
    static func embeddingImages(_ html: TextBuffer, of flow: ProductFlow) -> TextBuffer {
        guard !flow.imageData.isEmpty else { return html }
        let text = html.text
        guard text.contains("<img ") else { return html }
        var result = text
        for (path, uri) in flow.imageData { result = result.replacingOccurrences(of: "<img src=\"\(path)\"", with: "<img src=\"\(uri)\"") }
        return TextBuffer(result)
    }

    /// The guide section's parts, as `CommonMark.sections(from: text)` gives them, with each flow guide's HTML
    /// rendered once per batch rather than once per account (a guide is the same for every account of a flow,
    /// and the guides are a quarter of plan.md).
    ///
    /// The text is cut around each guide, in order, where that cannot change how any part of it parses:
    /// - nothing in the section defines a link reference (no `]:`), so no link depends on text elsewhere;
    /// - a blank line comes right before and right after each guide;
    /// - the text before each guide, and each guide, ends with a paragraph, a heading or a thematic break, which
    ///   the blank line ends for good, or with a list that what follows cannot continue (it starts unindented
    ///   and not as a list item); a code block, an HTML block or a block quote could run on.
    /// Then every top-level block is the same block whether the section is parsed whole or cut by cut, and
    /// libcmark writes the same HTML for each. Where any of this does not hold, the section is rendered whole.
    static func guideSections(_ text: TextBuffer, guides: [String]) -> [CommonMark.Section] {
        text.withBytes { bytes -> [CommonMark.Section] in
            let whole = { CommonMark.sections(from: bytes).sections }
            guard !guides.isEmpty, bytes.range(of: "]:") == nil else { return whole() }
            var parts: [CommonMark.Section] = []
            var position = 0
            for guide in guides where !guide.isEmpty {
                guard let range = bytes.range(of: guide, from: position),
                      range.lowerBound >= position + 2, bytes[range.lowerBound - 2] == 0x0A, bytes[range.lowerBound - 1] == 0x0A,
                      bytes.blankLineFollows(contentEndingBefore: range.upperBound) else { return whole() }
                let before = CommonMark.sections(from: UnsafeBufferPointer(rebasing: bytes[position..<range.lowerBound]))
                let rendered = renderedGuides.value(for: ExactText(guide)) { guide.withUTF8Bytes { CommonMark.sections(from: $0) } }
                guard ends(before.end, beforeFreshStartAt: range.lowerBound, in: bytes),
                      ends(rendered.end, beforeFreshStartAt: range.upperBound, in: bytes) else { return whole() }
                parts += before.sections
                parts += rendered.sections
                position = range.upperBound
            }
            parts += CommonMark.sections(from: UnsafeBufferPointer(rebasing: bytes[position...])).sections
            return parts
        }
    }

    /// Flow guides as libcmark rendered them, by their exact text: the same for every account of a batch.
    private static let renderedGuides = SharedCache<ExactText, (sections: [CommonMark.Section], end: CommonMark.BlockEnd)>(limit: 10_000)

    /// Whether text that ends as `end` is over for good when the text from `start` on follows it (after a blank
    /// line, checked apart): always after a closed block; after a list, when the next line that is not empty
    /// starts with neither a space, a tab, a digit, nor `-`, `+` or `*` followed by a space or the line's end.
    static func ends(_ end: CommonMark.BlockEnd, beforeFreshStartAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch end {
        case .closed: return true
        case .open: return false
        case .list:
            var index = start
            while index < bytes.count && bytes[index] == 0x0A { index += 1 }
            guard index < bytes.count else { return true }
            let first = bytes[index]
            if first == 0x20 || first == 0x09 || first == 0x0D || (0x30...0x39).contains(first) { return false }
            if first == 0x2D || first == 0x2B || first == 0x2A {
                guard index + 1 < bytes.count else { return false }
                let next = bytes[index + 1]
                return next != 0x20 && next != 0x09 && next != 0x0A && next != 0x0D
            }
            return true
        }
    }

    /// The page: each section of the plan rendered by libcmark on its own and placed by its identity.
    static func render(_ pieces: PlanMarkdown.Pieces, model: HandoutModel, templates: Templates) -> TextBuffer {
        var title = ""
        var intro = TextBuffer()
        var sections: [HandoutPage.PageSection] = []
        for piece in pieces {
            let rendered = piece.section == .guide
                ? guideSections(piece.text, guides: model.plan.steps.compactMap { model.flowStep($0.id)?.guide })
                : CommonMark.sections(from: piece.text)
            guard let id = piece.section else {
                // The opening: the plan's title (plain text) and what follows it.
                for part in rendered {
                    if part.level == 1 { title = part.title }
                    intro.append(part.bodyHTML)
                }
                continue
            }
            // One part (most sections) is the section as it is; parts (a guide section) are joined.
            var heading = rendered.first?.headingHTML ?? TextBuffer(), body = rendered.first?.bodyHTML ?? TextBuffer()
            for part in rendered.dropFirst() {
                heading.append(part.headingHTML)
                body.append(part.bodyHTML)
            }
            // The visual timeline is drawn by the page, around libcmark's output, never through Markdown.
            sections.append(HandoutPage.PageSection(id: id, heading: heading, visual: id == .timeline ? model.timeline().render() : TextBuffer(),
                                                    body: embeddingImages(body, of: model.flow)))
        }
        let strings = model.strings
        let common = model.textCommon
        let page = HandoutPage(
            lang: model.plan.locale.rawValue,
            pageTitle: strings.text(.pageTitle, common),
            title: title,
            intro: intro,
            css: templates.stylesheet,
            accent: model.flow.brand?.accent.map { HandoutPage.Accent(color: $0, soft: Self.tint($0, towardsWhite: 0.9)) },
            product: model.flow.product,
            logo: model.flow.brand?.logoDataURI,
            supportTitle: strings.text(.supportBoxTitle, common),
            support: model.supportLines(),
            sections: sections,
            brandFooter: model.flow.brand?.footer,
            footer: strings.text(model.plan.asOf == nil ? .footer : .footerUpdated, common),
            printHint: strings.text(.printHint, common))
        var output = TextBuffer(capacity: 96 * 1024)
        templates.handoutPage.render(page, into: &output)
        return output
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the text whose last byte is just before `end` (line breaks at its end aside) is followed by an
    /// empty line: its last line ends, and the next line is empty.
    fileprivate func blankLineFollows(contentEndingBefore end: Int) -> Bool {
        var last = end
        while last > 0 && self[last - 1] == 0x0A { last -= 1 }
        return last + 2 <= count && self[last] == 0x0A && self[last + 1] == 0x0A
    }
}
