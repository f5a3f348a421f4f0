import Foundation

/// What a message says, as typed blocks: rendered once as plain text and once as HTML for mail clients, so the
/// two parts of a message always say the same thing.
struct MailContent {
    /// One block of the body.
    enum Block {
        /// A section heading.
        case heading(String)
        /// A paragraph of plain text.
        case paragraph(String)
        /// A bulleted list of plain-text items.
        case list([String])
        /// A table: a header row and rows of plain-text cells.
        case table(header: [String], rows: [[String]])
        /// A link: its text and its address (http, https or mailto).
        case link(text: String, url: String)
        /// A flow's guide: Markdown, shown as is in text and through cmark's safe mode in HTML.
        case guide(markdown: String)
    }

    /// The subject line.
    var subject: String
    /// The language, for the HTML part's `lang`.
    var language: String
    /// The product's accent colour (`#rrggbb`), for headings.
    var accent: String?
    /// Everything from the greeting to the signature.
    var blocks: [Block]

    // MARK: Plain text

    /// The plain-text part: readable as is, headings underlined, lists with dashes, tables as lines.
    func text() -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let text):
                out.append(text + "\n" + String(repeating: "-", count: min(60, max(3, TextWidth.of(text)))))
            case .paragraph(let text):
                out.append(text)
            case .list(let items):
                out.append(items.map { "- " + $0.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n"))
            case .table(_, let rows):
                out.append(rows.map { "- " + $0.filter { !$0.isEmpty }.joined(separator: " · ") }.joined(separator: "\n"))
            case .link(let text, let url):
                out.append(text.contains(url) ? text : text + "\n" + url)
            case .guide(let markdown):
                // An image is its description: a mail never shows the flow's files.
                let text = markdown.replacingOccurrences(of: #"!\[([^\]]*)\]\([^)]*\)"#, with: "[$1]", options: .regularExpression)
                out.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    // MARK: HTML for mail clients

    /// The HTML part: inline styles and layout tables only (no `<style>`, no script, no SVG, no image), so that
    /// webmail and desktop clients show it the same way.
    func html() -> String {
        let accent = self.accent ?? "#2557a7"
        let font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;"
        var body = ""
        var first = true
        for block in blocks {
            switch block {
            case .heading(let text):
                body += "<h2 style=\"\(font)font-size:18px;line-height:1.3;color:\(accent);margin:24px 0 8px;\">\(escape(text))</h2>\n"
            case .paragraph(let text):
                let margin = first ? "0 0 12px" : "12px 0"
                body += "<p style=\"\(font)font-size:16px;line-height:1.5;margin:\(margin);\">\(lines(text))</p>\n"
            case .list(let items):
                body += "<ul style=\"\(font)font-size:16px;line-height:1.5;margin:8px 0;padding-left:22px;\">\n"
                for item in items { body += "<li style=\"margin:0 0 6px;\">\(lines(item))</li>\n" }
                body += "</ul>\n"
            case .table(let header, let rows):
                body += "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;margin:8px 0;\">\n<tr>"
                for cell in header {
                    body += "<th align=\"left\" style=\"\(font)font-size:13px;color:#57606a;text-align:left;padding:6px 8px;border-bottom:2px solid #d0d7de;\">\(escape(cell))</th>"
                }
                body += "</tr>\n"
                for row in rows {
                    body += "<tr>"
                    for (index, cell) in row.enumerated() {
                        let nowrap = index == 0 || index == row.count - 1 ? "white-space:nowrap;" : ""
                        body += "<td valign=\"top\" style=\"\(font)font-size:15px;line-height:1.4;padding:8px;border-bottom:1px solid #e6e8eb;\(nowrap)\">\(escape(cell))</td>"
                    }
                    body += "</tr>\n"
                }
                body += "</table>\n"
            case .link(let text, let url):
                body += "<p style=\"\(font)font-size:16px;line-height:1.5;margin:12px 0;\"><a href=\"\(escape(url))\" style=\"color:\(accent);\">\(escape(text))</a></p>\n"
            case .guide(let markdown):
                body += "<div style=\"\(font)font-size:15px;line-height:1.5;border-left:3px solid \(accent);padding:4px 0 4px 14px;margin:8px 0;\">\n"
                    + Self.styledGuide(CommonMark.html(from: markdown)) + "</div>\n"
            }
            first = false
        }
        return """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(subject))</title>
        </head>
        <body style="margin:0;padding:0;background:#f3f4f6;color:#1f2328;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
        <tr><td align="center" style="padding:24px 12px;">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e6e8eb;border-radius:8px;border-top:4px solid \(accent);">
        <tr><td style="padding:24px 28px;color:#1f2328;">
        \(body)</td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>

        """
    }

    /// Guide HTML from cmark made fit for mail: images become their text (a mail never loads one), code blocks
    /// wrap and get inline styles.
    static func styledGuide(_ html: String) -> String {
        var result = html.replacingOccurrences(of: #"<img src="[^"]*" alt="([^"]*)"[^>]*>"#, with: "[$1]", options: .regularExpression)
        result = result.replacingOccurrences(of: "<pre>", with: "<pre style=\"white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:10px;border-radius:4px;font-size:13px;\">")
        result = result.replacingOccurrences(of: "<code>", with: "<code style=\"font-family:Menlo,Consolas,monospace;font-size:13px;\">")
        return result
    }

    private func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// Escaped text with its line breaks kept.
    private func lines(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "<br>")
    }
}
