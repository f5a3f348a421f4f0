/// Hands-on time for a step, as written in flows: `15m`, `2h`, `1d` (a working day of 8 hours).
public struct Effort: Hashable, Comparable, Codable, Sendable {
    /// Minutes of hands-on work.
    public let minutes: Int

    /// Hours in one working day of effort.
    public static let hoursPerDay = 8

    /// An effort of `minutes` minutes of hands-on time.
    public init(minutes: Int) { self.minutes = minutes }

    /// Parses `15m`, `2h`, `1d`; nil for anything else, zero, or more than 60 working days.
    public init?(text: String) {
        guard let (count, unit) = parseCountAndUnit(text), count > 0 else { return nil }
        switch unit {
        case "m": minutes = count
        case "h": minutes = count * 60
        case "d": minutes = count * 60 * Effort.hoursPerDay
        default: return nil
        }
        guard minutes <= 60 * 60 * Effort.hoursPerDay else { return nil }
    }

    /// How many working days the step occupies on the calendar (at least one).
    public var workingDays: Int {
        let perDay = 60 * Effort.hoursPerDay
        return max(1, (minutes + perDay - 1) / perDay)
    }

    /// Shorter efforts come first.
    public static func < (lhs: Effort, rhs: Effort) -> Bool { lhs.minutes < rhs.minutes }

    /// Reads the form written in flows (`15m`).
    public init(from decoder: Decoder) throws {
        minutes = try decoder.singleValueContainer().decode(Int.self)
    }

    /// Writes the form written in flows.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minutes)
    }
}

/// A length of time counted from a plan's start: `10d` (working days) or `3w` (calendar weeks).
public enum Span: Hashable, Sendable, CustomStringConvertible {
    case workingDays(Int)
    case weeks(Int)

    /// Parses `10d` or `3w` with a positive count; nil otherwise.
    public init?(text: String) {
        guard let (count, unit) = parseCountAndUnit(text), count > 0, count <= 3650 else { return nil }
        switch unit {
        case "d": self = .workingDays(count)
        case "w": self = .weeks(count)
        default: return nil
        }
    }

    /// `15m`, `2h`, `1d`.
    public var description: String {
        switch self {
        case .workingDays(let count): return "\(count)d"
        case .weeks(let count): return "\(count)w"
        }
    }
}

/// Splits `15m` into (15, "m"). Digits only, then one lowercase unit letter.
private func parseCountAndUnit(_ text: String) -> (Int, Character)? {
    guard let unit = text.last, unit.isLetter, text.count >= 2, text.count <= 8 else { return nil }
    let digits = text.dropLast()
    guard digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else { return nil }
    return (count, unit)
}
