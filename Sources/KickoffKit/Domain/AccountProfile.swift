/// Who the customer is: everything a CSM knows about a new account (`plans/<account>.yaml`).
public struct AccountProfile: Sendable {
    /// The file the profile was read from, as the user named it.
    public var file: String
    /// The account's name, shown on the handout.
    public var account: String
    /// The product flow: a name under `flows/` or a path to a flow file.
    public var flow: String
    /// The kickoff day.
    public var start: Day
    /// Handout language.
    public var locale: HandoutLocale
    /// IANA time zone for calendar export.
    public var timezone: String
    /// Whether the profile named a time zone: then check-ins are exported at `checkInTime` in it.
    public var timezoneGiven: Bool
    /// Local time of day of check-ins, in minutes after midnight (default 10:00).
    public var checkInTime: Int
    /// The customer's champion.
    public var contact: Person?
    /// The CSM who sends the plan.
    public var csm: Person?
    /// Who the plan is for.
    public var persona: Persona
    /// Pain points, in profile order.
    public var painPoints: [PainPoint]
    /// Goals, in profile order.
    public var goals: [Goal]
    /// How often the CSM checks in.
    public var cadence: Cadence
    /// New customer tasks per working day.
    public var pace: Int
    /// Working days and holidays.
    public var calendar: WorkingCalendar
    /// Holidays in the order written.
    public var holidays: [Day]
    /// Steps already done, with the day each was done, in the order written.
    public var progress: [Progress]
    /// Plain text from the CSM, shown on the handout.
    public var notes: String?
    /// Where the check-in calls happen (a video-call link), shown in the handout and the invitations.
    public var meetingURL: String? = nil
    /// Line of each top-level field and list item, for messages about meaning rather than form.
    public var lines: [String: Int]

    /// The line a field was written on, or 1.
    public func line(of field: String) -> Int { lines[field] ?? 1 }
}

/// A person named on the handout.
public struct Person: Hashable, Codable, Sendable {
    /// Full name.
    public var name: String
    /// Email address.
    public var email: String?
    /// Role or job title.
    public var role: String?
    /// Phone number.
    public var phone: String?
}

/// Who the plan is for, used to leave out steps meant for other audiences.
public struct Persona: Hashable, Codable, Sendable {
    /// Role or job title.
    public var role: String?
    /// How experienced the user is.
    public var experience: Experience?
    /// How many people will use the product.
    public var teamSize: Int?
}

/// How experienced the people using the product are.
public enum Experience: String, CaseIterable, Codable, Sendable {
    case beginner, intermediate, expert
}

/// Something the customer struggles with today.
public struct PainPoint: Hashable, Codable, Sendable {
    /// Its id.
    public var id: String
    /// The text.
    public var text: String
}

/// A customer-centric, measurable goal.
public struct Goal: Hashable, Codable, Sendable {
    /// Its id.
    public var id: String
    /// The text.
    public var text: String
    /// The day it should be reached by, resolved from a date or a span from the start.
    public var by: Day?
    /// The span as written, when `by` was a span (`3w`).
    public var bySpan: String?
    /// How the customer will know it is reached.
    public var measure: String?
}

/// A step the customer finished, and when.
public struct Progress: Hashable, Codable, Sendable {
    /// The step id.
    public var step: String
    /// The day.
    public var day: Day
}

/// How often the CSM checks in.
public enum Cadence: String, CaseIterable, Codable, Sendable {
    case daily
    case twiceWeekly = "twice-weekly"
    case weekly
    case biweekly
}

/// The languages a handout can be written in.
public enum HandoutLocale: String, CaseIterable, Codable, Sendable {
    case en
    case cs
    case zhHans = "zh-Hans"
}
