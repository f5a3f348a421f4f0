/// Turns plain text (profile text from a CRM: names, goals, notes) into Markdown that shows exactly that text.
///
/// This is the one place profile text is escaped for Markdown. No Markdown, HTML, link or entity in it takes effect.
public enum MarkdownText {
    /// Escapes text for use inside a line: line breaks become spaces, surrounding white space is dropped.
    public static func inline(_ text: String) -> String {
        // Most values are one line with nothing to escape: found in one pass over the bytes.
        if text.withUTF8Bytes(isPlainLine) { return text }
        return inlineLookingCloser(text)
    }

    /// `inline` for text the one-pass check stopped at: it gives the same for text that check lets through.
    static func inlineLookingCloser(_ text: String) -> String {
        // Most are one plain line: no line breaks, no bidi controls or right-to-left letters, no white
        // space at either end. Those need only the line escaping. The bytes that could start anything else are
        // looked at as the scalars they start (an en dash or a middle dot is as plain as a letter).
        let isOneLine = text.withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 else { return false }
            var index = notOneLine.firstIndex(in: bytes)
            guard index < bytes.count else { return true }
            // The ends are trimmed of any white space, not only ASCII's.
            if first >= 0x80, bytes.scalar(at: 0).properties.isWhitespace { return false }
            if last >= 0x80, let start = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }), bytes.scalar(at: start).properties.isWhitespace {
                return false
            }
            while index < bytes.count {
                if bytes[index] < 0x80 { return false }
                let value = bytes.scalar(at: index)
                if isLineBreak(value) || changesDirection(value) { return false }
                index = notOneLine.firstIndex(in: bytes, from: index + 1)
            }
            return true
        }
        if isOneLine { return escapeLine(text) }
        var oneLine = text
        if text.utf8.contains(0x0D) { oneLine = oneLine.replacingOccurrences(of: "\r\n", with: "\n") }
        if oneLine.unicodeScalars.contains(where: isLineBreak) {
            oneLine = String(oneLine.unicodeScalars.map { isLineBreak($0) ? " " : Character($0) })
        }
        return isolatingDirection(escapeLine(oneLine.trimmingWhitespace()))
    }

    /// Bytes that start a line break, a bidi control, a line or paragraph separator or a right-to-left letter.
    private static let notOneLine = ByteSet { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 || (0xD6...0xE0).contains($0) || $0 == 0xEF || $0 == 0xF0 }

    /// Profile text is isolated from the handout around it when it could change the direction of that text: it
    /// holds bidi controls (overrides, embeddings, isolates: "Trojan Source") or right-to-left letters. Such text
    /// has every opened embedding and isolate closed and is wrapped in a first-strong isolate (U+2068 … U+2069),
    /// the plain-text form of `<bdi>`, which works the same in Markdown, HTML, iCalendar and mail.
    public static func isolatingDirection(_ text: String) -> String {
        var needsClose = 0, needsIsolateClose = 0, needsIsolate = false
        for scalar in text.unicodeScalars where changesDirection(scalar) {
            needsIsolate = true
            switch scalar.value {
            case 0x202A...0x202E: needsClose += scalar.value == 0x202C ? (needsClose > 0 ? -1 : 0) : 1
            case 0x2066...0x2069: needsIsolateClose += scalar.value == 0x2069 ? (needsIsolateClose > 0 ? -1 : 0) : 1
            default: continue
            }
        }
        guard needsIsolate else { return text }
        // Already isolated as a whole (by an earlier step): nothing to add.
        if text.unicodeScalars.first == "\u{2068}", text.unicodeScalars.last == "\u{2069}", needsClose == 0, needsIsolateClose == 0 { return text }
        return "\u{2068}" + text + String(repeating: "\u{202C}", count: needsClose) + String(repeating: "\u{2069}", count: needsIsolateClose) + "\u{2069}"
    }

    /// Bidi controls (embeddings, overrides, isolates, the right-to-left mark) and right-to-left letters.
    private static func changesDirection(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200F, 0x061C, 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF,
             0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// Escapes text that may span lines: each line stays a line (a hard line break), blank lines separate paragraphs.
    public static func block(_ text: String) -> String {
        let lines = lines(of: text)
        var paragraphs: [[String]] = [[]]
        for line in lines {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty {
                if !paragraphs.last!.isEmpty { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(isolatingDirection(escapeLine(trimmed)))
            }
        }
        // Two trailing spaces make a hard line break that stays invisible in plain text.
        return paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "  \n") }.joined(separator: "\n\n")
    }

    /// The text's lines, split at every line break (CR LF counts as one).
    static func lines(of text: String) -> [Substring] {
        guard text.utf8.contains(0x0D) else {
            // Without a carriage return every line break is a character of its own, so splitting the scalars
            // gives the same lines as splitting the characters, without finding character boundaries.
            return text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak).map(Substring.init)
        }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        // A character is a line break when it is one line-break scalar (CR LF left after normalising is not).
        return normalized.split(omittingEmptySubsequences: false) { $0.unicodeScalars.count == 1 && isLineBreak($0.unicodeScalars.first!) }
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Bytes that can mean Markdown anywhere in a line, or need a closer look: `\\`, `` ` ``, `*`, `[`, `]`, `<`,
    /// `_`, `&`, `#`.
    private static let special = ByteSet { [0x5C, 0x60, 0x2A, 0x5B, 0x5D, 0x3C, 0x5F, 0x26, 0x23].contains($0) }

    /// Bytes that mean Markdown only at the start of a line (block quotes, list items, breaks, fences, headings):
    /// `>`, `-`, `+`, `=`, `~`, `|`, `#`.
    @inline(__always) private static func isSpecialFirst(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3E, 0x2D, 0x2B, 0x3D, 0x7E, 0x7C, 0x23: return true
        default: return false
        }
    }

    /// True when `needsEscape` holds for no character of the line, found from its bytes alone.
    private static func isPlain(_ line: String) -> Bool {
        line.withUTF8Bytes { bytes in
            guard !bytes.isEmpty else { return true }
            return startsPlain(bytes) && special.firstIndex(in: bytes) == bytes.count
        }
    }

    /// Whether a line's first byte cannot open a block or a list item.
    private static func startsPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[0]
        if isSpecialFirst(first) { return false }
        // "1." or "1)" opens an ordered list item.
        return !((0x30...0x39).contains(first) && bytes.contains(where: { $0 == 0x2E || $0 == 0x29 }))
    }

    /// `isOneLine` and `isPlain` of `inline` at once: text with no white space at either end and no byte of
    /// `notOneLine` or `special`, whose first byte `startsPlain`, is its own escaped form.
    private static func isPlainLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 else { return false }
        return startsPlain(bytes) && notPlain.firstIndex(in: bytes) == bytes.count
    }

    /// The bytes of `notOneLine` and of `special`.
    private static let notPlain = ByteSet { notOneLine.contains($0) || special.contains($0) }

    /// Escapes one line of text that has no line breaks and no leading or trailing white space.
    private static func escapeLine(_ line: String) -> String {
        // Most names and sentences contain nothing to escape.
        if isPlain(line) { return line }
        let characters = Array(line)
        var result = ""
        result.reserveCapacity(line.utf8.count + 8)
        for (index, character) in characters.enumerated() {
            if needsEscape(character, at: index, in: characters) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func needsEscape(_ character: Character, at index: Int, in line: [Character]) -> Bool {
        // By its first scalar: libcmark reads `*` followed by a combining mark (one character, `*́`) as `*`.
        switch character.unicodeScalars.first! {
        case "\\", "`", "*", "[", "]", "<":
            // Escapes, code spans, emphasis, links and images, raw HTML and autolinks.
            return true
        case "_":
            // Emphasis: only an underscore between two letters or digits can never open or close it.
            let before = index > 0 ? line[index - 1] : " "
            let after = index + 1 < line.count ? line[index + 1] : " "
            return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
        case "&":
            return startsEntity(line, at: index)
        case "#":
            // A heading at the start of a line, or a closing sequence at the end of a heading.
            return index == 0 || line[index...].allSatisfy({ $0 == "#" }) && line[index - 1] == " "
        case ">", "-", "+", "=", "~", "|":
            // Block quotes, list items, thematic breaks, setext underlines and fences at the start of a line.
            return index == 0
        case ".", ")":
            // An ordered list item: a line that starts with digits, then "." or ")", then a space, a tab or the end.
            let next = index + 1 < line.count ? line[index + 1] : " "
            return index > 0 && index <= 9 && line[..<index].allSatisfy(\.isASCIIDigit) && (next == " " || next == "\t")
        default:
            return false
        }
    }

    /// Whether an ampersand starts a character reference such as `&amp;`, `&#60;` or `&#x3C;`.
    private static func startsEntity(_ line: [Character], at index: Int) -> Bool {
        var position = index + 1
        var length = 0
        var numeric = false
        if position < line.count, line[position] == "#" { numeric = true; position += 1 }
        if numeric, position < line.count, line[position] == "x" || line[position] == "X" { position += 1 }
        while position < line.count, line[position].isASCII, line[position].isLetter || line[position].isNumber {
            position += 1
            length += 1
        }
        return length > 0 && length <= 32 && position < line.count && line[position] == ";"
    }
}

extension String {
    /// The text without white space and line breaks at either end.
    func trimmingWhitespace() -> String {
        // Most text has nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first < 0x80, last < 0x80 { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
