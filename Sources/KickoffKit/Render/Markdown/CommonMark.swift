import CCmark
import CKickoffSystem
import Foundation

/// libcmark, behind a Swift API: every cmark call and pointer lives in this file.
public enum CommonMark {
    /// Rendering options, over libcmark's `CMARK_OPT_*`.
    public struct Options: OptionSet, Sendable {
        /// The libcmark option bits.
        public let rawValue: Int32
        /// Options from libcmark's bits.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Strip raw HTML and dangerous link schemes (`javascript:`, `vbscript:`, `file:`, most `data:`).
        public static let safe = Options(rawValue: CMARK_OPT_SAFE)
        /// What Kickoff always renders with. Its text is a Swift string, valid UTF-8 already, so libcmark need
        /// not check it again (it turns NUL into U+FFFD either way).
        public static let handout: Options = [.safe]
    }

    /// A top-level part of a rendered document: a level 1 or 2 heading and the blocks up to the next one.
    public struct Section: Sendable {
        /// The heading's level (1 or 2), or 0 for blocks before the first heading.
        public var level: Int
        /// The heading as plain text.
        public var title: String
        /// The heading's HTML.
        public var headingHTML: TextBuffer
        /// The HTML of the blocks that follow it.
        public var bodyHTML: TextBuffer
    }

    /// Renders a whole Markdown document to HTML.
    public static func html(from markdown: String, options: Options = .handout) -> String {
        var source = markdown
        return source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let rendered = cmark_markdown_to_html(chars.baseAddress, chars.count, options.rawValue) else { return "" }
                defer { free(rendered) }
                return String(cString: rendered)
            }
        }
    }

    /// Parses once and renders the document split at level 1 and 2 headings, for a page that styles each section.
    /// The HTML stays bytes, as libcmark wrote it (from valid UTF-8, so valid UTF-8).
    ///
    /// The document, its nodes and the HTML rendered from them live in this thread's arena (`CKickoffSystem`),
    /// freed at once when the sections are copied out, rather than allocated and freed node by node.
    public static func sections(from markdown: TextBuffer, options: Options = .handout) -> [Section] {
        markdown.withBytes { sections(from: $0, options: options).sections }
    }

    /// How a text's last block stands to text that follows it after a blank line.
    enum BlockEnd: Sendable {
        /// A paragraph, a heading or a thematic break (or no block at all): the blank line ends it for good, and
        /// what follows parses as it would at the start of a document of its own.
        case closed
        /// A list: what follows runs on in it when it is indented or is an item itself, and starts afresh
        /// otherwise.
        case list
        /// A code block, an HTML block or a block quote, which could run on past the blank line.
        case open
    }

    /// `sections(from:)` of UTF-8 bytes, and how the text's last block ends.
    static func sections(from markdown: UnsafeBufferPointer<UInt8>, options: Options = .handout) -> (sections: [Section], end: BlockEnd) {
        let arena = kickoff_cmark_arena().assumingMemoryBound(to: cmark_mem.self)
        defer { kickoff_cmark_arena_reset() }
        guard let parser = cmark_parser_new_with_mem(options.rawValue, arena) else { return ([], .open) }
        markdown.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        let parsed = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document = parsed else { return ([], .open) }
        let end: BlockEnd
        switch cmark_node_last_child(document).map(cmark_node_get_type) {
        case nil, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_THEMATIC_BREAK: end = .closed
        case CMARK_NODE_LIST: end = .list
        default: end = .open
        }

        var sections: [Section] = []
        var current = Section(level: 0, title: "", headingHTML: TextBuffer(), bodyHTML: TextBuffer())
        // The blocks after a heading are moved into a document of their own and rendered in one call, which
        // writes what rendering each and joining them would.
        var body: OpaquePointer?
        func finishBody() {
            guard let run = body else { return }
            renderInArena(run, options: options, into: &current.bodyHTML)
            body = nil
        }
        var node = cmark_node_first_child(document)
        while let block = node {
            node = cmark_node_next(block)
            let level = cmark_node_get_type(block) == CMARK_NODE_HEADING ? Int(cmark_node_get_heading_level(block)) : 0
            if level == 1 || level == 2 {
                finishBody()
                if current.level != 0 || !current.bodyHTML.isEmpty { sections.append(current) }
                current = Section(level: level, title: plainText(of: block), headingHTML: TextBuffer(), bodyHTML: TextBuffer())
                renderInArena(block, options: options, into: &current.headingHTML)
            } else {
                if body == nil { body = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, arena) }
                cmark_node_unlink(block)
                cmark_node_append_child(body, block)
            }
        }
        finishBody()
        if current.level != 0 || !current.bodyHTML.isEmpty { sections.append(current) }
        return (sections, end)
    }

    /// Appends the HTML of a node in the arena; the HTML is in the arena too, and goes with it.
    private static func renderInArena(_ node: OpaquePointer, options: Options, into output: inout TextBuffer) {
        guard let rendered = cmark_render_html(node, options.rawValue) else { return }
        rendered.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            output.append(UnsafeBufferPointer(start: bytes, count: strlen(rendered)))
        }
    }

    /// The text of a node's inline content, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// A link or image destination in a Markdown text.
    public struct Destination: Equatable, Sendable {
        /// The address (https, http or mailto).
        public var url: String
        /// 1-based line within the text.
        public var line: Int
        /// Whether it is an image.
        public var isImage: Bool
    }

    /// Every link and image destination in `markdown`, in document order.
    public static func destinations(in markdown: String) -> [Destination] {
        var source = markdown
        let parsed = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, Options.handout.rawValue) }
        }
        guard let document = parsed else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var found: [Destination] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            // Inline nodes carry no position of their own in libcmark: use their block's.
            var block: OpaquePointer? = node
            while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            found.append(Destination(url: url, line: Int(block.map(cmark_node_get_start_line) ?? 1), isImage: type == CMARK_NODE_IMAGE))
        }
        return found
    }

    /// The libcmark version this build runs with, such as `0.30.2`.
    public static var version: String { String(cString: cmark_version_string()) }
}
