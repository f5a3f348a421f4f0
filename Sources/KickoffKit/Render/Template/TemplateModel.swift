/// How `{{name}}` escapes a value for the output a template writes.
public enum TemplateEscaping: Sendable {
    /// As plain text inside Markdown (`MarkdownText`).
    case markdown
    /// For HTML element content and attributes.
    case html
    /// Not at all (a YAML scaffold quotes its own values).
    case none

    /// Appends `text`, escaped, to `output`.
    func apply(_ text: String, into output: inout TextBuffer) {
        switch self {
        case .markdown: output.append(MarkdownText.inline(text))
        case .html: output.append(HTMLText.escape(text))
        case .none: output.append(text)
        }
    }
}

/// A typed value a template shows: its fields, each with how it renders. Templates are checked against these
/// when they are compiled.
public protocol TemplateModel: Sendable {
    /// What the value is called in messages about a template (`a goal`).
    static var templateName: String { get }
    /// The names a template may use for this value.
    static var templateFields: [String: TemplateField<Self>] { get }
}

/// Where a section's children come from, for compiling them against the section's own type.
struct TemplateSectionSource<Parent: TemplateModel> {
    let tokens: [TemplateSyntax.Token]
    let name: String
    let file: String
    let escaping: TemplateEscaping
    let dot: TemplateField<Parent>?
}

/// One name a template may use, and how it renders as `{{name}}` and as `{{#name}}…{{/name}}`.
public struct TemplateField<Model: TemplateModel>: Sendable {
    /// Its text for `{{name}}`, when it is text.
    let text: (@Sendable (Model) -> String)?
    /// Appends its text as it is (`{{{name}}}`), when it is text.
    let write: @Sendable (Model, inout TextBuffer) -> Void
    /// Whether the text is Markdown that Kickoff built (shown with `{{{name}}}` only).
    let isMarkdown: Bool
    /// Whether `{{^name}}` shows its children.
    let isEmpty: @Sendable (Model) -> Bool
    /// The handout section it is, for a top-level section.
    let sectionID: SectionID?
    /// Compiles `{{#name}}…{{/name}}`.
    let section: @Sendable (TemplateSectionSource<Model>, inout Int) throws -> @Sendable (Model, inout TextBuffer) -> Void

    private init(text: (@Sendable (Model) -> String)?, write: (@Sendable (Model, inout TextBuffer) -> Void)? = nil, isMarkdown: Bool,
                 isEmpty: @escaping @Sendable (Model) -> Bool, sectionID: SectionID?,
                 section: @escaping @Sendable (TemplateSectionSource<Model>, inout Int) throws -> @Sendable (Model, inout TextBuffer) -> Void) {
        self.text = text
        self.write = write ?? { model, output in if let text { output.append(text(model)) } }
        self.isMarkdown = isMarkdown
        self.isEmpty = isEmpty
        self.sectionID = sectionID
        self.section = section
    }

    /// Plain text: escaped by `{{name}}`; a section of it shows when it is not empty, with `{{.}}` as the text.
    public static func text(_ value: @escaping @Sendable (Model) -> String) -> TemplateField {
        textField(value, markdown: false)
    }

    /// Markdown that Kickoff built (its sentences escape their own values): shown with `{{{name}}}`.
    public static func markdown(_ value: @escaping @Sendable (Model) -> String) -> TemplateField {
        textField(value, markdown: true)
    }

    /// Text that may be absent: shown as nothing, and its section is skipped, when it is nil or empty.
    public static func optional(_ value: @escaping @Sendable (Model) -> String?, markdown: Bool = false) -> TemplateField {
        textField({ value($0) ?? "" }, markdown: markdown)
    }

    /// HTML that Kickoff or libcmark wrote, as bytes: shown with `{{{name}}}`, appended as it is.
    public static func html(_ value: @escaping @Sendable (Model) -> TextBuffer) -> TemplateField {
        textField({ value($0).text }, write: { model, output in output.append(value(model)) }, isEmpty: { value($0).isEmpty }, markdown: true)
    }

    private static func textField(_ value: @escaping @Sendable (Model) -> String, write: (@Sendable (Model, inout TextBuffer) -> Void)? = nil,
                                  isEmpty: (@Sendable (Model) -> Bool)? = nil, markdown: Bool) -> TemplateField {
        let isEmpty = isEmpty ?? { value($0).isEmpty }
        let field = TemplateField(text: value, write: write, isMarkdown: markdown, isEmpty: isEmpty, sectionID: nil) { _, _ in { _, _ in } }
        return TemplateField(text: value, write: write, isMarkdown: markdown, isEmpty: isEmpty, sectionID: nil) { source, position in
            let children = try TemplateCompiler<Model>.compile(source.tokens, from: &position, closing: source.name, file: source.file,
                                                               escaping: source.escaping, dot: field)
            return { model, output in
                guard !isEmpty(model) else { return }
                for child in children { child.render(model, &output) }
            }
        }
    }

    /// Yes or no: its section shows its children (with the same names) when yes.
    public static func flag(_ value: @escaping @Sendable (Model) -> Bool) -> TemplateField {
        TemplateField(text: nil, isMarkdown: false, isEmpty: { !value($0) }, sectionID: nil) { source, position in
            let children = try TemplateCompiler<Model>.compile(source.tokens, from: &position, closing: source.name, file: source.file,
                                                               escaping: source.escaping, dot: source.dot)
            return { model, output in
                guard value(model) else { return }
                for child in children { child.render(model, &output) }
            }
        }
    }

    /// A list of values: its section shows once per item, with the item's names.
    public static func list<Item: TemplateModel>(_ value: @escaping @Sendable (Model) -> [Item]) -> TemplateField {
        TemplateField(text: nil, isMarkdown: false, isEmpty: { value($0).isEmpty }, sectionID: nil) { source, position in
            let children = try TemplateCompiler<Item>.compile(source.tokens, from: &position, closing: source.name, file: source.file,
                                                              escaping: source.escaping)
            return { model, output in
                for item in value(model) { for child in children { child.render(item, &output) } }
            }
        }
    }

    /// A list too long to hold at once (the book's rows): the model hands its items over one at a time, and
    /// may write out the text rendered so far between them, so the page is never held whole.
    public static func stream<Item: TemplateModel>(_ value: @escaping @Sendable (Model) -> TemplateStream<Item>) -> TemplateField {
        TemplateField(text: nil, isMarkdown: false, isEmpty: { value($0).isEmpty }, sectionID: nil) { source, position in
            let children = try TemplateCompiler<Item>.compile(source.tokens, from: &position, closing: source.name, file: source.file,
                                                              escaping: source.escaping)
            return { model, output in
                value(model).each(&output) { item, output in for child in children { child.render(item, &output) } }
            }
        }
    }

    /// A list of texts: its section shows once per text, as `{{.}}` (or `{{{.}}}` when they are Markdown).
    public static func texts(_ value: @escaping @Sendable (Model) -> [String], markdown: Bool) -> TemplateField {
        markdown ? list { model in value(model).map(MarkdownLine.init) } : list { model in value(model).map(TextLine.init) }
    }

    /// A value that may be absent: its section shows once, with the value's names, when it is there.
    public static func child<Item: TemplateModel>(_ value: @escaping @Sendable (Model) -> Item?, section id: SectionID? = nil) -> TemplateField {
        TemplateField(text: nil, isMarkdown: false, isEmpty: { value($0) == nil }, sectionID: id) { source, position in
            let children = try TemplateCompiler<Item>.compile(source.tokens, from: &position, closing: source.name, file: source.file,
                                                              escaping: source.escaping)
            return { model, output in
                guard let item = value(model) else { return }
                for child in children { child.render(item, &output) }
            }
        }
    }
}

/// One plain text of a list, shown as `{{.}}`.
struct TextLine: TemplateModel {
    let text: String
    static let templateName = "a line"
    static let templateFields: [String: TemplateField<TextLine>] = [".": .text(\.text)]
}

/// One line of Markdown that Kickoff built, shown as `{{{.}}}`.
struct MarkdownLine: TemplateModel {
    let text: String
    static let templateName = "a line"
    static let templateFields: [String: TemplateField<MarkdownLine>] = [".": .markdown(\.text)]
}

/// Items a template shows one at a time (`TemplateField.stream`).
public struct TemplateStream<Item>: Sendable {
    /// Whether there are none (for `{{^name}}`).
    public let isEmpty: Bool
    /// Calls `render` for each item in order, with the output so far, which it may write out and empty between
    /// items.
    public let each: @Sendable (_ output: inout TextBuffer, _ render: (Item, inout TextBuffer) -> Void) -> Void

    /// A stream of items from `each`.
    public init(isEmpty: Bool, each: @escaping @Sendable (_ output: inout TextBuffer, _ render: (Item, inout TextBuffer) -> Void) -> Void) {
        self.isEmpty = isEmpty
        self.each = each
    }
}
