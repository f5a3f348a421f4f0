import Foundation

/// The handout's templates and wording, loaded once from a `templates/` folder and shared by every plan.
public struct Templates: Sendable {
    /// The folder they were loaded from.
    public let directory: String
    /// A digest of every file loaded: part of each plan's fingerprint.
    let digest: String
    let planMarkdown: Template<PlanDocument>
    let handoutPage: Template<HandoutPage>
    let profileScaffold: Template<ProfileScaffold.Model>
    let dashboardPage: Template<DashboardPage>
    let dashboardStylesheet: String
    let stylesheet: String
    let strings: [HandoutLocale: StringTable]

    /// Loads `plan.md.mustache`, `handout.html.mustache`, `profile.yaml.mustache`, `handout.css`
    /// and `strings/<locale>.yaml` from a folder.
    public static func load(from directory: String) throws -> Templates {
        let planMarkdown = try Template<PlanDocument>(source: try text(directory, "plan.md.mustache"),
                                                      file: "\(directory)/plan.md.mustache", defaultEscaping: .markdown)
        let handoutPage = try Template<HandoutPage>(source: try text(directory, "handout.html.mustache"),
                                                    file: "\(directory)/handout.html.mustache", defaultEscaping: .html)
        let profileScaffold = try Template<ProfileScaffold.Model>(source: try text(directory, "profile.yaml.mustache"),
                                                                  file: "\(directory)/profile.yaml.mustache", defaultEscaping: .none)
        let stylesheet = try text(directory, "handout.css")
        let dashboardPage = try Template<DashboardPage>(source: try text(directory, "dashboard.html.mustache"),
                                                        file: "\(directory)/dashboard.html.mustache", defaultEscaping: .html)
        let dashboardStylesheet = try text(directory, "dashboard.css")
        var strings: [HandoutLocale: StringTable] = [:]
        for locale in HandoutLocale.allCases {
            let file = "\(directory)/strings/\(locale.rawValue).yaml"
            guard FileManager.default.fileExists(atPath: file) else { continue }
            strings[locale] = try StringTable.load(file: file, locale: locale)
        }
        guard strings[.en] != nil else {
            throw KickoffError(file: "\(directory)/strings/en.yaml", problem: "is missing", fix: "restore the English string table")
        }
        var digest = Digest()
        for name in ["plan.md.mustache", "handout.html.mustache", "profile.yaml.mustache", "handout.css"] + HandoutLocale.allCases.map({ "strings/\($0.rawValue).yaml" }) {
            digest.add(FileManager.default.contents(atPath: "\(directory)/\(name)") ?? Data())
        }
        return Templates(directory: directory, digest: digest.hex, planMarkdown: planMarkdown, handoutPage: handoutPage,
                         profileScaffold: profileScaffold, dashboardPage: dashboardPage, dashboardStylesheet: dashboardStylesheet, stylesheet: stylesheet, strings: strings)
    }

    /// The locales this folder has wording for.
    public var locales: [HandoutLocale] { HandoutLocale.allCases.filter { strings[$0] != nil } }

    /// Date formats for a language, made once per thread (creating ICU formatters is slow, and one formatter
    /// shared by the workers of a batch would need a lock on every date).
    func dayFormat(for locale: HandoutLocale) -> DayFormat? {
        guard let table = strings[locale] else { return nil }
        return PerThread.object(for: locale.rawValue + "\u{0}" + directory) { DayFormat(strings: table) }
    }

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
}
