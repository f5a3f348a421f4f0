import Foundation

/// What Kickoff makes for one account, in memory, before anything is written.
public struct AccountBuild: Sendable {
    /// The profile file, as the user named it.
    public var profilePath: String
    /// The output folder's name under `--out`.
    public var slug: String
    public var plan: Plan
    public var warnings: [Warning]
    /// `plan.md`, `plan.html`, `plan.json` and `plan.ics`, by file name.
    public var files: [String: String]
}

/// The whole path for one account: load → validate → select → order → schedule → milestones and check-ins →
/// render (Markdown → HTML, JSON, iCalendar). Writing is `OutputFolder`'s job.
///
/// One pipeline serves a whole batch: templates are compiled once and each flow is read once.
public final class Pipeline: @unchecked Sendable {
    public let templates: Templates
    /// Where flows named by profiles (`flow: emailsaurus`) are looked up; nil for `flows/` beside the profile's folder.
    public let flowsDirectory: String?
    /// Flow files named on the command line, which profiles may reference by path.
    public let namedFlowFiles: Set<String>

    private var flows: [String: Result<ProductFlow, KickoffError>] = [:]
    private let lock = NSLock()

    public init(templates: Templates, flowsDirectory: String? = nil, namedFlowFiles: [String] = []) {
        self.templates = templates
        self.flowsDirectory = flowsDirectory
        self.namedFlowFiles = Set(namedFlowFiles.map(FlowReference.canonical))
    }

    /// Builds one account's outputs from its profile file. `asOf` schedules remaining work from that day.
    public func build(profileAt path: String, asOf: Day? = nil) throws -> AccountBuild {
        let (profile, profileWarnings) = try loadProfile(at: path)
        let flow = try loadFlow(for: profile, localized: true)
        var (plan, planWarnings) = try PlanBuilder.build(profile: profile, flow: flow, asOf: asOf)
        plan.warnings = (profileWarnings + planWarnings).map(\.message)
        let files = try Self.render(plan: plan, profile: profile, flow: flow, templates: templates)
        return AccountBuild(profilePath: path, slug: OutputFolder.slug(forProfileAt: path), plan: plan,
                            warnings: profileWarnings + planWarnings, files: files)
    }

    /// Checks a profile and its flow without rendering; returns the warnings.
    public func validate(profileAt path: String) throws -> [Warning] {
        let (profile, warnings) = try loadProfile(at: path)
        let flow = try loadFlow(for: profile)
        return warnings + (try PlanBuilder.build(profile: profile, flow: flow).1)
    }

    /// Renders a built plan to its four files.
    public static func render(plan: Plan, profile: AccountProfile, flow: ProductFlow, templates: Templates) throws -> [String: String] {
        let strings = try templates.strings(for: plan.locale, file: profile.file)
        let days = DayFormat(localeIdentifier: strings.text("date_locale"), shortSkeleton: strings.text("date_short"),
                             longSkeleton: strings.text("date_long"), monthSkeleton: strings.text("date_day_month"))
        let model = HandoutModel(plan: plan, profile: profile, flow: flow, strings: strings, days: days)
        let markdown = PlanMarkdown.render(model, templates: templates)
        return [
            "plan.md": markdown,
            "plan.html": HandoutHTML.render(markdown: markdown, model: model, templates: templates),
            "plan.json": try PlanJSON.render(plan),
            "plan.ics": PlanCalendar.render(model),
        ]
    }

    // MARK: Loading

    public func loadProfile(at path: String) throws -> (AccountProfile, [Warning]) {
        try ProfileLoader.load(contents: try Self.read(path), file: path)
    }

    /// The flow a profile names, read once per pipeline; `localized` gives its texts in the profile's language.
    public func loadFlow(for profile: AccountProfile, localized: Bool = false) throws -> ProductFlow {
        let path = try FlowReference.resolve(profile.flow, profile: profile, flowsDirectory: flowsDirectory, namedFiles: namedFlowFiles)
        let key = localized ? "\(path)#\(profile.locale.rawValue)" : path
        if let cached = lock.withLock({ flows[key] }) { return try cached.get() }
        let result: Result<ProductFlow, KickoffError>
        do {
            let flow = localized ? try loadFlow(for: profile) : try Self.embedLogo(in: FlowLoader.load(contents: try Self.read(path), file: path))
            result = .success(localized ? flow.localized(for: profile.locale) : flow)
        } catch let error as KickoffError {
            result = .failure(error)
        }
        lock.withLock { flows[key] = result }
        return try result.get()
    }

    /// Largest logo embedded in a handout.
    static let logoBytes = 256 * 1024

    /// Reads the flow's logo file (relative to the flow) into a `data:` URI.
    static func embedLogo(in flow: ProductFlow) throws -> ProductFlow {
        guard let logo = flow.brand?.logo else { return flow }
        let path = FlowReference.join((flow.file as NSString).deletingLastPathComponent, logo)
        let fail = { (problem: String, fix: String) in
            KickoffError(file: flow.file, line: flow.brand?.logoLine, field: "brand.logo", problem: problem, fix: fix)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("\(path) cannot be read", "check the path; it is relative to the flow file")
        }
        guard data.count <= logoBytes else {
            throw fail("\(path) is \(data.count / 1024) KiB", "use a logo of at most \(logoBytes / 1024) KiB")
        }
        let type: String
        switch (logo as NSString).pathExtension.lowercased() {
        case "png": type = "image/png"
        case "svg": type = "image/svg+xml"
        case "webp": type = "image/webp"
        default: type = "image/jpeg"
        }
        var copy = flow
        copy.brand?.logoDataURI = "data:\(type);base64,\(data.base64EncodedString())"
        return copy
    }

    /// Reads a whole input file, refusing folders, missing files and files over the size limit.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw KickoffError(file: path, problem: "does not exist", fix: "check the path")
        }
        guard !isDirectory.boolValue else {
            throw KickoffError(file: path, problem: "is a folder, not a file", fix: "name a .yaml file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > InputLimits.fileBytes {
            throw KickoffError(file: path, problem: "is \(size / 1024) KiB", fix: "files are limited to \(InputLimits.fileBytes / 1024 / 1024) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KickoffError(file: path, problem: "cannot be read", fix: "check its permissions")
        }
        return data
    }
}

/// Finds the flow file a profile's `flow:` names.
enum FlowReference {
    /// A name (`emailsaurus`) is `<flows>/emailsaurus.yaml`; a path (`../flows/x.yaml`) is relative to the profile
    /// and must lie under the flows folder or be a file named on the command line.
    static func resolve(_ reference: String, profile: AccountProfile, flowsDirectory: String?, namedFiles: Set<String>) throws -> String {
        // Paths are kept as the user would write them (relative stays relative), so messages read naturally.
        let profileFolder = (profile.file as NSString).deletingLastPathComponent
        let flowsFolder = flowsDirectory ?? join((profileFolder.isEmpty ? "." : profileFolder), "../flows")
        let error = { (problem: String, fix: String) in
            KickoffError(file: profile.file, line: profile.line(of: "flow"), field: "flow", problem: problem, fix: fix)
        }
        let isPath = reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
        if !isPath {
            guard reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw error("\"\(reference.prefix(60))\" is not a flow name", "use a name like emailsaurus, or a path to a .yaml file")
            }
            let path = join(flowsFolder, reference + ".yaml")
            guard FileManager.default.fileExists(atPath: path) else {
                let known = (try? FileManager.default.contentsOfDirectory(atPath: flowsFolder))?
                    .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
                let suggestion = closestMatch(to: reference, in: known).map { "did you mean \($0)? " } ?? ""
                throw error("no flow \"\(reference)\" in \(flowsFolder)",
                            suggestion + (known.isEmpty ? "put \(reference).yaml there or pass --flows DIR" : "known flows: \(known.joined(separator: ", "))"))
            }
            return path
        }
        let path = reference.hasPrefix("/") ? reference : join(profileFolder, reference)
        let resolved = canonical(path)
        guard resolved.hasPrefix(canonical(flowsFolder) + "/") || namedFiles.contains(resolved) else {
            throw error("\"\(reference.prefix(80))\" is outside the flows folder \(flowsFolder)",
                        "move the flow into that folder, or name the file with --flow")
        }
        return path
    }

    /// `a/b` + `../c` → `a/c`, without making the path absolute.
    static func join(_ folder: String, _ relative: String) -> String {
        var parts = folder.isEmpty || folder == "." ? [] : folder.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in relative.split(separator: "/").map(String.init) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != "..", last != "" { parts.removeLast(); continue }
            parts.append(part)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The absolute path with symlinks resolved, for checking what a path really points at.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
