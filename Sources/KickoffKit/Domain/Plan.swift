/// A built onboarding plan: what `plan.json` holds, and what every renderer reads.
///
/// The JSON form is versioned by `schema`; fields are only added within a version.
public struct Plan: Codable, Equatable, Sendable {
    /// The schema this plan follows (`kickoff-plan/1`).
    public var schema: String = Plan.currentSchema
    /// The schema Kickoff writes.
    public static let currentSchema = "kickoff-plan/1"

    /// The account's name.
    public var account: String
    /// The name of the profile file the plan was built from (`acme-outdoor.yaml`): an output folder belongs to
    /// that profile and is never taken over by another. Absent in plans written before Kickoff recorded it.
    public var profile: String?
    /// The product's name.
    public var product: String
    /// The language.
    public var locale: HandoutLocale
    /// IANA time zone.
    public var timezone: String
    /// Local time of check-ins as `HH:MM`, when the profile names a time zone (else check-ins are all-day).
    public var checkInTime: String?
    /// The first day.
    public var start: Day
    /// The day a regenerated plan was scheduled from, if not from `start`.
    public var asOf: Day?
    /// The last day of work: the last step's end.
    public var end: Day
    /// New customer tasks per working day.
    public var pace: Int
    /// How often the CSM checks in.
    public var cadence: Cadence
    /// The working days of the week.
    public var workingDays: [Weekday]
    /// Days off.
    public var holidays: [Day]
    /// Selected steps in the order they are done.
    public var steps: [PlannedStep]
    /// Moments to celebrate.
    public var milestones: [Milestone]
    /// Calls with the CSM.
    public var checkIns: [CheckIn]
    /// Goals, in profile order.
    public var goals: [GoalStatus]
    /// Pain points, in profile order.
    public var painPoints: [PainPointStatus]
    /// Things the CSM should know, such as goals no step serves.
    public var warnings: [String]
    /// What changed since the previous version of this plan, when there was one.
    public var changes: [PlanChange]?
    /// The day the previous version was scheduled from (its `asOf`, else its `start`), when there was one.
    public var changesSince: Day?
    /// What the book reads without the profile, when the profile has not changed since the plan was built.
    public var summary: BookFacts?
    /// What the plan was built from (profile, flow, templates, Kickoff's version, the as-of day), digested: a
    /// build whose inputs have the same fingerprint is skipped. Not part of the plan's content.
    public var fingerprint: String?

    /// The step with this id, if selected.
    public func step(_ id: String) -> PlannedStep? { steps.first { $0.id == id } }

    /// Each step's number in plan order, 1-based, by id.
    public var stepNumbers: [String: Int] {
        var numbers = [String: Int](minimumCapacity: steps.count)
        // By index: iterating the steps themselves would copy each one.
        for index in steps.indices { numbers[steps[index].id] = index + 1 }
        return numbers
    }

    /// The plan itself, without the comparison with an earlier version: two versions are the same plan when these are equal.
    public var content: Plan {
        var copy = self
        copy.changes = nil
        copy.changesSince = nil
        copy.fingerprint = nil
        copy.summary = nil
        return copy
    }

    /// The account's calendar, as recorded in the plan.
    public var calendar: WorkingCalendar { WorkingCalendar(workingDays: Set(workingDays), holidays: Set(holidays)) }
}

/// One selected step, on its days.
public struct PlannedStep: Codable, Equatable, Sendable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// The phase id.
    public var phase: String
    /// Who does it.
    public var owner: Owner
    /// Hands-on time in minutes, when the flow gives one.
    public var effortMinutes: Int?
    /// The first day.
    public var start: Day
    /// The last day.
    public var end: Day
    /// Whether the customer already finished it (from `progress`); then `start` and `end` are the day it was done.
    public var done: Bool
    /// Why the step is in this plan.
    public var reasons: [SelectionReason]
    /// Why the step starts on its day.
    public var scheduled: ScheduleReason
    /// The day the step had in the version of the plan the customer holds (the previous version), when the plan
    /// was regenerated later (`asOf`) and the step, not done by then, had to move forward: what "moved from" says.
    public var rescheduledFrom: Day?
    /// The day the step started in the first version of the plan (the baseline), when it is on another day now.
    public var baseline: Day? = nil
}

/// Why a step was selected.
public struct SelectionReason: Codable, Hashable, Sendable {
    /// The kinds there are.
    public enum Kind: String, Codable, Sendable {
        /// The flow marks the step as part of every plan.
        case required
        /// It addresses one of the account's pain points (`id`).
        case solves
        /// It moves one of the account's goals forward (`id`).
        case serves
        /// A selected step (`id`) needs it first.
        case prerequisite
        /// The customer already did it.
        case done
    }
    /// What kind it is.
    public var kind: Kind
    /// The pain point, goal or step this reason refers to.
    public var id: String?
}

/// What decided a step's start day.
public struct ScheduleReason: Codable, Equatable, Sendable {
    /// The earliest day the step could start: the plan start, or a prerequisite's end plus its wait.
    public var earliest: Day
    /// The prerequisite whose end (plus wait) set `earliest`, if one did.
    public var prerequisite: String?
    /// That prerequisite's wait in working days.
    public var wait: Int
    /// Whether the account's pace pushed the step past its earliest day.
    public var paceLimited: Bool
    /// Non-working days skipped between `earliest` (or the prerequisite's end) and the start.
    public var skipped: [Day]
}

/// A moment to celebrate.
public struct Milestone: Codable, Equatable, Sendable {
    /// The kinds there are.
    public enum Kind: String, Codable, Sendable {
        /// A step's own milestone.
        case step
        /// A goal is reached: its last serving step ends.
        case goal
    }
    /// What kind it is.
    public var kind: Kind
    /// The step or goal id.
    public var id: String
    /// What is celebrated (flow text for steps, profile text for goals).
    public var title: String
    /// The day.
    public var day: Day
    /// Whether it is already reached.
    public var reached: Bool
}

/// A conversation between CSM and customer.
public struct CheckIn: Codable, Equatable, Sendable {
    /// The kinds there are.
    public enum Kind: String, Codable, Sendable {
        case kickoff
        case checkIn = "check-in"
        case wrapUp = "wrap-up"
    }
    /// What kind it is.
    public var kind: Kind
    /// 1 for the kickoff, then counting up.
    public var number: Int
    /// The day.
    public var day: Day
}

/// Where a goal stands.
public struct GoalStatus: Codable, Equatable, Sendable {
    /// Where a goal can stand.
    public enum Status: String, Codable, Sendable {
        case onTrack = "on-track"
        case atRisk = "at-risk"
        /// Its target day passed (on a plan regenerated after it) and it is not reached.
        case missed
        case reached
        /// No selected step serves it.
        case unaddressed
    }
    /// Its id.
    public var id: String
    /// The text.
    public var text: String
    /// How it is measured.
    public var measure: String?
    /// The day it should be reached by.
    public var by: Day?
    /// The day its last serving step ends.
    public var milestone: Day?
    /// Selected steps that serve it, in plan order.
    public var steps: [String]
    /// Where it stands.
    public var status: Status
    /// Working days the milestone falls after `by` (0 unless at risk).
    public var workingDaysLate: Int
}

/// How the plan addresses a pain point.
public struct PainPointStatus: Codable, Equatable, Sendable {
    /// Its id.
    public var id: String
    /// The text.
    public var text: String
    /// Selected steps that address it, in plan order; empty when unaddressed.
    public var steps: [String]
}

/// Facts about the profile a plan was built from, so that the book need not read it again while it is unchanged.
public struct BookFacts: Codable, Equatable, Sendable {
    /// A digest of the profile's bytes.
    public var profileDigest: String
    /// The contact's name, when the profile names one.
    public var contact: String?
}
