import Foundation

/// When remaining work is scheduled from.
public enum AsOf: Sendable {
    /// From the plan's start (a plan that has not been regenerated).
    case start
    /// From this day.
    case day(Day)
    /// From today in the account's time zone, at this moment.
    case today(Date)

    /// The day for an account in `timezone`.
    public func day(in timezone: String) -> Day? {
        switch self {
        case .start: return nil
        case .day(let day): return day
        case .today(let now):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: now)
            return Day(year: parts.year!, month: parts.month!, day: parts.day!)
        }
    }
}
