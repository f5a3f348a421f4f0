import Foundation

/// An RFC 5322 message with MIME parts (RFC 2045–2047), written byte for byte the same for the same content.
///
/// Headers are ASCII: display names and subjects that are not are RFC 2047 encoded words, and every header
/// line is folded within 78 characters. Text parts are quoted-printable, other parts base64, with lines of at
/// most 76 characters. Boundaries start with `=_`, which neither encoding can produce.
public struct MIMEMessage: Sendable {
    /// A mailbox: a display name and an address.
    public struct Address: Sendable, Equatable {
        /// The name shown, plain text.
        public var name: String?
        /// The address, `local@domain`.
        public var email: String
        /// A mailbox from a name and address.
        public init(name: String?, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// One part of a message.
    public indirect enum Part: Sendable {
        /// A text part (`text/plain`, `text/html`, `text/calendar; method=…`): UTF-8, quoted-printable.
        case text(subtype: String, parameters: [(String, String)], body: String)
        /// A file: base64, as an attachment with its file name.
        case attachment(contentType: String, filename: String, data: Data)
        /// Parts as one `multipart/<subtype>` (`mixed`, `alternative`).
        case multipart(subtype: String, parts: [Part])
    }

    /// Header fields in order, names and unfolded values; values must already be ASCII (see `encodedPhrase`).
    public var headers: [(String, String)]
    /// The body.
    public var body: Part

    /// The message as CRLF-terminated bytes.
    public func rendered() -> Data {
        var out = ""
        for (name, value) in headers { out += Self.fold(name + ": " + value) + "\r\n" }
        var counter = 0
        out += Self.render(body, seed: headers.first { $0.0 == "Message-ID" }?.1 ?? "", counter: &counter)
        return Data(out.utf8)
    }

    // MARK: Headers

    /// `"Name" <a@b>` or `=?UTF-8?B?…?= <a@b>`: the name quoted when it holds specials, encoded when it is not
    /// plain printable ASCII.
    public static func mailbox(_ address: Address) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.email)>" }
        return encodedPhrase(name) + " <\(address.email)>"
    }

    /// A display name or subject as a header value: as is when it is plain ASCII without specials, quoted when it
    /// has specials, RFC 2047 encoded words (UTF-8, base64) otherwise. Control characters never pass as such.
    public static func encodedPhrase(_ text: String, quoteSpecials: Bool = true) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if printable, !text.contains("=?"), text.first != " ", text.last != " ", !text.contains("  ") {
            let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
            if !quoteSpecials || !text.unicodeScalars.contains(where: specials.contains) { return text }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        guard quoteSpecials else { return encodedWords(text) }
        // A display name: words that are plain atoms stay readable; each run of other words becomes encoded words
        // of its own, so that a real space always stands between an atom and an encoded word (decoders drop the
        // space between two encoded words).
        let atext = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        var tokens: [String] = []
        var run: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if !word.isEmpty, !word.contains("=?"), word.unicodeScalars.allSatisfy(atext.contains) {
                if !run.isEmpty { tokens.append(encodedWords(run.joined(separator: " "))); run = [] }
                tokens.append(word)
            } else {
                run.append(word)
            }
        }
        if !run.isEmpty { tokens.append(encodedWords(run.joined(separator: " "))) }
        return tokens.joined(separator: " ")
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words, each at most 75 characters, split between characters (never inside one).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk = Data()
        // 36 bytes of UTF-8 make 48 base64 characters: with `=?UTF-8?B?` and `?=` a word is 60 characters, so a
        // header name and the first word fit on one line.
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 36, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// A header value with the encoded words `encodedPhrase` writes (`=?UTF-8?B?…?=`) decoded, for showing it;
    /// the space between two encoded words is dropped (RFC 2047 §6.2).
    public static func decodedPhrase(_ value: String) -> String {
        let pattern = #"=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?="#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return value }
        let joined = value.replacingOccurrences(of: #"\?=\s+=\?"#, with: "?==?", options: .regularExpression)
        var result = ""
        var last = joined.startIndex
        for match in regex.matches(in: joined, range: NSRange(joined.startIndex..., in: joined)) {
            guard let whole = Range(match.range, in: joined), let payload = Range(match.range(at: 1), in: joined) else { continue }
            result += joined[last..<whole.lowerBound]
            result += Data(base64Encoded: String(joined[payload])).map { String(decoding: $0, as: UTF8.self) } ?? String(joined[whole])
            last = whole.upperBound
        }
        return result + joined[last...]
    }

    /// Folds a header line at spaces so that no line is longer than 78 characters (RFC 5322 §2.2.3).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 78 else { return line }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty || lines.isEmpty && current.hasSuffix(":") && !current.contains(" ") {
                // The field name keeps its first word on its line.
                current += current.isEmpty ? String(word) : " " + word
            } else if current.utf8.count + 1 + word.utf8.count > 78 {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// `Tue, 01 Dec 2026 08:00:00 +0100`: 08:00 on `day` in `zone`.
    public static func date(_ day: Day, in zone: TimeZone) -> String {
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (year, month, dayOfMonth) = day.components
        let instant = Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + 8 * 3600))
        let offset = zone.secondsFromGMT(for: instant) / 60
        let sign = offset < 0 ? "-" : "+"
        let zoneText = sign + Digits.two(abs(offset) / 60) + Digits.two(abs(offset) % 60)
        return "\(weekdays[day.weekday.index]), \(Digits.two(dayOfMonth)) \(months[month - 1]) \(year) 08:00:00 \(zoneText)"
    }

    // MARK: Body

    private static func render(_ part: Part, seed: String, counter: inout Int) -> String {
        switch part {
        case .text(let subtype, let parameters, let body):
            let extra = parameters.map { "; \($0.0)=\($0.1)" }.joined()
            return "Content-Type: text/\(subtype); charset=UTF-8\(extra)\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + quotedPrintable(body) + "\r\n"
        case .attachment(let contentType, let filename, let data):
            // File names are Kickoff's own (plan.html): plain ASCII, quoted as a parameter value.
            let name = filename.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 } ? filename : encodedWords(filename)
            return "Content-Type: \(contentType); name=\"\(name)\"\r\nContent-Disposition: attachment; filename=\"\(name)\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
                + "\r\n"
        case .multipart(let subtype, let parts):
            counter += 1
            var digest = Digest()
            digest.add(seed)
            digest.add(String(counter))
            let boundary = "=_kickoff_" + digest.hex.prefix(16)
            var out = "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n\r\n"
            for child in parts {
                out += "--\(boundary)\r\n" + render(child, seed: seed, counter: &counter)
            }
            return out + "--\(boundary)--\r\n"
        }
    }

    /// Quoted-printable (RFC 2045 §6.7) over UTF-8 with CRLF line breaks; lines of at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded = ""
            var width = 0
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !last)
                // A lone "." at the start of a line is encoded too: some transports treat it as the end.
                let piece = literal && !(byte == UInt8(ascii: ".") && width == 0) ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + piece.count > 75 {
                    encoded += "=\r\n"
                    width = 0
                }
                encoded += piece
                width += piece.count
            }
            lines.append(encoded)
        }
        return lines.joined(separator: "\r\n")
    }
}
