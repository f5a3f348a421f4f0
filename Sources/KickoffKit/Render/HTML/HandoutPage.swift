/// The HTML page around the rendered plan, as `handout.html.mustache` shows it. Texts are plain (escaped by
/// the page) except the HTML that libcmark rendered and the stylesheet.
public struct HandoutPage: TemplateModel {
    /// The `lang` of the page.
    public var lang: String
    /// The `<title>`, plain text.
    public var pageTitle: String
    /// Its title.
    public var title: String
    /// The plan's opening, rendered by libcmark.
    public var intro: TextBuffer
    /// The inline stylesheet.
    public var css: String
    /// The brand colour, when the flow sets one.
    public var accent: Accent?
    /// The product's name.
    public var product: String
    /// The embedded logo as a `data:` URI.
    public var logo: String?
    /// The heading of the support box.
    public var supportTitle: String
    /// How customers get help.
    public var support: [SupportLine]
    /// The sections, in order.
    public var sections: [PageSection]
    /// The flow's own footer line.
    public var brandFooter: String?
    /// The footer line.
    public var footer: String
    /// How to print or save the page.
    public var printHint: String

    /// The brand colour and its soft tint.
    public struct Accent: TemplateModel {
        /// `#rrggbb`.
        public var color: String
        /// The colour mixed with white, for backgrounds.
        public var soft: String
        /// How messages about a template name this value.
        public static let templateName = "the accent"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Accent>] = ["color": .text(\.color), "soft": .text(\.soft)]
    }

    /// One line of the support box: a bold label, and a detail that may be a link.
    public struct SupportLine: TemplateModel {
        /// The label before it.
        public var label: String
        /// The address or text.
        public var detail: String
        /// Where it links, when it is a link.
        public var href: String?
        /// How messages about a template name this value.
        public static let templateName = "a support line"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<SupportLine>] = [
            "label": .text(\.label), "detail": .text(\.detail), "href": .optional(\.href),
        ]
    }

    /// One section of the page, found by its identity: its heading and body as libcmark rendered them, and the
    /// picture Kickoff draws beside it (the timeline).
    public struct PageSection: TemplateModel {
        /// Its id.
        public var id: SectionID
        /// The heading, as libcmark rendered it.
        public var heading: TextBuffer
        /// The picture drawn beside it (HTML).
        public var visual: TextBuffer
        /// The body, as libcmark rendered it.
        public var body: TextBuffer
        /// How messages about a template name this value.
        public static let templateName = "a section"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<PageSection>] = [
            "id": .text { $0.id.rawValue }, "heading": .html(\.heading), "visual": .html(\.visual), "body": .html(\.body),
        ]
    }

    /// How messages about a template name this value.
    public static let templateName = "the page"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<HandoutPage>] = [
        "lang": .text(\.lang), "page_title": .text(\.pageTitle), "title": .text(\.title), "intro": .html(\.intro),
        "css": .markdown(\.css), "accent": .child(\.accent), "product": .text(\.product), "logo": .optional(\.logo),
        "support_title": .text(\.supportTitle), "support": .list(\.support), "sections": .list(\.sections),
        "brand_footer": .optional(\.brandFooter), "footer": .text(\.footer), "print_hint": .text(\.printHint),
    ]
}
