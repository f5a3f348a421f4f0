import Foundation

/// Fixed wording of one language. Each entry is text with Mustache-style `{{name}}` placeholders, some with
/// plural forms; entries are compiled once into segments and filled in without a template engine (they are
/// rendered hundreds of times per handout).
struct StringTable: Sendable {
    let file: String
    let locale: HandoutLocale
    /// Each phrase's sentences by plural category, in `Phrase.allCases` order (found by `Phrase.index`, without
    /// hashing its name: a handout fills in hundreds of sentences).
    private let entries: [[Sentence?]]

    /// How placeholder values are escaped.
    enum Escaping {
        /// As plain text inside Markdown (`MarkdownText`).
        case markdown
        /// For an HTML page.
        case html
        /// Not at all: plain text for another entry's placeholder, the calendar or JSON.
        case none
    }

    /// Loads a table and checks it against `Phrase`: every phrase is there, and every key is a phrase.
    static func load(file: String, locale: HandoutLocale) throws -> StringTable {
        let data = try FilePaths.readInput(file)
        let root = try YAMLDocument.load(contents: data, file: file)
        guard case .mapping(let mapping, _) = root.node else { throw root.error("expected key: text pairs") }
        var entries: [Phrase: [PluralCategory: Sentence]] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let value = YAMLValue(node: valueNode, file: file, path: key)
            guard let phrase = Phrase(rawValue: key) else {
                let suggestion = closestMatch(to: key, in: Phrase.allCases.map(\.rawValue)).map { "did you mean \($0)? " } ?? ""
                throw KickoffError(file: file, line: keyNode.mark.line, field: key, problem: "is not a phrase Kickoff uses",
                                   fix: suggestion + "remove it or fix its spelling")
            }
            var forms: [PluralCategory: String] = [:]
            if case .mapping = valueNode {
                let fields = try value.fields(allowed: PluralCategory.allCases.map(\.rawValue), required: ["other"])
                for category in PluralCategory.allCases { if let form = fields[category.rawValue] { forms[category] = try form.string() } }
            } else {
                forms[.other] = try value.string()
            }
            for (category, text) in forms {
                guard let sentence = Sentence(text) else {
                    throw value.error("uses Mustache beyond {{name}} placeholders", fix: "use only {{name}} placeholders in string tables")
                }
                entries[phrase, default: [:]][category] = sentence
            }
        }
        if let missing = Phrase.allCases.first(where: { entries[$0] == nil }) {
            throw KickoffError(file: file, field: missing.rawValue, problem: "is missing", fix: "add it in \(locale.rawValue) (strings/en.yaml has every phrase)")
        }
        let forms = Phrase.allCases.map { phrase in PluralCategory.allCases.map { entries[phrase]?[$0] } }
        return StringTable(file: file, locale: locale, entries: forms)
    }

    /// The entry as Markdown, with `{{placeholders}}` from `values` (then `defaults`) escaped as plain text.
    func markdown(_ key: Phrase, _ values: PhraseValues = [:], defaults: PhraseValues = [:], count: Int? = nil) -> String {
        render(key, values, defaults, count, .markdown)
    }

    /// The entry as plain text, for a placeholder of another entry (which escapes it) or for calendar and JSON text.
    func text(_ key: Phrase, _ values: PhraseValues = [:], defaults: PhraseValues = [:], count: Int? = nil) -> String {
        render(key, values, defaults, count, .none)
    }

    /// The entry for an HTML page, with placeholders HTML-escaped.
    func html(_ key: Phrase, _ values: PhraseValues = [:], defaults: PhraseValues = [:], count: Int? = nil) -> String {
        render(key, values, defaults, count, .html)
    }

    private func render(_ key: Phrase, _ values: PhraseValues, _ defaults: PhraseValues, _ count: Int?, _ escaping: Escaping) -> String {
        // Every phrase is in every table: checked when the table loads.
        let forms = entries[key.index]
        let category = count.map { PluralCategory.of($0, in: locale) } ?? .other
        let sentence = forms[category.index] ?? forms[PluralCategory.other.index]!
        return sentence.fill(escaping: escaping) { name in
            if name == "count", let count { return String(count) }
            return values[name] ?? defaults[name]
        }
    }
}

/// One string-table entry, compiled: literal text and `{{name}}` placeholders.
struct Sentence: Sendable {
    enum Part: Sendable {
        /// Text as written, and the same without the Markdown emphasis marks `*` (for plain text).
        case literal(String, plain: String)
        case placeholder(String)
    }
    let parts: [Part]
    /// Room for the filled sentence: its literal text and a typical value per placeholder, so that filling it
    /// allocates once.
    let capacity: Int

    /// Compiles `text`, or returns nil when it uses Mustache features other than `{{name}}`.
    init?(_ text: String) {
        // Over the UTF-8 bytes: `{` and `}` never occur inside a multi-byte sequence. (Foundation's `range(of:)`
        // made compiling the tables a third of a one-account build.)
        let bytes = Array(text.utf8)
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func find(_ byte: UInt8, from start: Int) -> Int? {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == byte && bytes[index + 1] == byte { return index }
                index += 1
            }
            return nil
        }
        var parts: [Part] = []
        var position = 0
        while let open = find(0x7B, from: position) {
            if open > position { parts.append(Self.literal(slice(position..<open))) }
            guard let close = find(0x7D, from: open + 2) else { return nil }
            var name = slice(open + 2..<close)
            // Only a name written with spaces inside its braces (`{{ name }}`) has any to trim.
            if name.utf8.first.map(Self.isNameByte) != true || name.utf8.last.map(Self.isNameByte) != true {
                name = name.trimmingCharacters(in: .whitespaces)
            }
            guard !name.isEmpty, name.isASCII ? name.utf8.allSatisfy(Self.isNameByte)
                : name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
            parts.append(.placeholder(name))
            position = close + 2
        }
        if position < bytes.count { parts.append(Self.literal(slice(position..<bytes.count))) }
        self.parts = parts
        capacity = parts.reduce(0) { room, part in
            if case .literal(let text, _) = part { return room + text.utf8.count }
            return room + 24
        }
    }

    /// An ASCII letter, digit, `_` or `.`: what placeholder names are made of.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2E
    }

    private static func literal(_ text: String) -> Part {
        .literal(text, plain: text.utf8.contains(0x2A) ? String(text.filter { $0 != "*" }) : text)
    }

    /// The sentence with each placeholder's value escaped; a placeholder without a value is left empty, as in Mustache.
    func fill(escaping: StringTable.Escaping, value: (String) -> String?) -> String {
        // A sentence without placeholders is its text.
        if parts.count == 1, case .literal(let text, let plain) = parts[0] { return escaping == .none ? plain : text }
        // Assembled as bytes and made a `String` once: appending to a `String` costs hundreds of instructions a
        // piece, and a handout fills in hundreds of sentences.
        var result = TextBuffer(capacity: capacity)
        for part in parts {
            switch part {
            case .literal(let text, let plain):
                // Plain text has no emphasis: the table's `*`/`**` marks are Markdown's.
                result.append(escaping == .none ? plain : text)
            case .placeholder(let name):
                guard let text = value(name) else { continue }
                switch escaping {
                case .markdown: result.append(MarkdownText.inline(text))
                case .html: result.write(HTMLText.Escaped(text))
                case .none: result.append(text)
                }
            }
        }
        return result.text
    }
}

/// Escapes text for HTML element content and attribute values.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references.
    public static func escape(_ text: String) -> String { Escaped.string(text) }

    /// Text escaped for HTML as it is written: the special characters are ASCII, so the text is copied byte by
    /// byte with each of them replaced.
    struct Escaped: EscapedText {
        /// `&`, `<`, `>`, `"` and `'`.
        static let special = ByteSet { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }
        let text: String

        init(_ text: String) { self.text = text }

        static let replacements = ByteReplacements([0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&#39;"])
    }
}

/// CLDR plural categories Kickoff's languages use.
enum PluralCategory: String, CaseIterable, Sendable {
    case one, few, many, other

    /// The category's place in `allCases`.
    var index: Int {
        switch self {
        case .one: 0
        case .few: 1
        case .many: 2
        case .other: 3
        }
    }

    static func of(_ count: Int, in locale: HandoutLocale) -> PluralCategory {
        switch locale {
        case .en: return count == 1 ? .one : .other
        case .cs: return count == 1 ? .one : (2...4).contains(count) ? .few : .other
        case .zhHans: return .other
        }
    }
}
