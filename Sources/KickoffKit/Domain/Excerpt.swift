/// How user text appears inside a message: short, in quotes, with every invisible or direction-changing character
/// shown as `\u{202E}`, so a message can neither hide nor reorder what it quotes, nor leak a whole line of a file.
public enum Excerpt {
    /// `"text"`, cut to `limit` characters with `…`, invisible characters escaped.
    public static func quoted(_ text: String, limit: Int = 60) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "\"" + escapingInvisibles(cut) + "\""
    }

    /// The text with control, format (zero-width, bidi) and separator characters other than the plain space
    /// written as `\u{XXXX}`.
    public static func escapingInvisibles(_ text: String) -> String {
        // Printable ASCII (most names and titles) has nothing invisible: no need to ask Unicode about each letter.
        if text.isPrintableASCII { return text }
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Characters a reader cannot see, or that change the direction of the text around them.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
        case .spaceSeparator: return scalar != " "
        default: return false
        }
    }
}
