/// The days an account works: its working weekdays minus its holidays.
public struct WorkingCalendar: Sendable {
    /// Weekdays the account works.
    public let workingDays: Set<Weekday>
    /// Days off that fall on working weekdays or not.
    public let holidays: Set<Day>
    /// `workingDays` as bits by weekday index: the scheduler asks about a day many times per step.
    private let weekdayBits: UInt8

    /// A calendar of these weekdays, without these holidays.
    public init(workingDays: Set<Weekday>, holidays: Set<Day>) {
        self.workingDays = workingDays
        self.holidays = holidays
        weekdayBits = workingDays.reduce(0) { $0 | 1 << UInt8($1.index) }
    }

    /// Whether work can happen on this day.
    public func isWorkingDay(_ day: Day) -> Bool {
        weekdayBits & 1 << UInt8(day.weekdayIndex) != 0 && (holidays.isEmpty || !holidays.contains(day))
    }

    /// The first working day on or after `day`.
    public func workingDay(onOrAfter day: Day) -> Day {
        var candidate = day
        // A calendar with at least one working weekday has one within every holiday run; holidays are capped on input.
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// The working day `count` working days after `day` (`count` 0 gives the first working day on or after `day`).
    public func adding(workingDays count: Int, to day: Day) -> Day {
        var current = workingDay(onOrAfter: day)
        var remaining = count
        while remaining > 0 {
            current = workingDay(onOrAfter: current.adding(days: 1))
            remaining -= 1
        }
        return current
    }

    /// Working days in the half-open range (`from`, `to`]: how many working days `to` lies after `from`.
    public func workingDaysBetween(_ from: Day, _ to: Day) -> Int {
        guard from < to else { return from == to ? 0 : -workingDaysBetween(to, from) }
        var count = 0
        var day = from.adding(days: 1)
        while day <= to {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// Non-working days strictly between two days (the first `limit` of them), for explaining why a date moved.
    public func skippedDays(after from: Day, before to: Day, limit: Int = 31) -> [Day] {
        var days: [Day] = []
        var day = from.adding(days: 1)
        while day < to, days.count < limit {
            if !isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }
}
