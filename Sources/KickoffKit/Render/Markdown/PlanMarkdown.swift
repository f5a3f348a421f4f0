import Foundation

/// Writes `plan.md`: the plan as CommonMark, from `templates/plan.md.mustache`.
enum PlanMarkdown {
    /// The plan's Markdown, piece by piece: the opening, then each section with its identity.
    typealias Pieces = [(section: SectionID?, text: TextBuffer)]

    static func pieces(_ model: HandoutModel, templates: Templates) -> Pieces {
        templates.planMarkdown.renderPieces(model.document())
    }

    /// `plan.md` as the file holds it.
    static func encoded(_ pieces: Pieces) -> Data {
        var whole = TextBuffer(capacity: pieces.reduce(0) { $0 + $1.text.count })
        for piece in pieces { whole.append(piece.text) }
        return tidy(whole)
    }

    /// Template sections leave runs of blank lines; one blank line between blocks reads best in an email.
    /// Lines of only spaces count as blank; leading and trailing blank lines go; the text ends with one newline.
    static func tidy(_ markdown: TextBuffer) -> Data {
        markdown.withBytes { bytes in
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
