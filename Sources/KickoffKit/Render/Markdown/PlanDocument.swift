/// The sections of a handout, in order: each is found on the page by this identity, never by its heading text.
public enum SectionID: String, CaseIterable, Sendable {
    case welcome, goals, pains, expect, timeline, milestones, guide, checkins, resources, success, changes
}

/// The whole plan as `plan.md.mustache` shows it: a title, then each section as a typed value. Every text is
/// Markdown that Kickoff built (its sentences escape their own values), except where a field says plain text.
public struct PlanDocument: TemplateModel {
    public var title: String
    public var subtitle: String
    public var welcome: WelcomeSection
    public var goals: GoalsSection
    /// Absent when the profile lists no pain points.
    public var pains: PainsSection?
    public var expect: ExpectSection
    public var timeline: TimelineSection
    public var milestones: ListSection
    public var guide: GuideSection
    public var checkins: CheckInsSection
    public var resources: ListSection
    public var success: ListSection
    public var changes: ListSection

    public static let templateName = "the plan"
    public static let templateFields: [String: TemplateField<PlanDocument>] = [
        "title": .markdown(\.title), "subtitle": .markdown(\.subtitle),
        "welcome": .child(\.welcome, section: .welcome), "goals": .child(\.goals, section: .goals),
        "pains": .child(\.pains, section: .pains), "expect": .child(\.expect, section: .expect),
        "timeline": .child(\.timeline, section: .timeline), "milestones": .child(\.milestones, section: .milestones),
        "guide": .child(\.guide, section: .guide), "checkins": .child(\.checkins, section: .checkins),
        "resources": .child(\.resources, section: .resources), "success": .child(\.success, section: .success),
        "changes": .child(\.changes, section: .changes),
    ]
}

/// A personal welcome to the contact, and the CSM's note.
public struct WelcomeSection: TemplateModel {
    public var heading: String
    public var body: String
    public var note: Note?

    /// The CSM's own words: who wrote them, and the profile's `notes` as Markdown that shows them exactly.
    public struct Note: TemplateModel {
        public var from: String
        public var text: String
        public static let templateName = "the note"
        public static let templateFields: [String: TemplateField<Note>] = ["from": .markdown(\.from), "text": .markdown(\.text)]
    }

    public static let templateName = "the welcome"
    public static let templateFields: [String: TemplateField<WelcomeSection>] = [
        "heading": .markdown(\.heading), "body": .markdown(\.body), "note": .child(\.note),
    ]
}

/// The customer's goals, each with how it is measured, its dates and status.
public struct GoalsSection: TemplateModel {
    public var heading: String
    public var intro: String
    public var items: [Goal]

    /// One goal: its text (plain profile text) and the lines about it.
    public struct Goal: TemplateModel {
        public var text: String
        public var lines: [String]
        public static let templateName = "a goal"
        public static let templateFields: [String: TemplateField<Goal>] = ["text": .text(\.text), "lines": .texts(\.lines, markdown: true)]
    }

    public static let templateName = "the goals"
    public static let templateFields: [String: TemplateField<GoalsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "items": .list(\.items),
    ]
}

/// How the plan addresses each pain point.
public struct PainsSection: TemplateModel {
    public var heading: String
    public var intro: String
    public var items: [Pain]

    /// One pain point (plain profile text) with the steps that address it, or a line saying none does yet.
    public struct Pain: TemplateModel {
        public var text: String
        public var unaddressed: String?
        public var steps: [String]
        public static let templateName = "a pain point"
        public static let templateFields: [String: TemplateField<Pain>] = [
            "text": .text(\.text), "unaddressed": .optional(\.unaddressed, markdown: true), "steps": .texts(\.steps, markdown: true),
        ]
    }

    public static let templateName = "the pain points"
    public static let templateFields: [String: TemplateField<PainsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "items": .list(\.items),
    ]
}

/// What to expect: length, pace, calendar, and what might take longer.
public struct ExpectSection: TemplateModel {
    public var heading: String
    public var lines: [String]
    public var hard: ListSection?

    public static let templateName = "what to expect"
    public static let templateFields: [String: TemplateField<ExpectSection>] = [
        "heading": .markdown(\.heading), "lines": .texts(\.lines, markdown: true), "hard": .child(\.hard),
    ]
}

/// The timeline, week by week.
public struct TimelineSection: TemplateModel {
    public var heading: String
    public var weeks: [Week]

    /// One week: its heading, what happens in it, and a note of its holidays.
    public struct Week: TemplateModel {
        public var heading: String
        public var items: [String]
        public var footnote: String?
        public static let templateName = "a week"
        public static let templateFields: [String: TemplateField<Week>] = [
            "heading": .markdown(\.heading), "items": .texts(\.items, markdown: true), "footnote": .optional(\.footnote, markdown: true),
        ]
    }

    public static let templateName = "the timeline"
    public static let templateFields: [String: TemplateField<TimelineSection>] = ["heading": .markdown(\.heading), "weeks": .list(\.weeks)]
}

/// The step-by-step guide.
public struct GuideSection: TemplateModel {
    public var heading: String
    public var intro: String
    public var steps: [Step]

    /// One step of the guide, one task at a time.
    public struct Step: TemplateModel {
        public var heading: String
        public var meta: String
        /// Why it matters: a label and the flow's Markdown.
        public var value: Labelled?
        public var reasons: String
        /// The flow's setup guide (Markdown, rendered by libcmark in safe mode).
        public var guide: String?
        public var milestone: String?
        public var resources: LabelledList?
        public static let templateName = "a step"
        public static let templateFields: [String: TemplateField<Step>] = [
            "heading": .markdown(\.heading), "meta": .markdown(\.meta), "value": .child(\.value), "reasons": .markdown(\.reasons),
            "guide": .optional(\.guide, markdown: true), "milestone": .optional(\.milestone, markdown: true), "resources": .child(\.resources),
        ]
    }

    public static let templateName = "the guide"
    public static let templateFields: [String: TemplateField<GuideSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "steps": .list(\.steps),
    ]
}

/// A label and Markdown text after it.
public struct Labelled: TemplateModel {
    public var label: String
    public var text: String
    public static let templateName = "a labelled text"
    public static let templateFields: [String: TemplateField<Labelled>] = ["label": .markdown(\.label), "text": .markdown(\.text)]
}

/// A label and a list of Markdown lines (links).
public struct LabelledList: TemplateModel {
    public var label: String
    public var links: [String]
    public static let templateName = "a labelled list"
    public static let templateFields: [String: TemplateField<LabelledList>] = ["label": .markdown(\.label), "links": .texts(\.links, markdown: true)]
}

/// Check-ins and who to contact.
public struct CheckInsSection: TemplateModel {
    public var heading: String
    public var intro: String
    public var lines: [String]
    public var contacts: [String]

    public static let templateName = "the check-ins"
    public static let templateFields: [String: TemplateField<CheckInsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "lines": .texts(\.lines, markdown: true),
        "contacts": .texts(\.contacts, markdown: true),
    ]
}

/// A section that is a heading, an opening sentence and a list: milestones, resources, success, changes, and
/// the hard parts of what to expect.
public struct ListSection: TemplateModel {
    public var heading: String
    public var intro: String
    public var lines: [String]

    public static let templateName = "a section"
    public static let templateFields: [String: TemplateField<ListSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "lines": .texts(\.lines, markdown: true),
    ]
}
