import Foundation
import Mustache
import Yams

/// The handout's templates and wording, loaded once from a `templates/` folder and shared by every plan.
public struct Templates: Sendable {
    /// The folder they were loaded from.
    public let directory: String
    let planMarkdown: MustacheTemplate
    let handoutPage: MustacheTemplate
    let timeline: MustacheTemplate
    let profileScaffold: MustacheTemplate
    let stylesheet: String
    let strings: [HandoutLocale: StringTable]

    /// Loads `plan.md.mustache`, `handout.html.mustache`, `timeline.html.mustache`, `handout.css`
    /// and `strings/<locale>.yaml` from a folder.
    public static func load(from directory: String) throws -> Templates {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        let planMarkdown = try template(directory, "plan.md.mustache")
        let handoutPage = try template(directory, "handout.html.mustache")
        let timeline = try template(directory, "timeline.html.mustache")
        let profileScaffold = try template(directory, "profile.yaml.mustache")
        let stylesheet = try text(directory, "handout.css")
        var strings: [HandoutLocale: StringTable] = [:]
        for locale in HandoutLocale.allCases {
            let file = "\(directory)/strings/\(locale.rawValue).yaml"
            guard FileManager.default.fileExists(atPath: file) else { continue }
            strings[locale] = try StringTable.load(file: file, locale: locale)
        }
        guard let english = strings[.en] else {
            throw KickoffError(file: "\(directory)/strings/en.yaml", problem: "is missing", fix: "restore the English string table")
        }
        for (locale, table) in strings where locale != .en {
            if let missing = english.keys.subtracting(table.keys).sorted().first {
                throw KickoffError(file: table.file, field: missing, problem: "is missing (it is in strings/en.yaml)",
                                   fix: "translate it for \(locale.rawValue)")
            }
            if let extra = table.keys.subtracting(english.keys).sorted().first {
                throw KickoffError(file: table.file, field: extra, problem: "is not a key Kickoff uses (strings/en.yaml has no such key)",
                                   fix: "remove it or fix its spelling")
            }
        }
        return Templates(directory: directory, planMarkdown: planMarkdown, handoutPage: handoutPage,
                         timeline: timeline, profileScaffold: profileScaffold, stylesheet: stylesheet, strings: strings)
    }

    /// The locales this folder has wording for.
    public var locales: [HandoutLocale] { HandoutLocale.allCases.filter { strings[$0] != nil } }

    func strings(for locale: HandoutLocale, file: String) throws -> StringTable {
        guard let table = strings[locale] else {
            throw KickoffError(file: file, field: "locale", problem: "\(locale.rawValue) has no wording in \(directory)/strings",
                               fix: "use one of \(locales.map(\.rawValue).joined(separator: ", "))")
        }
        return table
    }

    private static func text(_ directory: String, _ name: String) throws -> String {
        let path = "\(directory)/\(name)"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw KickoffError(file: path, problem: "cannot be read", fix: "point --templates at Kickoff's templates folder")
        }
        return text
    }

    private static func template(_ directory: String, _ name: String) throws -> MustacheTemplate {
        let source = try text(directory, name)
        do {
            return try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw KickoffError(file: "\(directory)/\(name)", line: error.context.lineNumber,
                               problem: "is not a valid Mustache template: \(error.error)")
        }
    }
}

/// Mustache content type for `plan.md`: `{{value}}` is escaped as plain text.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.inline(text) }
}

/// Fixed wording of one language: each entry is a small Mustache template, some with plural forms.
struct StringTable: Sendable {
    let file: String
    let locale: HandoutLocale
    /// Each entry compiled three ways: placeholders escaped for Markdown, escaped for HTML, or left as plain text.
    private let markdown: [String: [PluralCategory: MustacheTemplate]]
    private let html: [String: [PluralCategory: MustacheTemplate]]
    private let plain: [String: [PluralCategory: MustacheTemplate]]

    var keys: Set<String> { Set(markdown.keys) }

    static func load(file: String, locale: HandoutLocale) throws -> StringTable {
        let data = FileManager.default.contents(atPath: file) ?? Data()
        let root = try YAMLDocument.load(contents: data, file: file)
        guard case .mapping(let mapping) = root.node else { throw root.error("expected key: text pairs") }
        var markdown: [String: [PluralCategory: MustacheTemplate]] = [:]
        var html: [String: [PluralCategory: MustacheTemplate]] = [:]
        var plain: [String: [PluralCategory: MustacheTemplate]] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let value = YAMLValue(node: valueNode, file: file, path: key, fallbackLine: keyNode.mark?.line ?? 1)
            var forms: [PluralCategory: String] = [:]
            if case .mapping = valueNode {
                let fields = try value.fields(allowed: PluralCategory.allCases.map(\.rawValue), required: ["other"])
                for category in PluralCategory.allCases { if let form = fields[category.rawValue] { forms[category] = try form.string() } }
            } else {
                forms[.other] = try value.string()
            }
            for (category, text) in forms {
                do {
                    markdown[key, default: [:]][category] = try MustacheTemplate(string: "{{% CONTENT_TYPE: MARKDOWN}}" + text)
                    html[key, default: [:]][category] = try MustacheTemplate(string: text)
                    plain[key, default: [:]][category] = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
                } catch {
                    throw value.error("is not a valid Mustache snippet: \(error)")
                }
            }
        }
        return StringTable(file: file, locale: locale, markdown: markdown, html: html, plain: plain)
    }

    /// The entry as Markdown, with `{{placeholders}}` filled from `context` and escaped as plain text.
    func markdown(_ key: String, _ context: [String: Any] = [:], count: Int? = nil) -> String {
        render(markdown, key, context, count: count)
    }

    /// The entry as plain text, for a placeholder of another entry (which escapes it) or for calendar and JSON text.
    func text(_ key: String, _ context: [String: Any] = [:], count: Int? = nil) -> String {
        render(plain, key, context, count: count)
    }

    /// The entry for an HTML page, with placeholders HTML-escaped.
    func html(_ key: String, _ context: [String: Any] = [:], count: Int? = nil) -> String {
        render(html, key, context, count: count)
    }

    private func render(_ table: [String: [PluralCategory: MustacheTemplate]], _ key: String, _ context: [String: Any], count: Int?) -> String {
        // Every key used by Kickoff is in every table (checked on load and by the tests).
        guard let forms = table[key] else { return "[\(key)]" }
        var context = context
        var category = PluralCategory.other
        if let count {
            context["count"] = count
            category = PluralCategory.of(count, in: locale)
        }
        return (forms[category] ?? forms[.other]!).render(context)
    }
}

/// CLDR plural categories Kickoff's languages use.
enum PluralCategory: String, CaseIterable, Sendable {
    case one, few, many, other

    static func of(_ count: Int, in locale: HandoutLocale) -> PluralCategory {
        switch locale {
        case .en: return count == 1 ? .one : .other
        case .cs: return count == 1 ? .one : (2...4).contains(count) ? .few : .other
        case .zhHans: return .other
        }
    }
}
