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
        String(decoding: encoded(pieces), as: UTF8.self)
    }

    /// `plan.md` as the file holds it.
    static func encoded(_ pieces: Pieces) -> Data {
        tidy(pieces.map(\.text).joined())
    }

    /// Template sections leave runs of blank lines; one blank line between blocks reads best in an email.
    /// Lines of only spaces count as blank; leading and trailing blank lines go; the text ends with one newline.
    static func tidy(_ markdown: String) -> Data {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 1)
            var pendingBlank = false
            UnsafeRawBufferPointer(bytes).forEachLine { line in
                if line.allSatisfy({ $0 == 0x20 }) {
                    pendingBlank = !output.isEmpty
                } else {
                    if pendingBlank { output.append(0x0A) }
                    // As typed bytes, so that the line is copied in one go rather than byte by byte.
                    output.append(contentsOf: line.assumingMemoryBound(to: UInt8.self))
                    output.append(0x0A)
                    pendingBlank = false
                }
                return true
            }
            return Data(output)
        }
    }
}
