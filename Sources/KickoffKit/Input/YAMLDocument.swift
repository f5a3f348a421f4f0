import Foundation

/// Input size limits: no file makes Kickoff hang or use unbounded memory.
public enum InputLimits {
    /// Largest profile or flow file read, in bytes.
    public static let fileBytes = 4 * 1024 * 1024
    /// Largest `plan.json` read back (the previous version of a plan, or its fingerprint): a plan of the most
    /// steps a flow may have fits.
    public static let planBytes = 64 * 1024 * 1024
    /// Most steps a flow may have.
    public static let steps = 20_000
    /// Most goals or pain points a profile may have.
    public static let goals = 2_000
    /// Longest text value, in characters.
    public static let textLength = 20_000
    /// Most holidays a profile may list.
    public static let holidays = 1_000
}

/// A YAML node together with where it came from, so that every error can name file, line and field.
struct YAMLValue {
    let node: YAMLNode
    let file: String
    /// The path of the mapping this value is the field `field` of, or, without a field, the value's own path.
    private let parentPath: String, field: String?

    /// Where the value is, for messages: `goals[1].text`. (Joined only when asked for: most values never are.)
    var path: String {
        guard let field else { return parentPath }
        return parentPath.isEmpty ? field : "\(parentPath).\(field)"
    }

    /// The value `node` at `path` of `file`.
    init(node: YAMLNode, file: String, path: String) {
        self.node = node
        self.file = file
        parentPath = path
        field = nil
    }

    /// The value of the field `field` of the mapping at `parentPath`.
    private init(node: YAMLNode, file: String, parentPath: String, field: String) {
        self.node = node
        self.file = file
        self.parentPath = parentPath
        self.field = field
    }

    var line: Int { node.mark.line }

    /// An error at this value.
    func error(_ problem: String, fix: String? = nil) -> KickoffError {
        KickoffError(file: file, line: line, field: path, problem: problem, fix: fix)
    }

    func warning(_ message: String) -> Warning {
        Warning(file: file, line: line, field: path, message: message)
    }

    /// How this value reads in an error message.
    var shown: String {
        switch node {
        case .scalar(let scalar): return "\"\(scalar.string.prefix(60))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    // MARK: Scalars

    /// A non-empty string (numbers and booleans are taken as their text).
    func string(maxLength: Int = InputLimits.textLength) throws -> String {
        guard case .scalar(let scalar) = node, !isNull else {
            throw error("expected text, found \(isNull ? "nothing" : shown)")
        }
        let text = scalar.string
        guard !text.isBlank else {
            throw error("is empty", fix: "write some text or remove the field")
        }
        guard text.utf8.count <= maxLength || text.count <= maxLength else {
            throw error("is \(text.count) characters long", fix: "keep it under \(maxLength) characters")
        }
        if text.hasPrefix(YAMLValue.placeholderMark) {
            throw error("is still a placeholder from kickoff new (\(Excerpt.quoted(text, limit: 50)))", fix: "write the real text, or remove the field")
        }
        if let bad = text.firstScalar(startingWithByteIn: YAMLValue.unshowableStart, where: YAMLValue.isUnshowable) {
            throw error("contains the control character U+\(String(format: "%04X", bad.value)), which cannot be shown",
                        fix: "remove it (tabs and line breaks are fine)")
        }
        return text
    }

    /// How `kickoff new` marks what the CSM must fill in: text starting with it never reaches a customer.
    static let placeholderMark = "FILL IN"

    /// Bytes that may start a character `isUnshowable` refuses: C0 controls other than tab and line breaks, DEL,
    /// 0xC2 (C1 controls), 0xEF (U+FDD0–FDEF, U+FFFE/FFFF) and 0xF0–0xF4 (the other planes' last two).
    static let unshowableStart = ByteSet { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF || $0 >= 0xF0 }

    /// Control characters other than tab and line breaks, and noncharacters: no handout can show them.
    static func isUnshowable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x09 || value == 0x0A || value == 0x0D { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// Text that may be given per language: `Create your account`, or `{en: Create your account, cs: Založte si účet}`.
    /// Returns the flow's own text (English when given, else the first) and the others by locale.
    func localizedString(maxLength: Int = InputLimits.textLength) throws -> (text: String, translations: [HandoutLocale: String]) {
        guard case .mapping = node else { return (try string(maxLength: maxLength), [:]) }
        let fields = try fields(allowed: HandoutLocale.allCases.map(\.rawValue))
        var texts: [HandoutLocale: String] = [:]
        for locale in HandoutLocale.allCases {
            if let value = fields[locale.rawValue] { texts[locale] = try value.string(maxLength: maxLength) }
        }
        guard let own = texts[.en] ?? HandoutLocale.allCases.lazy.compactMap({ texts[$0] }).first else {
            throw error("gives no text", fix: "write the text, or one per language like {en: ..., cs: ...}")
        }
        return (own, texts)
    }

    /// Bytes other than ASCII letters and digits, `-`, `_` and `.`.
    private static let notInIdentifier = ByteSet { byte in
        !((0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E)
    }

    /// An identifier such as a step or goal id: letters, digits, `-`, `_` and `.`.
    func identifier() throws -> String {
        let text = try string(maxLength: 100)
        guard !text.containsByte(in: Self.notInIdentifier) else {
            throw error("\"\(text.prefix(60))\" is not an id", fix: "use letters, digits, - and _ only, like first-campaign")
        }
        return text
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error("expected a whole number, found \(shown)", fix: "use a number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range", fix: "use a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func bool() throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false, found \(shown)") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found \(shown)")
        }
    }

    func day() throws -> Day {
        let text = try string(maxLength: 40)
        guard let day = Day(iso: text) else {
            throw error("\"\(text)\" is not a date", fix: "use YYYY-MM-DD, like 2026-12-01")
        }
        return day
    }

    /// One of a fixed set of words.
    func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let text = try string(maxLength: 100)
        if let value = T(rawValue: text) { return value }
        let choices = T.allCases.map(\.rawValue)
        let suggestion = closestMatch(to: text, in: choices).map { "did you mean \($0)? " } ?? ""
        throw error("\"\(text.prefix(60))\" is not one of \(choices.joined(separator: ", "))",
                    fix: "\(suggestion)use one of \(choices.joined(separator: " | "))")
    }

    // MARK: Collections

    /// The items of a list; a single scalar is not accepted, nothing (`~`) is an empty list.
    func list(max: Int = InputLimits.goals) throws -> [YAMLValue] {
        if isNull { return [] }
        guard case .sequence(let sequence, _) = node else {
            throw error("expected a list, found \(shown)", fix: "write it as [a, b] or one \"- item\" a line")
        }
        guard sequence.count <= max else {
            throw error("has \(sequence.count) items", fix: "keep it to at most \(max)")
        }
        return sequence.enumerated().map { index, item in
            YAMLValue(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// The fields of a mapping, checked against the fields this place allows.
    func fields(allowed: [String], required: [String] = []) throws -> YAMLFields {
        guard case .mapping(let mapping, _) = node else {
            throw error("expected fields (key: value), found \(isNull ? "nothing" : shown)")
        }
        let path = self.path
        var values: [(key: String, value: YAMLValue)] = []
        values.reserveCapacity(mapping.count)
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw YAMLValue(node: keyNode, file: file, path: path).error("a field name must be a plain word")
            }
            let key = keyScalar.string
            guard allowed.contains(key) else {
                let suggestion = closestMatch(to: key, in: allowed)
                throw KickoffError(
                    file: file, line: keyNode.mark.line, field: path.isEmpty ? key : "\(path).\(key)",
                    problem: "unknown field",
                    fix: suggestion.map { "did you mean \($0)?" } ?? "known fields here: \(allowed.joined(separator: ", "))")
            }
            // Each key once: the composer refuses a mapping with a key twice.
            values.append((key, YAMLValue(node: valueNode, file: file, parentPath: path, field: key)))
        }
        let fields = YAMLFields(values: values)
        for key in required where fields.values.first(where: { $0.key == key }).map({ $0.value.isNull }) ?? true {
            throw KickoffError(file: file, line: line, field: path.isEmpty ? key : "\(path).\(key)",
                               problem: "is required", fix: "add \(key): to \(path.isEmpty ? "the file" : path)")
        }
        return fields
    }
}

/// The checked fields of one mapping, in the file's order. (A mapping has a handful of fields: finding one by
/// comparing names costs less than hashing them.)
struct YAMLFields {
    let values: [(key: String, value: YAMLValue)]

    /// The value of a field, or nil when the field is absent or empty (`~`).
    subscript(key: String) -> YAMLValue? {
        guard let value = values.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }
}

/// Reads a YAML file into its root node, refusing what Kickoff never accepts:
/// files over the size limit, bytes that are not UTF-8, anchors and aliases, several documents.
enum YAMLDocument {
    static func load(contents data: Data, file: String) throws -> YAMLValue {
        guard data.count <= InputLimits.fileBytes else {
            throw KickoffError(file: file, problem: "is \(data.count / 1024) KiB",
                               fix: "files are limited to \(InputLimits.fileBytes / 1024 / 1024) MiB")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(data)
            throw KickoffError(file: file, line: line, problem: "is not valid UTF-8 text", fix: "save the file as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.isBlank else {
            throw KickoffError(file: file, problem: "is empty", fix: "see the README for the fields it needs")
        }
        try refuseControlCharacters(in: text, file: file)
        let composed: YAMLNode?
        do {
            composed = try YAMLComposer.compose(text)
        } catch {
            throw describe(error, file: file, text: text)
        }
        guard let root = composed else {
            throw KickoffError(file: file, problem: "is empty", fix: "see the README for the fields it needs")
        }
        return YAMLValue(node: root, file: file, path: "")
    }

    /// Control characters other than tab and line breaks are not text; YAML refuses them without saying where.
    private static func refuseControlCharacters(in text: String, file: String) throws {
        guard text.firstScalar(startingWithByteIn: YAMLValue.unshowableStart, where: YAMLValue.isUnshowable) != nil else { return }
        // There is one: its line and column, counted from the start.
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; continue }
            if YAMLValue.isUnshowable(scalar) {
                throw KickoffError(file: file, line: line, column: column,
                                   problem: "contains the control character U+\(String(format: "%04X", scalar.value)), which is not text",
                                   fix: "remove it; save the file as plain UTF-8 text")
            }
            column += 1
        }
    }

    /// Refuses a file whose top level is not fields, or has none of the fields a `kind` of file has: it is some
    /// other file, and no part of it is quoted back.
    static func requireTopLevel(_ root: YAMLValue, kind: String, knownFields: [String], required: [String]) throws {
        let looksRight: Bool
        if case .mapping(let mapping, _) = root.node {
            looksRight = mapping.contains { pair in pair.key.string.map(knownFields.contains) ?? false }
        } else {
            looksRight = false
        }
        guard looksRight else {
            throw KickoffError(file: root.file, problem: "is not \(kind): it has none of its fields (\(required.joined(separator: ", ")), …)",
                               fix: "check the file name; the README lists the fields")
        }
    }

    private static func describe(_ problem: YAMLProblem, file: String, text: String) -> KickoffError {
        switch problem {
        case let .syntax(problem, line):
            // The most common cause a person can fix: a tab used for indentation.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let tabLine = lines.prefix(line).lastIndex(where: { $0.prefix { $0 == " " || $0 == "\t" }.contains("\t") }),
               line - tabLine <= 2 {
                return KickoffError(file: file, line: tabLine + 1, problem: "is indented with a tab", fix: "indent with spaces; YAML does not allow tabs there")
            }
            if problem.contains("nesting level") {
                return KickoffError(file: file, line: line, problem: "nests lists or fields too deeply",
                                    fix: "profiles and flows need only a few levels; check the brackets near line \(line)")
            }
            return KickoffError(file: file, line: line, problem: "is not valid YAML: \(problem)",
                                fix: "check the indentation and quoting near line \(line)")
        case let .duplicateKey(key, line):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return KickoffError(file: file, line: line, field: blockPath(of: key, atLine: line, in: lines),
                                problem: "appears twice in the same place",
                                fix: "keep one \(key): and remove the other")
        case .severalDocuments:
            return KickoffError(file: file, problem: "holds more than one YAML document",
                                fix: "keep one document (remove the extra --- separators)")
        case let .anchor(line):
            // Anchors and aliases can multiply a small file into gigabytes ("billion laughs").
            return KickoffError(file: file, line: line, problem: "uses a YAML anchor or alias (&name / *name)",
                                fix: "write each value out in full")
        case let .tag(tag, line):
            // Tags (`!!binary`, `!!python/object`) ask for a kind of value no profile or flow has.
            return KickoffError(file: file, line: line, problem: "uses the YAML tag \(Excerpt.quoted(tag, limit: 40))",
                                fix: "remove the tag (!!…): values are plain text, numbers, dates, lists and fields")
        case let .reader(problem):
            return KickoffError(file: file, problem: "could not be read as YAML: \(problem)", fix: "save the file as UTF-8 text")
        case .memory:
            return KickoffError(file: file, problem: "could not be read as YAML: out of memory")
        }
    }

    /// The field path (`goals[1].text`) of `key` written on `line` of a block-style file, found by walking up
    /// through the lines that hold it; just `key` where the layout is not plain block style.
    static func blockPath(of key: String, atLine line: Int, in lines: [String]) -> String {
        guard line >= 1, line <= lines.count else { return key }
        func indent(_ text: String) -> Int { text.prefix { $0 == " " }.count }
        func keyName(_ text: Substring) -> String? {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces)
            return name.isEmpty || name.contains(" ") ? nil : name
        }
        let own = lines[line - 1]
        var column = indent(own)
        var rest = own.dropFirst(column)
        if rest.hasPrefix("- ") { column += 2; rest = rest.dropFirst(2) }
        guard keyName(rest) == key else { return key }
        var path = [key]
        var index = line - 2
        while index >= 0, column > 0 {
            let text = lines[index]
            let content = text.drop { $0 == " " }
            let level = indent(text)
            if content.isEmpty || content.hasPrefix("#") || level >= column { index -= 1; continue }
            if content.hasPrefix("- ") {
                // An item of a list: count the items at this level up to the field that holds the list.
                var position = 0
                var above = index - 1
                while above >= 0 {
                    let other = lines[above]
                    let otherContent = other.drop { $0 == " " }
                    if otherContent.isEmpty || otherContent.hasPrefix("#") { above -= 1; continue }
                    if indent(other) < level { break }
                    if indent(other) == level {
                        if otherContent.hasPrefix("- ") { position += 1 } else { break }
                    }
                    above -= 1
                }
                path[0] = "[\(position)]" + (path[0].hasPrefix("[") ? "" : ".") + path[0]
                column = level
                index = above
                continue
            }
            guard let name = keyName(content) else { return key }
            path.insert(name, at: 0)
            column = level
            index -= 1
        }
        return path.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            // Decode line by line; the first line that fails holds the bad bytes.
            let end = data[index...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(data: data[index..<end], encoding: .utf8) == nil { return line }
            line += 1
            index = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }
}

/// The allowed word nearest to a misspelt one, if it is near enough to be a typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lowered = word.lowercased()
    // A short or long form of one of the words: `zh` for `zh-Hans`, `monday` for `mon`.
    let prefixed = candidates.filter { candidate in
        let other = candidate.lowercased()
        return (lowered.count >= 2 && other.hasPrefix(lowered)) || (other.count >= 3 && lowered.hasPrefix(other))
    }
    if prefixed.count == 1 { return prefixed[0] }
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, min(3, word.count / 3)) ? best.0 : nil
}

/// Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment),
/// since transposed letters are the most common typo.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
