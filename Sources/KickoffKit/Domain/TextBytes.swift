/// Questions about text answered from its UTF-8 bytes, for the fast paths that skip Unicode work on the text
/// most names, titles and sentences are.
extension StringProtocol {
    /// True when every character is ASCII.
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// True when every character is printable ASCII (space to `~`): one column each, nothing invisible, no
    /// line break.
    var isPrintableASCII: Bool { utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    /// True when the text is empty or only white space and line breaks.
    var isBlank: Bool {
        for byte in utf8 {
            // Printable ASCII settles it at once; anything else is looked at as a Unicode scalar below.
            if byte > 0x20 && byte < 0x80 { return false }
            if byte >= 0x80 { return unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        }
        return true
    }
}
