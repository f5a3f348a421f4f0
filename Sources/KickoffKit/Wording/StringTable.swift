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

    /// Compiles `text`, or returns nil when it uses Mustache features other than `{{name}}`.
    init?(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(Self.literal(rest[..<open.lowerBound])) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
            parts.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(Self.literal(rest)) }
        self.parts = parts
    }

    private static func literal(_ text: Substring) -> Part {
        .literal(String(text), plain: String(text.filter { $0 != "*" }))
    }

    /// The sentence with each placeholder's value escaped; a placeholder without a value is left empty, as in Mustache.
    func fill(escaping: StringTable.Escaping, value: (String) -> String?) -> String {
        // A sentence without placeholders is its text.
        if parts.count == 1, case .literal(let text, let plain) = parts[0] { return escaping == .none ? plain : text }
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text, let plain):
                // Plain text has no emphasis: the table's `*`/`**` marks are Markdown's.
                result += escaping == .none ? plain : text
            case .placeholder(let name):
                guard let text = value(name) else { continue }
                switch escaping {
                case .markdown: result += MarkdownText.inline(text)
                case .html: result += HTMLText.escape(text)
                case .none: result += text
                }
            }
        }
        return result
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

        static func write(escaping bytes: UnsafeBufferPointer<UInt8>, into buffer: inout TextBuffer) {
            for byte in bytes {
                switch byte {
                case 0x26: buffer.append("&amp;")
                case 0x3C: buffer.append("&lt;")
                case 0x3E: buffer.append("&gt;")
                case 0x22: buffer.append("&quot;")
                case 0x27: buffer.append("&#39;")
                default: buffer.append(byte: byte)
                }
            }
        }
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
