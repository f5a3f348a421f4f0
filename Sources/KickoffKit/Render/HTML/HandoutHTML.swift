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

    /// The page: each section of the plan rendered by libcmark on its own and placed by its identity.
    static func render(_ pieces: PlanMarkdown.Pieces, model: HandoutModel, templates: Templates) -> TextBuffer {
        var title = ""
        var intro = TextBuffer()
        var sections: [HandoutPage.PageSection] = []
        for piece in pieces {
            let rendered = CommonMark.sections(from: piece.text)
            guard let id = piece.section else {
                // The opening: the plan's title (plain text) and what follows it.
                for part in rendered {
                    if part.level == 1 { title = part.title }
                    intro.append(part.bodyHTML)
                }
                continue
            }
            var heading = TextBuffer(), body = TextBuffer(capacity: 4096)
            for part in rendered {
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
