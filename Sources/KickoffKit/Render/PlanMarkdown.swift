import Foundation

/// Writes `plan.md`: the plan as CommonMark, from `templates/plan.md.mustache`.
enum PlanMarkdown {
    static func render(_ model: HandoutModel, templates: Templates) -> String {
        let markdown = templates.planMarkdown.render(model.context())
        return tidy(markdown)
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

    static func render(markdown: String, model: HandoutModel, templates: Templates) -> String {
        let sectionKeys = model.sectionKeys()
        let sections = CommonMark.sections(from: markdown)
        var title = ""
        var intro = ""
        var parts: [[String: Any]] = []
        for section in sections {
            if section.level <= 1 {
                title = section.title
                intro += section.bodyHTML
                continue
            }
            let key = sectionKeys[section.title] ?? "section"
            // The visual timeline is drawn by the page, around libcmark's output, never through Markdown.
            let visual = key == "timeline" ? model.timeline().render() : ""
            parts.append(["id": key.replacingOccurrences(of: "_", with: "-"), "heading": section.headingHTML,
                          "visual": visual, "body": section.bodyHTML])
        }
        let strings = model.strings
        let common = model.textCommon
        var context: [String: Any] = [
            "lang": model.plan.locale.rawValue,
            "title": title,
            "page_title": strings.text("page_title", common),
            "intro": intro,
            "sections": parts,
            "css": templates.stylesheet,
            "footer": strings.html(model.plan.asOf == nil ? "footer" : "footer_updated", common),
            "print_hint": strings.html("print_hint", common),
            "support_title": strings.html("support_box_title", common),
            "support": model.supportHTML(),
        ]
        context["product"] = model.flow.product
        context["logo"] = model.flow.brand?.logoDataURI ?? false
        if let footer = model.flow.brand?.footer { context["brand_footer"] = footer }
        if let accent = model.flow.brand?.accent {
            context["accent"] = ["color": accent, "soft": Self.tint(accent, towardsWhite: 0.9)]
        }
        return templates.handoutPage.render(context)
    }
}
