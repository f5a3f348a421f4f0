import Foundation

/// Writes `plan.md`: the plan as CommonMark, from `templates/plan.md.mustache`.
enum PlanMarkdown {
    /// The plan's Markdown, piece by piece: the opening, then each section with its identity.
    typealias Pieces = [(section: SectionID?, text: String)]

    static func pieces(_ model: HandoutModel, templates: Templates) -> Pieces {
        templates.planMarkdown.renderPieces(model.document())
    }

    /// `plan.md`: the pieces as one tidy document.
    static func render(_ pieces: Pieces) -> String {
        tidy(pieces.map(\.text).joined())
    }

    /// Template sections leave runs of blank lines; one blank line between blocks reads best in an email.
    /// Lines of only spaces count as blank; leading and trailing blank lines go; the text ends with one newline.
    static func tidy(_ markdown: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(markdown.utf8.count)
        var line: [UInt8] = []
        var pendingBlank = false
        func flush() {
            if line.allSatisfy({ $0 == 0x20 }) {
                pendingBlank = !output.isEmpty
            } else {
                if pendingBlank { output.append(0x0A) }
                output.append(contentsOf: line)
                output.append(0x0A)
                pendingBlank = false
            }
            line.removeAll(keepingCapacity: true)
        }
        for byte in markdown.utf8 {
            if byte == 0x0A { flush() } else { line.append(byte) }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }
}

/// Writes `plan.html`: `plan.md` rendered by libcmark in safe mode, inside the page template with its CSS inline.
enum HandoutHTML {
    /// A checked `#rrggbb` colour mixed with white, for soft backgrounds.
    static func tint(_ hex: String, towardsWhite amount: Double) -> String {
        let value: Int = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels: [Int] = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF]
        var result = "#"
        for channel in channels {
            let mixed: Double = Double(channel) + (255.0 - Double(channel)) * amount
            result += String(format: "%02x", Int(mixed.rounded()))
        }
        return result
    }

    /// The page: each section of the plan rendered by libcmark on its own and placed by its identity.
    static func render(_ pieces: PlanMarkdown.Pieces, model: HandoutModel, templates: Templates) -> String {
        var title = ""
        var intro = ""
        var sections: [HandoutPage.PageSection] = []
        for piece in pieces {
            let rendered = CommonMark.sections(from: piece.text)
            guard let id = piece.section else {
                // The opening: the plan's title (plain text) and what follows it.
                for part in rendered {
                    if part.level == 1 { title = part.title }
                    intro += part.bodyHTML
                }
                continue
            }
            // The visual timeline is drawn by the page, around libcmark's output, never through Markdown.
            sections.append(HandoutPage.PageSection(id: id, heading: rendered.map(\.headingHTML).joined(),
                                                    visual: id == .timeline ? model.timeline().render() : "",
                                                    body: rendered.map(\.bodyHTML).joined()))
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
        return templates.handoutPage.render(page)
    }
}
