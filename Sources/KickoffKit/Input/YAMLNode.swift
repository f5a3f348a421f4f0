// libyaml, the parser Yams bundles, read through its event API, which Yams keeps private: composing only the nodes
// Kickoff reads, straight from the events, costs a third of building Yams' general node tree for a profile.
import CYaml

/// Where a node starts in its file, 1-based.
struct YAMLMark: Equatable {
    /// The line.
    var line: Int
    /// The column, in characters of the line.
    var column: Int
}

/// A scalar: text as written, with the style it was written in.
struct YAMLScalar {
    /// How a scalar was written.
    enum Style: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The text, after YAML's escapes and folding.
    let string: String
    /// How it was written.
    let style: Style
    /// Where it starts.
    let mark: YAMLMark
}

/// A node of a YAML document: text, a list, or fields in the order written.
enum YAMLNode {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], mark: YAMLMark)
    case mapping([(key: YAMLNode, value: YAMLNode)], mark: YAMLMark)

    /// Where the node starts.
    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// The text of a scalar; nil for a list or fields.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}

/// What reading a YAML text can find wrong, before Kickoff looks at what the nodes say.
enum YAMLProblem: Error {
    /// The text is not YAML: libyaml's description and where it noticed.
    case syntax(String, line: Int)
    /// libyaml could not read the bytes (they are checked as UTF-8 before, so this is rare).
    case reader(String)
    /// The same key twice in one mapping: the key (the first in sorted order when several are) and the line of
    /// its first occurrence.
    case duplicateKey(String, line: Int)
    /// A second document after the first.
    case severalDocuments
    /// An anchor or alias (`&name`, `*name`), which can multiply a small file into gigabytes.
    case anchor(line: Int)
    /// A tag other than one naming what the value already is (`!!binary`, `!!python/object`).
    case tag(String, line: Int)
    /// libyaml ran out of memory.
    case memory
}

/// Composes the one document of a YAML text from libyaml's events.
///
/// Problems come in the order a general-purpose loader reports them: syntax errors and duplicate keys while
/// reading, then a second document, then the first anchor, alias or tag in document order.
enum YAMLComposer {
    /// The tags a value may carry: none, or one that names what it already is (`!!str 42`).
    static let plainTags: Set<String> = ["!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                                         "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
                                         "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"]

    /// The root node of `text`'s only document, or nil when the text holds no document (only comments).
    static func compose(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        var text = text
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw .memory }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        let composed = text.withUTF8 { bytes in
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            return Result { () throws(YAMLProblem) -> YAMLNode? in try document(from: parser) }
        }
        return try composed.get()
    }

    private static func document(from parser: UnsafeMutablePointer<yaml_parser_t>) throws(YAMLProblem) -> YAMLNode? {
        var reader = EventReader(parser: parser)
        _ = try reader.next() // the stream's start
        guard try reader.next().type == YAML_DOCUMENT_START_EVENT else { return nil }
        let root = try reader.node(from: try reader.next())
        _ = try reader.next() // the document's end
        if try reader.next().type == YAML_DOCUMENT_START_EVENT {
            // The second document is read through, so that an error in it is reported as such.
            _ = try reader.node(from: try reader.next())
            throw .severalDocuments
        }
        if let refusal = reader.firstRefusal { throw refusal }
        return root
    }

    /// One libyaml event, copied out of libyaml's memory.
    private struct Event {
        var type: yaml_event_type_t
        var mark: YAMLMark
        var anchor: String?
        var tag: String?
        var scalar: YAMLScalar?
    }

    /// Reads events from a parser and composes nodes from them.
    private struct EventReader {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        /// Anchors defined so far: an alias to any other is an error in the text.
        var anchors: Set<String> = []
        /// The first anchor, alias or tag that Kickoff refuses, reported once the whole text has been read.
        var firstRefusal: YAMLProblem?

        init(parser: UnsafeMutablePointer<yaml_parser_t>) { self.parser = parser }

        mutating func next() throws(YAMLProblem) -> Event {
            var raw = yaml_event_t()
            guard yaml_parser_parse(parser, &raw) == 1 else { throw problem() }
            defer { yaml_event_delete(&raw) }
            let mark = YAMLMark(line: raw.start_mark.line + 1, column: raw.start_mark.column + 1)
            var event = Event(type: raw.type, mark: mark)
            switch raw.type {
            case YAML_SCALAR_EVENT:
                let data = raw.data.scalar
                event.anchor = Self.text(data.anchor)
                event.tag = data.quoted_implicit == 1 ? nil : Self.text(data.tag)
                let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                event.scalar = YAMLScalar(string: value, style: Self.style(data.style), mark: mark)
            case YAML_SEQUENCE_START_EVENT:
                event.anchor = Self.text(raw.data.sequence_start.anchor)
                event.tag = raw.data.sequence_start.implicit != 0 ? nil : Self.text(raw.data.sequence_start.tag)
            case YAML_MAPPING_START_EVENT:
                event.anchor = Self.text(raw.data.mapping_start.anchor)
                event.tag = raw.data.mapping_start.implicit != 0 ? nil : Self.text(raw.data.mapping_start.tag)
            case YAML_ALIAS_EVENT:
                event.anchor = Self.text(raw.data.alias.anchor)
            default:
                break
            }
            return event
        }

        /// The node that starts with `event`.
        mutating func node(from event: Event) throws(YAMLProblem) -> YAMLNode {
            if event.type == YAML_ALIAS_EVENT {
                guard let name = event.anchor, anchors.contains(name) else {
                    throw .syntax("found undefined alias", line: event.mark.line)
                }
                // Its anchor came first in the text and is the refusal already noted.
                return .scalar(YAMLScalar(string: "", style: .plain, mark: event.mark))
            }
            if let name = event.anchor {
                anchors.insert(name)
                if firstRefusal == nil { firstRefusal = .anchor(line: event.mark.line) }
            }
            if let tag = event.tag, firstRefusal == nil, !YAMLComposer.plainTags.contains(tag) {
                firstRefusal = .tag(tag, line: event.mark.line)
            }
            switch event.type {
            case YAML_SCALAR_EVENT:
                return .scalar(event.scalar!)
            case YAML_SEQUENCE_START_EVENT:
                var items: [YAMLNode] = []
                var next = try self.next()
                while next.type != YAML_SEQUENCE_END_EVENT {
                    items.append(try node(from: next))
                    next = try self.next()
                }
                return .sequence(items, mark: event.mark)
            default: // YAML_MAPPING_START_EVENT: libyaml sends no other event where a node starts
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                var next = try self.next()
                while next.type != YAML_MAPPING_END_EVENT {
                    let key = try node(from: next)
                    let value = try node(from: try self.next())
                    pairs.append((key, value))
                    next = try self.next()
                }
                if let duplicate = Self.firstDuplicate(in: pairs) { throw duplicate }
                return .mapping(pairs, mark: event.mark)
            }
        }

        /// The smallest key that appears more than once, with the line of its first occurrence.
        private static func firstDuplicate(in pairs: [(key: YAMLNode, value: YAMLNode)]) -> YAMLProblem? {
            guard pairs.count > 1 else { return nil }
            if pairs.count <= 16 {
                // A small mapping (most are): each key against the ones before it, without hashing.
                var duplicated: (key: String, line: Int)?
                for index in 1..<pairs.count {
                    guard case .scalar(let key) = pairs[index].key else { continue }
                    for earlier in 0..<index {
                        guard case .scalar(let other) = pairs[earlier].key, other.string == key.string else { continue }
                        if duplicated.map({ key.string < $0.key }) ?? true { duplicated = (key.string, other.mark.line) }
                        break
                    }
                }
                return duplicated.map { .duplicateKey($0.key, line: $0.line) }
            }
            var firstLines: [String: Int] = [:]
            var duplicated: (key: String, line: Int)?
            for pair in pairs {
                guard case .scalar(let key) = pair.key else { continue }
                if let line = firstLines[key.string] {
                    if duplicated.map({ key.string < $0.key }) ?? true { duplicated = (key.string, line) }
                } else {
                    firstLines[key.string] = key.mark.line
                }
            }
            return duplicated.map { .duplicateKey($0.key, line: $0.line) }
        }

        /// What the parser reports, as a problem.
        private func problem() -> YAMLProblem {
            let state = parser.pointee
            let description = state.problem.map { String(cString: $0) } ?? "unknown problem"
            switch state.error {
            case YAML_MEMORY_ERROR: return .memory
            case YAML_READER_ERROR: return .reader(description)
            default: return .syntax(description, line: state.problem_mark.line + 1)
            }
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
            switch style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: return .literal
            case YAML_FOLDED_SCALAR_STYLE: return .folded
            default: return .plain
            }
        }
    }
}
