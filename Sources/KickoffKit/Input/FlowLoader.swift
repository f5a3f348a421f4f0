import Foundation

/// Reads and checks a product flow.
public enum FlowLoader {
    static let fields = ["product", "tagline", "support", "brand", "resources", "phases", "steps"]
    static let stepFields = ["id", "title", "phase", "owner", "effort", "wait", "after", "required", "solves", "serves",
                             "audience", "value", "guide", "milestone", "resources"]

    /// Loads a flow from YAML bytes; `file` is how messages name it.
    public static func load(contents data: Data, file: String) throws -> ProductFlow {
        let root = try YAMLDocument.load(contents: data, file: file)
        try YAMLDocument.requireTopLevel(root, kind: "a product flow", knownFields: fields, required: ["product", "phases", "steps"])
        let top = try root.fields(allowed: fields, required: ["product", "phases", "steps"])

        let product = try top["product"]!.string(maxLength: 200)
        let tagline = try top["tagline"]?.string(maxLength: 500)
        let support = try top["support"].map(supportValue)
        let brand = try top["brand"].map(brandValue)
        let resources = try top["resources"].map(resourceList) ?? []

        var phases: [Phase] = []
        let phaseItems = try top["phases"]!.list(max: 50)
        guard !phaseItems.isEmpty else { throw top["phases"]!.error("lists no phases", fix: "list at least one phase with id and title") }
        for item in phaseItems {
            let fields = try item.fields(allowed: ["id", "title"], required: ["id", "title"])
            let title = try fields["title"]!.localizedString(maxLength: 200)
            let phase = Phase(id: try fields["id"]!.identifier(), title: title.text, translations: title.translations)
            if phases.contains(where: { $0.id == phase.id }) {
                throw fields["id"]!.error("phase id \"\(phase.id)\" is used twice", fix: "give each phase its own id")
            }
            phases.append(phase)
        }
        let phaseIDs = phases.map(\.id)

        let stepItems = try top["steps"]!.list(max: InputLimits.steps)
        guard !stepItems.isEmpty else { throw top["steps"]!.error("lists no steps", fix: "list at least one step") }
        var steps: [Step] = []
        var images: [FlowImage] = []
        var stepLines: [String: Int] = [:]
        var afterValues: [String: [YAMLValue]] = [:]
        steps.reserveCapacity(stepItems.count)
        for item in stepItems {
            let fields = try item.fields(allowed: stepFields, required: ["id", "title", "phase"])
            let id = try fields["id"]!.identifier()
            if let first = stepLines[id] {
                throw fields["id"]!.error("step id \"\(id)\" is used twice (first on line \(first))", fix: "give each step its own id")
            }
            stepLines[id] = item.line
            let phaseValue = fields["phase"]!
            let phase = try phaseValue.identifier()
            guard phaseIDs.contains(phase) else {
                let suggestion = closestMatch(to: phase, in: phaseIDs).map { "did you mean \($0)? " } ?? ""
                throw phaseValue.error("\"\(phase)\" is not a phase of this flow",
                                       fix: "\(suggestion)use one of \(phaseIDs.joined(separator: ", "))")
            }
            var wait = 0
            if let waitValue = fields["wait"] {
                let text = try waitValue.string(maxLength: 10)
                if text == "0d" || text == "0" {
                    wait = 0
                } else if case .workingDays(let days)? = Span(text: text) {
                    wait = days
                } else {
                    throw waitValue.error("\"\(text.prefix(20))\" is not a wait", fix: "use working days like 0d or 2d")
                }
            }
            let afterList = try fields["after"]?.list(max: 200) ?? []
            afterValues[id] = afterList
            var after: [String] = []
            for value in afterList {
                let prerequisite = try value.identifier()
                if prerequisite == id {
                    throw value.error("step \"\(id)\" cannot come after itself", fix: "remove \(id) from its own after list")
                }
                if !after.contains(prerequisite) { after.append(prerequisite) }
            }
            let effort: Effort? = try fields["effort"].map { value in
                let text = try value.string(maxLength: 10)
                guard let effort = Effort(text: text) else {
                    throw value.error("\"\(text.prefix(20))\" is not an effort", fix: "use minutes, hours or days like 15m, 2h, 1d")
                }
                return effort
            }
            let title = try fields["title"]!.localizedString(maxLength: 300)
            let value = try fields["value"]?.localizedString()
            let guide = try fields["guide"]?.localizedString()
            let milestone = try fields["milestone"]?.localizedString(maxLength: 300)
            for key in ["value", "guide"] {
                for image in try fields[key].map(checkMarkdownLinks) ?? [] where !images.contains(where: { $0.path == image.path }) {
                    images.append(image)
                }
            }
            var translations: [HandoutLocale: StepTranslation] = [:]
            for locale in HandoutLocale.allCases {
                let translation = StepTranslation(title: title.translations[locale], value: value?.translations[locale],
                                                  guide: guide?.translations[locale], milestone: milestone?.translations[locale])
                if translation != StepTranslation() { translations[locale] = translation }
            }
            var step = Step(
                id: id,
                title: title.text,
                phase: phase,
                owner: try fields["owner"]?.oneOf(Owner.self) ?? .customer,
                effort: effort,
                wait: wait,
                after: after,
                required: try fields["required"]?.bool() ?? false,
                solves: try idList(fields["solves"]),
                serves: try idList(fields["serves"]),
                audience: try fields["audience"].map(audienceValue),
                value: value?.text,
                guide: guide?.text,
                milestone: milestone?.text,
                resources: try fields["resources"].map(resourceList) ?? [],
                line: item.line)
            step.translations = translations
            steps.append(step)
        }

        for step in steps {
            for (index, prerequisite) in step.after.enumerated() where stepLines[prerequisite] == nil {
                let value = afterValues[step.id]!.first { (try? $0.identifier()) == prerequisite } ?? afterValues[step.id]![index]
                let others = steps.map(\.id).filter { $0 != step.id }
                let suggestion = closestMatch(to: prerequisite, in: others).map { "did you mean \($0)?" }
                throw value.error("names step \"\(prerequisite)\", which this flow does not have",
                                  fix: suggestion ?? "name a step id of this flow")
            }
        }
        if let cycle = findCycle(in: steps) {
            let first = steps.first { $0.id == cycle[0] }!
            throw KickoffError(file: file, line: first.line, field: "steps.\(cycle[0]).after",
                               problem: "the steps wait on each other in a cycle: \(cycle.joined(separator: " → "))",
                               fix: "remove one of these prerequisites")
        }
        var flow = ProductFlow(file: file, product: product, tagline: tagline, support: support, brand: brand,
                               resources: resources, phases: phases, steps: steps)
        flow.images = images
        return flow
    }

    /// Things worth fixing in a flow that do not stop it from being used: steps no plan could ever select.
    public static func warnings(for flow: ProductFlow) -> [Warning] {
        // A step can be selected when it is required, when it solves or serves something a profile may list
        // (for some persona), or when such a step needs it.
        var selectable = Set(flow.steps.filter { step in
            let audienceOpen = step.audience.map { ($0.experience?.isEmpty != true) && ($0.roles?.isEmpty != true) } ?? true
            return step.required || (audienceOpen && !(step.solves.isEmpty && step.serves.isEmpty))
        }.map(\.id))
        var queue = Array(selectable)
        while let id = queue.popLast() {
            for prerequisite in flow.step(id)?.after ?? [] where !selectable.contains(prerequisite) {
                selectable.insert(prerequisite)
                queue.append(prerequisite)
            }
        }
        return flow.steps.filter { !selectable.contains($0.id) }.map { step in
            Warning(file: flow.file, line: step.line, field: "steps.\(step.id)",
                    message: "no plan can ever include this step: it is not required, solves no pain point, serves no goal (for any audience), and no such step comes after it")
        }
    }

    /// A cycle in the `after` graph as step ids, first id repeated at the end; nil when there is none.
    static func findCycle(in steps: [Step]) -> [String]? {
        let index = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        enum Mark { case unvisited, inProgress, done }
        var marks = Array(repeating: Mark.unvisited, count: steps.count)
        // Iterative depth-first search so that long chains cannot overflow the stack.
        for root in steps.indices where marks[root] == .unvisited {
            var stack: [(node: Int, nextEdge: Int)] = [(root, 0)]
            marks[root] = .inProgress
            while let (node, nextEdge) = stack.last {
                let edges = steps[node].after
                if nextEdge < edges.count {
                    stack[stack.count - 1].nextEdge += 1
                    guard let target = index[edges[nextEdge]] else { continue }
                    switch marks[target] {
                    case .unvisited:
                        marks[target] = .inProgress
                        stack.append((target, 0))
                    case .inProgress:
                        // The path from target to node, then back to target: node waits on target.
                        let path = stack.map(\.node)
                        let cycleNodes = path[path.firstIndex(of: target)!...]
                        // Read it in the order work would flow: prerequisite first.
                        var ordered = Array(cycleNodes.reversed())
                        // Start at the step that comes first in the flow, as a reader would look for it.
                        let first = ordered.firstIndex(of: ordered.min()!)!
                        ordered = Array(ordered[first...] + ordered[..<first])
                        let ids = ordered.map { steps[$0].id }
                        return ids + [ids[0]]
                    case .done:
                        continue
                    }
                } else {
                    marks[node] = .done
                    stack.removeLast()
                }
            }
        }
        return nil
    }

    private static func idList(_ value: YAMLValue?) throws -> [String] {
        guard let value else { return [] }
        var ids: [String] = []
        for item in try value.list(max: 200) {
            let id = try item.identifier()
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private static func audienceValue(_ value: YAMLValue) throws -> Audience {
        let fields = try value.fields(allowed: ["experience", "roles"])
        var audience = Audience()
        if let experience = fields["experience"] {
            audience.experience = try experience.list(max: 3).map { try $0.oneOf(Experience.self) }
        }
        if let roles = fields["roles"] {
            audience.roles = try roles.list(max: 100).map { try $0.string(maxLength: 100) }
        }
        return audience
    }

    private static func brandValue(_ value: YAMLValue) throws -> Brand {
        let fields = try value.fields(allowed: ["logo", "accent", "footer"])
        var brand = Brand()
        if let logo = fields["logo"] {
            let path = try logo.string(maxLength: 500)
            let lowered = path.lowercased()
            guard [".png", ".jpg", ".jpeg", ".svg", ".webp"].contains(where: lowered.hasSuffix), !path.contains("://") else {
                throw logo.error("\"\(path.prefix(60))\" is not a logo file", fix: "name a local .png, .jpg, .svg or .webp file, relative to the flow")
            }
            brand.logo = path
            brand.logoLine = logo.line
        }
        if let accent = fields["accent"] {
            let text = try accent.string(maxLength: 20)
            let hex = text.dropFirst()
            guard text.hasPrefix("#"), hex.count == 6, hex.allSatisfy(\.isHexDigit) else {
                throw accent.error("\"\(text.prefix(20))\" is not a colour", fix: "use #RRGGBB, like \"#2f6fde\" (quoted)")
            }
            brand.accent = text.lowercased()
        }
        brand.footer = try fields["footer"]?.string(maxLength: 300)
        return brand
    }

    private static func supportValue(_ value: YAMLValue) throws -> Support {
        let fields = try value.fields(allowed: ["email", "url", "hours", "phone"])
        let hours = try fields["hours"]?.localizedString(maxLength: 200)
        var support = Support(email: try fields["email"].map(ProfileLoader.emailAddress),
                              url: try fields["url"].map(webAddress),
                              hours: hours?.text,
                              phone: try fields["phone"]?.string(maxLength: 50))
        support.hoursTranslations = hours?.translations ?? [:]
        return support
    }

    private static func resourceList(_ value: YAMLValue) throws -> [Resource] {
        try value.list(max: 200).map { item in
            let fields = try item.fields(allowed: ["title", "url"], required: ["title", "url"])
            return Resource(title: try fields["title"]!.string(maxLength: 300), url: try webAddress(fields["url"]!))
        }
    }

    /// Links in a flow's Markdown (every language) lead only to web pages, email or a place in the handout;
    /// images are never loaded from an address (the handout makes no request).
    /// Returns the images the text shows, by their relative paths.
    static func checkMarkdownLinks(_ value: YAMLValue) throws -> [FlowImage] {
        var images: [FlowImage] = []
        var texts: [(YAMLValue, String)] = []
        if case .mapping(let mapping, _) = value.node {
            for (key, node) in mapping {
                guard case .scalar(let scalar) = node, case .scalar(let locale) = key else { continue }
                texts.append((YAMLValue(node: node, file: value.file, path: "\(value.path).\(locale.string)"), scalar.string))
            }
        } else if case .scalar(let scalar) = value.node {
            texts.append((value, scalar.string))
        }
        for (field, text) in texts {
            for destination in CommonMark.destinations(in: text) {
                // A block scalar (| or >) starts on the line after its indicator.
                let blockStyle: Bool = { if case .scalar(let scalar) = field.node { return scalar.style == .literal || scalar.style == .folded } else { return false } }()
                let line = field.line + destination.line - (blockStyle ? 0 : 1)
                let url = destination.url.trimmingCharacters(in: .whitespaces).lowercased()
                if destination.isImage {
                    if url.contains(":") || url.hasPrefix("//") {
                        throw KickoffError(file: field.file, line: line, field: field.path,
                                           problem: "the image \(Excerpt.quoted(destination.url, limit: 80)) would be loaded from an address when the handout is opened",
                                           fix: "the handout makes no request: put the image beside the flow and name it by its path, like images/settings.png")
                    }
                    let path = destination.url
                    guard !path.isEmpty, !path.hasPrefix("/"), path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
                        throw KickoffError(file: field.file, line: line, field: field.path,
                                           problem: "the image path \(Excerpt.quoted(path, limit: 80)) is not a plain relative path",
                                           fix: "name images relative to the flow file with letters, digits, -, _, . and /, like images/settings.png")
                    }
                    images.append(FlowImage(path: path, line: line, field: field.path))
                    continue
                }
                let allowed = url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:") || url.hasPrefix("#")
                guard allowed else {
                    throw KickoffError(file: field.file, line: line, field: field.path,
                                       problem: "the link \(Excerpt.quoted(destination.url, limit: 80)) is not a web page, email address or place in the handout",
                                       fix: "link with a full https://, http:// or mailto: address")
                }
            }
        }
        return images
    }

    /// White space, line breaks and control characters (made once: a union of character sets is costly).
    private static let notInWebAddress = ScalarSet(CharacterSet.whitespacesAndNewlines.union(.controlCharacters))

    /// Links on a handout may only lead to web pages or email: `https:`, `http:` or `mailto:`.
    static func webAddress(_ value: YAMLValue) throws -> String {
        let text = try value.string(maxLength: 2000)
        let lowered = text.lowercased()
        let schemeOK = ["https://", "http://", "mailto:"].contains { lowered.hasPrefix($0) }
        let forbidden = Self.notInWebAddress
        let clean = !forbidden.containsAny(of: text)
            && !text.contains("<") && !text.contains(">") && !text.contains("\"")
        guard schemeOK, clean, URL(string: text) != nil else {
            throw value.error("\"\(text.prefix(60))\" is not a web address Kickoff links to",
                              fix: "use a full https://, http:// or mailto: address without spaces")
        }
        return text
    }
}
