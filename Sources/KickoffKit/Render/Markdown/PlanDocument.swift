/// The sections of a handout, in order: each is found on the page by this identity, never by its heading text.
public enum SectionID: String, CaseIterable, Sendable {
    case quickstart, welcome, goals, pains, expect, timeline, milestones, guide, checkins, resources, success, changes
}

/// The whole plan as `plan.md.mustache` shows it: a title, then each section as a typed value. Every text is
/// Markdown that Kickoff built (its sentences escape their own values), except where a field says plain text.
public struct PlanDocument: TemplateModel {
    /// Its title.
    public var title: String
    /// The line under the title.
    public var subtitle: String
    /// What to do now, on the first screen and the first printed page.
    public var quickstart: QuickStartSection
    /// The welcome.
    public var welcome: WelcomeSection
    /// Goals, in profile order.
    public var goals: GoalsSection
    /// Absent when the profile lists no pain points.
    public var pains: PainsSection?
    /// What to expect.
    public var expect: ExpectSection
    /// The timeline.
    public var timeline: TimelineSection
    /// Moments to celebrate.
    public var milestones: ListSection
    /// How to do it (flow Markdown).
    public var guide: GuideSection
    /// Check-ins and contacts.
    public var checkins: CheckInsSection
    /// Links to read more.
    public var resources: ListSection
    /// How success is measured.
    public var success: ListSection
    /// What changed since the last version.
    public var changes: ListSection

    /// How messages about a template name this value.
    public static let templateName = "the plan"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<PlanDocument>] = [
        "title": .markdown(\.title), "subtitle": .markdown(\.subtitle),
        "quickstart": .child(\.quickstart, section: .quickstart), "welcome": .child(\.welcome, section: .welcome), "goals": .child(\.goals, section: .goals),
        "pains": .child(\.pains, section: .pains), "expect": .child(\.expect, section: .expect),
        "timeline": .child(\.timeline, section: .timeline), "milestones": .child(\.milestones, section: .milestones),
        "guide": .child(\.guide, section: .guide), "checkins": .child(\.checkins, section: .checkins),
        "resources": .child(\.resources, section: .resources), "success": .child(\.success, section: .success),
        "changes": .child(\.changes, section: .changes),
    ]
}

/// The quick start: this week's tasks with their days and effort, the goals with their dates and where they
/// stand, the next check-in, and who to ask. A reader who sees only this knows what to do next.
public struct QuickStartSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// On a regenerated plan: that it was updated, and where to read what changed.
    public var notice: String?
    /// What the task list is ("This week, 30 Nov – 4 Dec" or "Your next tasks").
    public var tasksLabel: String
    /// One Markdown line per task.
    public var tasks: [String]
    /// The goals' label, when there are goals.
    public var goalsLabel: String?
    /// One Markdown line per goal: its text, date and state.
    public var goals: [String]
    /// The next check-in, as Markdown.
    public var call: String?
    /// Who to ask, as Markdown.
    public var help: String?

    /// How messages about a template name this value.
    public static let templateName = "the quick start"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<QuickStartSection>] = [
        "heading": .markdown(\.heading), "notice": .optional(\.notice, markdown: true), "tasks_label": .markdown(\.tasksLabel), "tasks": .texts(\.tasks, markdown: true),
        "goals_label": .optional(\.goalsLabel, markdown: true), "goals": .texts(\.goals, markdown: true),
        "call": .optional(\.call, markdown: true), "help": .optional(\.help, markdown: true),
    ]
}

/// A personal welcome to the contact, and the CSM's note.
public struct WelcomeSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The body.
    public var body: String
    /// The CSM's note.
    public var note: Note?

    /// The CSM's own words: who wrote them, and the profile's `notes` as Markdown that shows them exactly.
    public struct Note: TemplateModel {
        /// The day it was on before.
        public var from: String
        /// The text.
        public var text: String
        /// How messages about a template name this value.
        public static let templateName = "the note"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Note>] = ["from": .markdown(\.from), "text": .markdown(\.text)]
    }

    /// How messages about a template name this value.
    public static let templateName = "the welcome"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<WelcomeSection>] = [
        "heading": .markdown(\.heading), "body": .markdown(\.body), "note": .child(\.note),
    ]
}

/// The customer's goals, each with how it is measured, its dates and status.
public struct GoalsSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The opening sentence, as Markdown Kickoff built.
    public var intro: String
    /// Its items, in order.
    public var items: [Goal]

    /// One goal: its text (plain profile text) and the lines about it.
    public struct Goal: TemplateModel {
        /// The text.
        public var text: String
        /// One Markdown line per item.
        public var lines: [String]
        /// How messages about a template name this value.
        public static let templateName = "a goal"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Goal>] = ["text": .text(\.text), "lines": .texts(\.lines, markdown: true)]
    }

    /// How messages about a template name this value.
    public static let templateName = "the goals"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<GoalsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "items": .list(\.items),
    ]
}

/// How the plan addresses each pain point.
public struct PainsSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The opening sentence, as Markdown Kickoff built.
    public var intro: String
    /// Its items, in order.
    public var items: [Pain]

    /// One pain point (plain profile text) with the steps that address it, or a line saying none does yet.
    public struct Pain: TemplateModel {
        /// The text.
        public var text: String
        /// The line saying no step addresses it yet.
        public var unaddressed: String?
        /// The steps, in plan order.
        public var steps: [String]
        /// How messages about a template name this value.
        public static let templateName = "a pain point"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Pain>] = [
            "text": .text(\.text), "unaddressed": .optional(\.unaddressed, markdown: true), "steps": .texts(\.steps, markdown: true),
        ]
    }

    /// How messages about a template name this value.
    public static let templateName = "the pain points"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<PainsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "items": .list(\.items),
    ]
}

/// What to expect: length, pace, calendar, and what might take longer.
public struct ExpectSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// One Markdown line per item.
    public var lines: [String]
    /// What might take longer.
    public var hard: ListSection?

    /// How messages about a template name this value.
    public static let templateName = "what to expect"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<ExpectSection>] = [
        "heading": .markdown(\.heading), "lines": .texts(\.lines, markdown: true), "hard": .child(\.hard),
    ]
}

/// The timeline, week by week.
public struct TimelineSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The weeks, in order.
    public var weeks: [Week]

    /// One week: its heading, what happens in it, and a note of its holidays.
    public struct Week: TemplateModel {
        /// The heading, as Markdown Kickoff built.
        public var heading: String
        /// Its items, in order.
        public var items: [String]
        /// A note under the week (its holidays).
        public var footnote: String?
        /// How messages about a template name this value.
        public static let templateName = "a week"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Week>] = [
            "heading": .markdown(\.heading), "items": .texts(\.items, markdown: true), "footnote": .optional(\.footnote, markdown: true),
        ]
    }

    /// How messages about a template name this value.
    public static let templateName = "the timeline"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<TimelineSection>] = ["heading": .markdown(\.heading), "weeks": .list(\.weeks)]
}

/// The step-by-step guide.
public struct GuideSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The opening sentence, as Markdown Kickoff built.
    public var intro: String
    /// The steps, in plan order.
    public var steps: [Step]

    /// One step of the guide, one task at a time.
    public struct Step: TemplateModel {
        /// The heading, as Markdown Kickoff built.
        public var heading: String
        /// Day, effort and owner, as Markdown.
        public var meta: String
        /// Why it matters: a label and the flow's Markdown.
        public var value: Labelled?
        /// Why it is in the plan, as Markdown.
        public var reasons: String
        /// The flow's setup guide (Markdown, rendered by libcmark in safe mode).
        public var guide: String?
        /// What completing it means.
        public var milestone: String?
        /// Links to read more.
        public var resources: LabelledList?
        /// How messages about a template name this value.
        public static let templateName = "a step"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Step>] = [
            "heading": .markdown(\.heading), "meta": .markdown(\.meta), "value": .child(\.value), "reasons": .markdown(\.reasons),
            "guide": .optional(\.guide, markdown: true), "milestone": .optional(\.milestone, markdown: true), "resources": .child(\.resources),
        ]
    }

    /// How messages about a template name this value.
    public static let templateName = "the guide"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<GuideSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "steps": .list(\.steps),
    ]
}

/// A label and Markdown text after it.
public struct Labelled: TemplateModel {
    /// The label before it.
    public var label: String
    /// The text.
    public var text: String
    /// How messages about a template name this value.
    public static let templateName = "a labelled text"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<Labelled>] = ["label": .markdown(\.label), "text": .markdown(\.text)]
}

/// A label and a list of Markdown lines (links).
public struct LabelledList: TemplateModel {
    /// The label before it.
    public var label: String
    /// One Markdown link per item.
    public var links: [String]
    /// How messages about a template name this value.
    public static let templateName = "a labelled list"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<LabelledList>] = ["label": .markdown(\.label), "links": .texts(\.links, markdown: true)]
}

/// Check-ins and who to contact.
public struct CheckInsSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The opening sentence, as Markdown Kickoff built.
    public var intro: String
    /// One Markdown line per item.
    public var lines: [String]
    /// Who to contact, one per line.
    public var contacts: [String]

    /// How messages about a template name this value.
    public static let templateName = "the check-ins"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<CheckInsSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "lines": .texts(\.lines, markdown: true),
        "contacts": .texts(\.contacts, markdown: true),
    ]
}

/// A section that is a heading, an opening sentence and a list: milestones, resources, success, changes, and
/// the hard parts of what to expect.
public struct ListSection: TemplateModel {
    /// The heading, as Markdown Kickoff built.
    public var heading: String
    /// The opening sentence, as Markdown Kickoff built.
    public var intro: String
    /// One Markdown line per item.
    public var lines: [String]

    /// How messages about a template name this value.
    public static let templateName = "a section"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<ListSection>] = [
        "heading": .markdown(\.heading), "intro": .markdown(\.intro), "lines": .texts(\.lines, markdown: true),
    ]
}
