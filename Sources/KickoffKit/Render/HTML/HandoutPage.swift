/// The HTML page around the rendered plan, as `handout.html.mustache` shows it. Texts are plain (escaped by
/// the page) except the HTML that libcmark rendered and the stylesheet.
public struct HandoutPage: TemplateModel {
    public var lang: String
    public var pageTitle: String
    public var title: String
    /// The plan's opening, rendered by libcmark.
    public var intro: String
    public var css: String
    public var accent: Accent?
    public var product: String
    /// The embedded logo as a `data:` URI.
    public var logo: String?
    public var supportTitle: String
    public var support: [SupportLine]
    public var sections: [PageSection]
    public var brandFooter: String?
    public var footer: String
    public var printHint: String

    /// The brand colour and its soft tint.
    public struct Accent: TemplateModel {
        public var color: String
        public var soft: String
        public static let templateName = "the accent"
        public static let templateFields: [String: TemplateField<Accent>] = ["color": .text(\.color), "soft": .text(\.soft)]
    }

    /// One line of the support box: a bold label, and a detail that may be a link.
    public struct SupportLine: TemplateModel {
        public var label: String
        public var detail: String
        public var href: String?
        public static let templateName = "a support line"
        public static let templateFields: [String: TemplateField<SupportLine>] = [
            "label": .text(\.label), "detail": .text(\.detail), "href": .optional(\.href),
        ]
    }

    /// One section of the page, found by its identity: its heading and body as libcmark rendered them, and the
    /// picture Kickoff draws beside it (the timeline).
    public struct PageSection: TemplateModel {
        public var id: SectionID
        public var heading: String
        public var visual: String
        public var body: String
        public static let templateName = "a section"
        public static let templateFields: [String: TemplateField<PageSection>] = [
            "id": .text { $0.id.rawValue }, "heading": .markdown(\.heading), "visual": .markdown(\.visual), "body": .markdown(\.body),
        ]
    }

    public static let templateName = "the page"
    public static let templateFields: [String: TemplateField<HandoutPage>] = [
        "lang": .text(\.lang), "page_title": .text(\.pageTitle), "title": .text(\.title), "intro": .markdown(\.intro),
        "css": .markdown(\.css), "accent": .child(\.accent), "product": .text(\.product), "logo": .optional(\.logo),
        "support_title": .text(\.supportTitle), "support": .list(\.support), "sections": .list(\.sections),
        "brand_footer": .optional(\.brandFooter), "footer": .text(\.footer), "print_hint": .text(\.printHint),
    ]
}
