/// The steps of a product, from setup to habit (`flows/<product>.yaml`).
public struct ProductFlow: Sendable {
    /// The file the flow was read from.
    public var file: String
    /// The product's name.
    public var product: String
    /// One line about the product.
    public var tagline: String?
    /// How customers get help.
    public var support: Support?
    /// The product's look on the handout: logo, accent colour, footer.
    public var brand: Brand?
    /// The knowledge base, shown on every handout.
    public var resources: [Resource]
    /// Phases in order: the retention arc from setup to indispensable.
    public var phases: [Phase]
    /// Steps in the flow's order.
    public var steps: [Step] { didSet { (stepPositions, prerequisitePositions) = Self.places(of: steps) } }
    /// Each step's place in `steps` by its id, kept with `steps`: every plan of a batch looks steps up by id, and
    /// the flow is read once per batch.
    public private(set) var stepPositions: [String: Int]
    /// Each step's prerequisites (`after`) as places in `steps`, by the step's place, kept with `steps`: what
    /// selection, ordering and scheduling follow for every plan. (A flow names only its own steps as
    /// prerequisites, checked when it loads; a flow made in code that names another has that one left out.)
    public private(set) var prerequisitePositions: [[Int]]
    /// A digest of the flow file and the files it names, for plans' fingerprints (empty until the flow is read
    /// from a file).
    public var sourceDigest = ""
    /// The images its guides show (`![alt](images/x.png)`), each where it is first named.
    public var images: [FlowImage] = []
    /// Each image as a `data:` URI, by its path as written (filled when the flow is read from a file).
    public var imageData: [String: String] = [:]

    /// A flow as read (`images` and `imageData` are filled in by the loader).
    public init(file: String, product: String, tagline: String?, support: Support?, brand: Brand?, resources: [Resource],
                phases: [Phase], steps: [Step]) {
        self.file = file
        self.product = product
        self.tagline = tagline
        self.support = support
        self.brand = brand
        self.resources = resources
        self.phases = phases
        self.steps = steps
        (stepPositions, prerequisitePositions) = Self.places(of: steps)
    }

    /// The step with this id, if the flow has one.
    public func step(_ id: String) -> Step? {
        stepPositions[id].map { steps[$0] }
    }

    /// Each id's first place in `steps` (a flow file that repeats an id is refused when it loads), and each
    /// step's prerequisites as places.
    private static func places(of steps: [Step]) -> (ids: [String: Int], prerequisites: [[Int]]) {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(steps.count)
        for (index, step) in steps.enumerated() where positions[step.id] == nil { positions[step.id] = index }
        return (positions, steps.map { $0.after.compactMap { positions[$0] } })
    }

    /// The flow with every translated text in `locale` (steps and phases keep their own text where none is given).
    public func localized(for locale: HandoutLocale) -> ProductFlow {
        var copy = self
        copy.phases = phases.map { phase in
            var phase = phase
            if let title = phase.translations[locale] { phase.title = title }
            return phase
        }
        copy.steps = steps.map { $0.localized(for: locale) }
        if let hours = support?.hoursTranslations[locale] { copy.support?.hours = hours }
        return copy
    }

    /// Position of each phase id in `phases`.
    public var phaseIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: phases.enumerated().map { ($1.id, $0) })
    }
}

/// How a product's handouts look. Every part is optional; the defaults look good without them.
public struct Brand: Hashable, Sendable {
    /// The logo file as written in the flow (relative to the flow file).
    public var logo: String?
    /// The line `logo` is on, for messages.
    public var logoLine: Int?
    /// The logo as a `data:` URI, embedded so the handout stays self-contained (filled in when the flow is loaded from disk).
    public var logoDataURI: String?
    /// Accent colour, `#RRGGBB`.
    public var accent: String?
    /// A line of plain text for the handout's footer.
    public var footer: String?
}

/// Where the customer gets help.
public struct Support: Hashable, Codable, Sendable {
    /// Email address.
    public var email: String?
    /// The address (https, http or mailto).
    public var url: String?
    /// When support answers, in the flow's words.
    public var hours: String?
    /// `hours` in other languages.
    public var hoursTranslations: [HandoutLocale: String] = [:]
    /// Phone number.
    public var phone: String?
}

/// A link to help material.
public struct Resource: Hashable, Codable, Sendable {
    /// Its title.
    public var title: String
    /// The address (https, http or mailto).
    public var url: String
}

/// A stage of the onboarding arc.
public struct Phase: Hashable, Sendable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// The title in other languages.
    public var translations: [HandoutLocale: String] = [:]
}

/// A step's texts in one language other than the flow's own.
public struct StepTranslation: Hashable, Sendable {
    /// Its title.
    public var title: String?
    /// Why it matters (flow Markdown).
    public var value: String?
    /// How to do it (flow Markdown).
    public var guide: String?
    /// What completing it means.
    public var milestone: String?
}

/// Who does a step.
public enum Owner: String, CaseIterable, Codable, Sendable {
    case customer, csm, together

    /// Whether the step is customer work, which the account's `pace` limits.
    public var countsTowardPace: Bool { self != .csm }
}

/// Who a step is for; absent lists do not restrict.
public struct Audience: Hashable, Codable, Sendable {
    /// How experienced the user is.
    public var experience: [Experience]?
    /// Roles it is for.
    public var roles: [String]?

    /// Whether a persona is in this audience. A persona that does not say its role or experience is not excluded by it.
    public func includes(_ persona: Persona) -> Bool {
        if let experience, let level = persona.experience, !experience.contains(level) { return false }
        if let roles, let role = persona.role,
           !roles.contains(where: { $0.caseInsensitiveCompare(role) == .orderedSame }) { return false }
        return true
    }
}

/// One step of the product flow.
public struct Step: Hashable, Sendable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// The phase id.
    public var phase: String
    /// Who does it.
    public var owner: Owner
    /// Hands-on time, when the flow says.
    public var effort: Effort?
    /// Working days that must pass after this step before its dependents may start.
    public var wait: Int
    /// Prerequisite step ids.
    public var after: [String]
    /// In every plan.
    public var required: Bool
    /// Pain-point ids this step addresses.
    public var solves: [String]
    /// Goal ids this step moves forward.
    public var serves: [String]
    /// Who it is for; everyone when absent.
    public var audience: Audience?
    /// Why the step matters (Markdown).
    public var value: String?
    /// How to do it (Markdown).
    public var guide: String?
    /// A milestone to celebrate when the step is done.
    public var milestone: String?
    /// Links to read more.
    public var resources: [Resource]
    /// The line the step starts on, for messages.
    public var line: Int
    /// `title`, `value`, `guide` and `milestone` in other languages.
    public var translations: [HandoutLocale: StepTranslation] = [:]

    /// The step with its texts in `locale`, where the flow gives them.
    public func localized(for locale: HandoutLocale) -> Step {
        guard let translation = translations[locale] else { return self }
        var step = self
        step.title = translation.title ?? title
        step.value = translation.value ?? value
        step.guide = translation.guide ?? guide
        step.milestone = translation.milestone ?? milestone
        return step
    }
}

/// An image a flow's guide shows, by its path relative to the flow file.
public struct FlowImage: Sendable, Equatable {
    /// The path as written in the Markdown.
    public var path: String
    /// Where it is first named.
    public var line: Int
    /// The field of the flow that names it.
    public var field: String
}
