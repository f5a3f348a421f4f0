import Foundation

/// What Kickoff makes for one account, in memory, before anything is written.
public struct AccountBuild: Sendable {
    /// The profile file, as the user named it.
    public var profilePath: String
    /// The output folder's name under `--out`.
    public var slug: String
    /// The built plan.
    public var plan: Plan
    /// Warnings to show the CSM.
    public var warnings: [Warning]
    /// `plan.md`, `plan.html`, `plan.json` and `plan.ics` as their files hold them, by file name.
    public var contents: [String: Data]
    /// `plan.previous.json`, when there is a previous version to keep.
    public var previousJSON: Data?

    /// The same four files as text.
    public var files: [String: String] { contents.mapValues { String(decoding: $0, as: UTF8.self) } }

    /// Every file of the output folder.
    public var allFiles: [String: Data] {
        var all = contents
        if let previousJSON { all["plan.previous.json"] = previousJSON }
        return all
    }
}

/// The whole path for one account: load → validate → select → order → schedule → milestones and check-ins →
/// render (Markdown → HTML, JSON, iCalendar). Writing is `OutputFolder`'s job.
///
/// One pipeline serves a whole batch: templates are compiled once and each flow is read once.
public final class Pipeline: @unchecked Sendable {
    /// The templates and string tables, loaded once.
    public let templates: Templates
    /// Where flows named by profiles (`flow: emailsaurus`) are looked up; nil for `flows/` beside the profile's folder.
    public let flowsDirectory: String?
    /// Flow files named on the command line, which profiles may reference by path.
    public let namedFlowFiles: Set<String>

    private var flows: [ExactText: Result<ProductFlow, KickoffError>] = [:]
    /// Flow files by the profile folder and `flow:` value that name them, for deciding quickly what to skip.
    private let resolvedFlows = SharedCache<ExactText, String?>(limit: 10_000)
    private let lock = NSLock()

    /// Whether warnings stop an account like errors (`--strict`).
    public let strict: Bool

    /// A pipeline for a batch: flows are looked up in `flowsDirectory` (or `flows/` beside each profile's folder).
    public init(templates: Templates, flowsDirectory: String? = nil, namedFlowFiles: [String] = [], strict: Bool = false) {
        self.templates = templates
        self.strict = strict
        self.flowsDirectory = flowsDirectory
        self.namedFlowFiles = Set(namedFlowFiles.map(FilePaths.canonical))
    }

    /// Builds one account's outputs from its profile file. `asOf` schedules remaining work from that day;
    /// `previous` is the version already written, which the handout's "what changed" compares with.
    public func build(profileAt path: String, asOf: AsOf = .start, previous: PreviousVersion? = nil) throws -> AccountBuild {
        let data = try Self.read(path)
        let (profile, profileWarnings) = try ProfileLoader.load(contents: data, file: path)
        let flow = try loadFlow(for: profile, localized: true)
        var (plan, planWarnings) = try PlanBuilder.build(profile: profile, flow: flow, asOf: asOf.day(in: profile.timezone))
        try Self.checkImageSize(of: plan, flow: flow)
        plan.summary = BookFacts(profileDigest: Book.digest(of: data), contact: profile.contact?.name)
        // Recorded only when the quick reading of the profile finds what the full one did, so a skipped build
        // can never miss a change.
        if TopLevelScan.value(of: "flow", in: data) == profile.flow, (TopLevelScan.value(of: "timezone", in: data) ?? "UTC") == profile.timezone {
            plan.fingerprint = fingerprint(profileAt: path, data: data, asOf: asOf)
        }
        var warnings = profileWarnings + planWarnings
        try enforceStrict(warnings)
        plan.warnings = warnings.map(\.message)
        var previousJSON: Data?
        let checkedPrevious = try previous?.checked(for: profile, warnings: &warnings)
        Self.relate(&plan, toHeld: checkedPrevious?.plan)
        if let previous = checkedPrevious {
            if let old = previous.plan, old.content == plan.content {
                // The same plan as last time: keep what the handout said changed then, and the version before it.
                plan.changes = old.changes
                plan.changesSince = old.changesSince
                previousJSON = previous.olderJSON
            } else {
                previousJSON = previous.json
                if let old = previous.plan {
                    plan.changes = Changes.between(old, plan).map { change in
                        var change = change
                        // A step gone from the flow itself was dropped by the product team, not because of the persona.
                        if change.kind == .stepDropped, change.reason == .audience, !flow.steps.contains(where: { $0.id == change.id }) {
                            change.reason = .flow
                        }
                        return change
                    }
                    plan.changesSince = old.asOf ?? old.start
                } else {
                    warnings.append(Warning(file: path, message: "the previous plan.json could not be read; it is kept as plan.previous.json and the handout does not say what changed"))
                }
            }
        }
        let contents = try Self.encodedFiles(plan: plan, profile: profile, flow: flow, templates: templates)
        return AccountBuild(profilePath: path, slug: Slug.make(fromFileAt: path), plan: plan,
                            warnings: warnings, contents: contents, previousJSON: previousJSON)
    }

    /// Relates a new version to the one the customer holds (`held`, the previous version): a step the new version
    /// moved because it was not done by then says "moved from" the day it has in `held` (or what `held` said,
    /// when it did not move again), never a day the customer was not given; and each step keeps its day in the
    /// first version, the baseline, when it now starts on another. A first version keeps the day on the schedule
    /// from start (for `kickoff diff`), which its handout does not show: the customer never had another.
    static func relate(_ plan: inout Plan, toHeld held: Plan?) {
        guard let held else { return }
        let before = Dictionary(held.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in plan.steps.indices {
            let step = plan.steps[index]
            guard let old = before[step.id] else {
                plan.steps[index].rescheduledFrom = nil
                continue
            }
            let first = old.baseline ?? old.start
            plan.steps[index].baseline = first != step.start ? first : nil
            if step.rescheduledFrom != nil {
                plan.steps[index].rescheduledFrom = old.start != step.start ? old.start : old.rescheduledFrom
            }
        }
    }

    /// A digest of everything an account's plan is built from — the profile's bytes, its flow (and the files the
    /// flow names), the templates and string tables, Kickoff's version, the as-of day, `--strict` — found without
    /// parsing the profile. Nil when the profile's flow cannot be found that way (then the account is built).
    public func fingerprint(profileAt path: String, data: Data, asOf: AsOf) -> String? {
        guard let reference = TopLevelScan.value(of: "flow", in: data),
              let flowPath = resolvedFlow(reference, from: path),
              let flow = try? loadFlow(at: flowPath) else { return nil }
        let timezone = TopLevelScan.value(of: "timezone", in: data) ?? "UTC"
        var digest = Digest()
        digest.add(data)
        // Names, not paths: the same files give the same fingerprint wherever the folder is.
        digest.add(FilePaths.name(of: path))
        digest.add(flow.sourceDigest)
        digest.add(templates.digest)
        digest.add(KickoffVersion.current)
        digest.add(asOf.day(in: timezone)?.iso ?? "start")
        digest.add(strict ? "strict" : "")
        return digest.hex
    }

    /// Why a step of a profile's plan falls on its day, in the profile's language; `step` is a step id or number.
    public func explain(profileAt path: String, step: String, asOf: AsOf = .start) throws -> [String] {
        let (profile, _) = try loadProfile(at: path)
        let flow = try loadFlow(for: profile, localized: true)
        let (plan, _) = try PlanBuilder.build(profile: profile, flow: flow, asOf: asOf.day(in: profile.timezone))
        let id = Int(step).flatMap { $0 >= 1 && $0 <= plan.steps.count ? plan.steps[$0 - 1].id : nil } ?? step
        let model = try Self.model(plan: plan, profile: profile, flow: flow, templates: templates)
        guard let lines = model.explanation(of: id) else {
            let known = flow.steps.contains { $0.id == id }
            let suggestion = closestMatch(to: id, in: plan.steps.map(\.id)).map { "did you mean \($0)? " } ?? ""
            throw KickoffError(file: path, problem: known ? "step \"\(id)\" is not in this account's plan" : "\(flow.product) has no step \"\(id)\"",
                               fix: suggestion + "name a step id or number from the plan (1 to \(plan.steps.count))")
        }
        return lines
    }

    /// Checks a profile (with its flow) or a flow file without writing anything; returns the warnings.
    public func validate(fileAt path: String, asOf: AsOf = .start) throws -> [Warning] {
        let data = try Self.read(path)
        if Self.looksLikeFlow(data) {
            let flow = try Self.embedLogo(in: FlowLoader.load(contents: data, file: path))
            let warnings = FlowLoader.warnings(for: flow)
            try enforceStrict(warnings)
            return warnings
        }
        return try validate(profileAt: path, asOf: asOf)
    }

    /// Whether a YAML file is a product flow (it has top-level `steps:` and `product:`) rather than a profile.
    static func looksLikeFlow(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return text.range(of: #"(?m)^steps\s*:"#, options: .regularExpression) != nil
            && text.range(of: #"(?m)^product\s*:"#, options: .regularExpression) != nil
    }

    /// Checks a profile and its flow without rendering; returns the warnings.
    /// `asOf` is the day progress must not be after (today, for `kickoff validate`).
    public func validate(profileAt path: String, asOf: AsOf = .start) throws -> [Warning] {
        let (profile, warnings) = try loadProfile(at: path)
        let flow = try loadFlow(for: profile)
        let (plan, planWarnings) = try PlanBuilder.build(profile: profile, flow: flow, asOf: asOf.day(in: profile.timezone))
        let all = warnings + planWarnings + Self.untranslated(plan: plan, flow: flow, locale: profile.locale)
        try enforceStrict(all)
        return all
    }

    /// The texts of this plan's steps that the flow does not give in the handout's language: the handout shows
    /// them in English, so the CSM hears of it before the customer sees it.
    static func untranslated(plan: Plan, flow: ProductFlow, locale: HandoutLocale) -> [Warning] {
        guard locale != .en else { return [] }
        let selected = Set(plan.steps.map(\.id))
        return flow.steps.filter { selected.contains($0.id) }.compactMap { step in
            let translation = step.translations[locale]
            let missing = [("title", step.title as String?, translation?.title), ("value", step.value, translation?.value),
                           ("guide", step.guide, translation?.guide), ("milestone", step.milestone, translation?.milestone)]
                .filter { $0.1 != nil && $0.2 == nil }.map(\.0)
            guard !missing.isEmpty else { return nil }
            return Warning(file: flow.file, line: step.line, field: "steps.\(step.id)",
                           message: "has no \(locale.rawValue) text for \(missing.joined(separator: ", ")); the \(locale.rawValue) handout shows it in English")
        }
    }

    /// With `strict`, the first warning stops the account as an error (the count of the others is in its fix).
    func enforceStrict(_ warnings: [Warning]) throws {
        guard strict, let first = warnings.first else { return }
        let more = warnings.count > 1 ? " (and \(warnings.count - 1) more warning\(warnings.count == 2 ? "" : "s"))" : ""
        throw KickoffError(file: first.file, line: first.line, field: first.field, problem: first.message,
                           fix: "fix it, or leave out --strict to build with warnings\(more)")
    }

    /// Renders a built plan to its four files, as text.
    public static func render(plan: Plan, profile: AccountProfile, flow: ProductFlow, templates: Templates) throws -> [String: String] {
        try encodedFiles(plan: plan, profile: profile, flow: flow, templates: templates).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders a built plan to its four files as they are written: the text assembled as bytes is never made a
    /// `String` (which checks every byte as UTF-8 again).
    static func encodedFiles(plan: Plan, profile: AccountProfile, flow: ProductFlow, templates: Templates) throws -> [String: Data] {
        let model = try model(plan: plan, profile: profile, flow: flow, templates: templates)
        let pieces = PlanMarkdown.pieces(model, templates: templates)
        return [
            "plan.md": PlanMarkdown.encoded(pieces),
            "plan.html": HandoutHTML.render(pieces, model: model, templates: templates).data,
            "plan.json": PlanJSON.encoded(plan),
            "plan.ics": PlanCalendar.encoded(model),
        ]
    }

    static func model(plan: Plan, profile: AccountProfile, flow: ProductFlow, templates: Templates) throws -> HandoutModel {
        let strings = try templates.strings(for: plan.locale, file: profile.file)
        let days = templates.dayFormat(for: plan.locale) ?? DayFormat(strings: strings)
        return HandoutModel(plan: plan, profile: profile, flow: flow, strings: strings, days: days)
    }

    // MARK: Loading

    /// Reads and checks a profile file.
    public func loadProfile(at path: String) throws -> (AccountProfile, [Warning]) {
        try ProfileLoader.load(contents: try Self.read(path), file: path)
    }

    /// The flow a profile names, read once per pipeline; `localized` gives its texts in the profile's language.
    public func loadFlow(for profile: AccountProfile, localized: Bool = false) throws -> ProductFlow {
        // Found once per folder and name; a flow that cannot be found is looked for again, for its message.
        let path = try resolvedFlow(profile.flow, from: profile.file)
            ?? FlowReference.resolve(profile.flow, from: profile.file, line: profile.line(of: "flow"),
                                     flowsDirectory: flowsDirectory, namedFiles: namedFlowFiles)
        return try loadFlow(at: path, locale: localized ? profile.locale : nil)
    }

    /// The flow file `reference` names for a profile at `profileFile`, found once per folder and name (each
    /// look resolves links with several system calls); nil when there is none.
    private func resolvedFlow(_ reference: String, from profileFile: String) -> String? {
        // Keyed by the folder as written: another spelling of the same folder is only looked up again.
        let folder = profileFile.utf8.lastIndex(of: UInt8(ascii: "/")).map { profileFile[..<$0] } ?? ""
        return resolvedFlows.value(for: ExactText("\(folder)\u{0}\(reference)")) {
            try? FlowReference.resolve(reference, from: profileFile, line: nil, flowsDirectory: flowsDirectory, namedFiles: namedFlowFiles)
        }
    }

    /// The flow file at `path`, read and checked once per pipeline, in `locale` when given.
    func loadFlow(at path: String, locale: HandoutLocale? = nil) throws -> ProductFlow {
        // By the path's bytes: two names that differ only in Unicode form are two files.
        let key = ExactText(locale.map { "\(path)#\($0.rawValue)" } ?? path)
        if let cached = lock.withLock({ flows[key] }) { return try cached.get() }
        let result: Result<ProductFlow, KickoffError>
        do {
            if let locale {
                result = .success(try loadFlow(at: path).localized(for: locale))
            } else {
                let data = try Self.read(path)
                var flow = try Self.embedImages(in: Self.embedLogo(in: FlowLoader.load(contents: data, file: path)))
                var digest = Digest()
                digest.add(data)
                digest.add(flow.brand?.logoDataURI ?? "")
                for image in flow.images { digest.add(flow.imageData[image.path] ?? "") }
                flow.sourceDigest = digest.hex
                result = .success(flow)
            }
        } catch let error as KickoffError {
            result = .failure(error)
        }
        lock.withLock { flows[key] = result }
        return try result.get()
    }

    /// Largest logo embedded in a handout.
    static let logoBytes = 256 * 1024

    /// Largest image in a guide, and most image bytes one handout embeds.
    static let imageBytes = 1024 * 1024, handoutImageBytes = 5 * 1024 * 1024

    /// Reads every image the flow's guides show (relative to the flow, inside its folder) into `data:` URIs.
    static func embedImages(in flow: ProductFlow) throws -> ProductFlow {
        var copy = flow
        for image in flow.images {
            copy.imageData[image.path] = try FlowAsset.image(at: image.path, besideFlow: flow.file, maxBytes: imageBytes) { problem, fix in
                KickoffError(file: flow.file, line: image.line, field: image.field, problem: problem, fix: fix)
            }.dataURI
        }
        return copy
    }

    /// The images this plan's steps show must fit in one handout.
    static func checkImageSize(of plan: Plan, flow: ProductFlow) throws {
        guard !flow.imageData.isEmpty else { return }
        let selected = Set(plan.steps.map(\.id))
        let texts = flow.steps.filter { selected.contains($0.id) }.flatMap { [$0.value ?? "", $0.guide ?? ""] }.joined(separator: "\n")
        let bytes = flow.imageData.filter { texts.contains("](" + $0.key) }.values.reduce(0) { $0 + $1.utf8.count * 3 / 4 }
        guard bytes <= handoutImageBytes else {
            throw KickoffError(file: flow.file, field: "steps", problem: "the images of this account's guides add up to \(bytes / 1024) KiB",
                               fix: "keep the images one handout shows under \(handoutImageBytes / 1024 / 1024) MiB: make them smaller, or fewer")
        }
    }

    /// Reads the flow's logo file (relative to the flow, inside its folder) into a `data:` URI.
    static func embedLogo(in flow: ProductFlow) throws -> ProductFlow {
        guard let logo = flow.brand?.logo else { return flow }
        let image = try FlowAsset.image(at: logo, besideFlow: flow.file, maxBytes: logoBytes) { problem, fix in
            KickoffError(file: flow.file, line: flow.brand?.logoLine, field: "brand.logo", problem: problem, fix: fix)
        }
        var copy = flow
        copy.brand?.logoDataURI = image.dataURI
        return copy
    }

    /// A flow by name, looked up as profiles in `profileFolder` would look it up.
    public func loadFlow(named name: String, besideProfilesIn profileFolder: String) throws -> ProductFlow {
        let path = try FlowReference.resolve(name, from: "\(profileFolder)/new.yaml", line: nil,
                                             flowsDirectory: flowsDirectory, namedFiles: namedFlowFiles)
        return try loadFlow(at: path)
    }

    /// Reads a whole input file, refusing folders, missing files and files over the size limit.
    static func read(_ path: String) throws -> Data { try FilePaths.readInput(path) }
}
