import Foundation

/// A template file (`templates/*.mustache`) compiled once for one typed model: the subset of Mustache the
/// product team edits — `{{name}}` (escaped for the output), `{{{name}}}` (as is), `{{.}}`, sections
/// `{{#name}}…{{/name}}`, inverted sections `{{^name}}…{{/name}}`, comments `{{! … }}` and the content-type
/// pragma — checked against the model's fields when it is compiled, so a misspelt name is an error with its
/// file and line at start-up, never an empty string in a handout. Rendering is plain function calls over typed
/// values: no dictionaries, no dynamic casts.
public struct Template<Model: TemplateModel>: Sendable {
    /// The compiled parts, rendered in order.
    let parts: [CompiledPart<Model>]

    /// Compiles `source`; `file` names the template in errors. The content type comes from a
    /// `{{% CONTENT_TYPE: MARKDOWN|HTML|TEXT}}` pragma, else `defaultEscaping`.
    public init(source: String, file: String, defaultEscaping: TemplateEscaping) throws {
        let tokens = try TemplateSyntax.tokens(in: source, file: file)
        var escaping = defaultEscaping
        for case .pragma(let text, _) in tokens {
            let value = text.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces).uppercased() } ?? ""
            switch value {
            case "MARKDOWN": escaping = .markdown
            case "HTML": escaping = .html
            case "TEXT": escaping = .none
            default: throw KickoffError(file: file, problem: "has an unknown content type \(Excerpt.quoted(value))", fix: "use MARKDOWN, HTML or TEXT")
            }
        }
        var position = 0
        parts = try TemplateCompiler<Model>.compile(tokens, from: &position, closing: nil, file: file, escaping: escaping)
    }

    /// The template filled in with `model`.
    public func render(_ model: Model) -> String {
        var output = TextBuffer(capacity: 4096)
        render(model, into: &output)
        return output.text
    }

    /// The template filled in with `model`, appended to `output` (which a streamed list may write out and
    /// empty as it goes).
    public func render(_ model: Model, into output: inout TextBuffer) {
        for part in parts { part.render(model, &output) }
    }

    /// The output of each top-level section of `model` that is a handout section, in order, and the text around
    /// them: for a page that renders each section on its own and finds it by its identity.
    public func renderPieces(_ model: Model) -> [(section: SectionID?, text: TextBuffer)] {
        var pieces: [(section: SectionID?, text: TextBuffer)] = []
        var current = TextBuffer()
        for part in parts {
            if let id = part.section {
                if !current.isEmpty { pieces.append((nil, current)); current = TextBuffer() }
                var text = TextBuffer(capacity: 1024)
                part.render(model, &text)
                if !text.isEmpty { pieces.append((id, text)) }
            } else {
                part.render(model, &current)
            }
        }
        if !current.isEmpty { pieces.append((nil, current)) }
        return pieces
    }
}

/// One compiled piece of a template: how it renders, and which handout section it is (for top-level sections).
struct CompiledPart<Model>: Sendable {
    let render: @Sendable (Model, inout TextBuffer) -> Void
    let section: SectionID?

    init(section: SectionID? = nil, _ render: @escaping @Sendable (Model, inout TextBuffer) -> Void) {
        self.render = render
        self.section = section
    }
}

/// Template text split into literal text and tags, with standalone tag lines removed as Mustache does.
enum TemplateSyntax {
    enum Token: Equatable {
        case text(String)
        case variable(String, escaped: Bool, line: Int)
        case section(String, line: Int)
        case inverted(String, line: Int)
        case close(String, line: Int)
        case pragma(String, line: Int)
        case comment
    }

    static func tokens(in source: String, file: String) throws -> [Token] {
        var raw: [Token] = []
        var rest = Substring(source)
        var line = 1
        while let open = rest.range(of: "{{") {
            let text = rest[..<open.lowerBound]
            if !text.isEmpty { raw.append(.text(String(text))) }
            line += text.count(where: { $0 == "\n" })
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            guard let close = rest[open.upperBound...].range(of: closer) else {
                throw KickoffError(file: file, line: line, problem: "has a tag that is never closed", fix: "close it with \(closer)")
            }
            var body = rest[open.upperBound..<close.lowerBound]
            if triple { body = body.dropFirst() }
            let tagLine = line
            line += body.count(where: { $0 == "\n" })
            let name = body.dropFirst().trimmingCharacters(in: .whitespaces)
            switch body.first {
            case "!": raw.append(.comment)
            case "%": raw.append(.pragma(String(body.dropFirst()), line: tagLine))
            case "#": raw.append(.section(name, line: tagLine))
            case "^": raw.append(.inverted(name, line: tagLine))
            case "/": raw.append(.close(name, line: tagLine))
            case "&": raw.append(.variable(name, escaped: false, line: tagLine))
            default:
                let variable = body.trimmingCharacters(in: .whitespaces)
                guard !variable.isEmpty, !"><=$".contains(variable.first!) else {
                    throw KickoffError(file: file, line: tagLine, problem: "uses {{\(body.prefix(20))}}, which Kickoff's templates do not support",
                                       fix: "use {{name}}, {{{name}}}, {{#name}}…{{/name}}, {{^name}}…{{/name}} or {{! comment }}")
                }
                raw.append(.variable(variable, escaped: !triple, line: tagLine))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { raw.append(.text(String(rest))) }
        return removingStandaloneLines(raw)
    }

    /// A section, inverted, closing, comment or pragma tag alone on its line (but for spaces and tabs) takes
    /// the whole line with it, so templates can be laid out freely. Which tags stand alone is decided on the
    /// template as written; then the blanks before each and the line end after it are cut.
    static func removingStandaloneLines(_ tokens: [Token]) -> [Token] {
        func isStandaloneKind(_ token: Token) -> Bool {
            switch token {
            case .section, .inverted, .close, .pragma, .comment: return true
            default: return false
            }
        }
        func text(_ index: Int) -> String? {
            guard index >= 0, index < tokens.count, case .text(let text) = tokens[index] else { return nil }
            return text
        }
        // For each text token: cut its first line (through the line break) and/or its last line's blanks.
        var cutFirstLine = Set<Int>(), cutLastLine = Set<Int>()
        for index in tokens.indices where isStandaloneKind(tokens[index]) {
            let beforeOK: Bool
            if index == 0 {
                beforeOK = true
            } else if let before = text(index - 1) {
                let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last!
                beforeOK = lastLine.allSatisfy { $0 == " " || $0 == "\t" } && (before.contains("\n") || index == 1)
            } else {
                beforeOK = false
            }
            let afterOK: Bool
            if index == tokens.count - 1 {
                afterOK = true
            } else if let after = text(index + 1) {
                let firstLine = after.prefix { $0 != "\n" }
                afterOK = firstLine.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } && (firstLine.count < after.count || index + 1 == tokens.count - 1)
            } else {
                afterOK = false
            }
            guard beforeOK && afterOK else { continue }
            if index > 0 { cutLastLine.insert(index - 1) }
            if index < tokens.count - 1 { cutFirstLine.insert(index + 1) }
        }
        var result: [Token] = []
        for (index, token) in tokens.enumerated() {
            guard case .text(let text) = token else { result.append(token); continue }
            var start = text.startIndex, end = text.endIndex
            if cutFirstLine.contains(index) {
                start = text.firstIndex(of: "\n").map(text.index(after:)) ?? text.endIndex
            }
            if cutLastLine.contains(index) {
                end = text.lastIndex(of: "\n").map(text.index(after:)) ?? text.startIndex
            }
            if start < end { result.append(.text(String(text[start..<end]))) }
        }
        return result
    }
}

/// Compiles tokens against a model's fields.
enum TemplateCompiler<Model: TemplateModel> {
    /// Compiles until `{{/closing}}` (or the end, at the top level). Inside a section of a text, `dot` is what
    /// `{{.}}` shows.
    static func compile(_ tokens: [TemplateSyntax.Token], from position: inout Int, closing: String?, file: String,
                        escaping: TemplateEscaping, dot: TemplateField<Model>? = nil) throws -> [CompiledPart<Model>] {
        var parts: [CompiledPart<Model>] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token {
            case .text(let text):
                parts.append(CompiledPart { _, output in output.append(text) })
            case .comment, .pragma:
                continue
            case .variable(let name, let escaped, let line):
                let field = try lookup(name, line: line, file: file, dot: dot)
                guard let text = field.text else {
                    throw KickoffError(file: file, line: line, problem: "shows {{\(name)}}, which is a list or a yes/no, not text",
                                       fix: "use it as a section: {{#\(name)}}…{{/\(name)}}")
                }
                if escaped, case .markdown = escaping, field.isMarkdown {
                    throw KickoffError(file: file, line: line, problem: "escapes {{\(name)}}, which is Markdown Kickoff built",
                                       fix: "show it with triple braces: {{{\(name)}}}")
                }
                if escaped, escaping != .none {
                    parts.append(CompiledPart { model, output in escaping.apply(text(model), into: &output) })
                } else {
                    parts.append(CompiledPart(field.write))
                }
            case .section(let name, let line), .inverted(let name, let line):
                let field = try lookup(name, line: line, file: file, dot: dot)
                var inner = position
                let inverted: Bool = { if case .inverted = token { return true } else { return false } }()
                if inverted {
                    let children = try compile(tokens, from: &inner, closing: name, file: file, escaping: escaping, dot: dot)
                    let isEmpty = field.isEmpty
                    parts.append(CompiledPart { model, output in
                        if isEmpty(model) { for child in children { child.render(model, &output) } }
                    })
                } else {
                    let render = try field.section(TemplateSectionSource(tokens: tokens, name: name, file: file, escaping: escaping, dot: dot), &inner)
                    parts.append(CompiledPart(section: closing == nil ? field.sectionID : nil, render))
                }
                position = inner
            case .close(let name, let line):
                guard name == closing else {
                    throw KickoffError(file: file, line: line, problem: "closes {{/\(name)}}, which is not open here",
                                       fix: closing.map { "close {{#\($0)}} first" } ?? "remove it")
                }
                return parts
            }
        }
        if let closing {
            throw KickoffError(file: file, problem: "never closes {{#\(closing)}}", fix: "add {{/\(closing)}}")
        }
        return parts
    }

    static func lookup(_ name: String, line: Int, file: String, dot: TemplateField<Model>?) throws -> TemplateField<Model> {
        if name == ".", let dot { return dot }
        if let field = Model.templateFields[name] { return field }
        let known = Model.templateFields.keys.sorted()
        let suggestion = closestMatch(to: name, in: known).map { "did you mean \($0)? " } ?? ""
        throw KickoffError(file: file, line: line, problem: "uses {{\(name)}}, which \(Model.templateName) does not have",
                           fix: suggestion + "names here: \(known.joined(separator: ", "))")
    }
}
