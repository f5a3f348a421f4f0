/// A calendar day (no time, no time zone), as written in profiles: `2026-12-01`.
///
/// Stored as a day number so that date arithmetic is integer arithmetic.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (which was a Thursday).
    public let ordinal: Int

    /// Creates the day with the given ordinal (days since 1970-01-01).
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from its year, month and day of month, or returns nil if no such day exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        // Days-from-civil (Howard Hinnant), proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        ordinal = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses the ISO 8601 form `YYYY-MM-DD`, or returns nil if it is not a real day.
    public init?(iso text: String) {
        // Read as ten bytes `DDDD-DD-DD` (a book reads hundreds of thousands of days from plan.json).
        var text = text
        let parsed: (Int, Int, Int)? = text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            var value = 0
            func number(_ range: Range<Int>) -> Int? {
                value = 0
                for index in range {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
        guard let (year, month, day) = parsed else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day of the week.
    public var weekday: Weekday { Weekday.inOrder[weekdayIndex] }

    /// The day of the week as 0 for Monday … 6 for Sunday.
    var weekdayIndex: Int {
        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        ((ordinal % 7) + 7 + 3) % 7
    }

    /// The day `count` calendar days later (earlier for a negative count).
    public func adding(days count: Int) -> Day { Day(ordinal: ordinal + count) }

    /// The Monday of this day's week.
    public var startOfWeek: Day { adding(days: -weekdayIndex) }

    /// `YYYY-MM-DD`.
    public var iso: String { digits(separator: 0x2D) }

    /// `YYYYMMDD`, the iCalendar DATE form.
    public var basicISO: String { digits(separator: nil) }

    /// The date's digits, year first, with `separator` between the parts (built from bytes: days are written
    /// many times in every plan).
    private func digits(separator: UInt8?) -> String {
        let (year, month, day) = components
        guard (0...9999).contains(year) else {
            let dash = separator == nil ? "" : "-"
            return "\(Day.pad(year, 4))\(dash)\(Day.pad(month, 2))\(dash)\(Day.pad(day, 2))"
        }
        let count = separator == nil ? 8 : 10
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = width == 4 ? 1000 : 10
                while divisor > 0 {
                    buffer[index] = UInt8(0x30 + value / divisor % 10)
                    index += 1
                    divisor /= 10
                }
            }
            put(year, 4)
            if let separator { buffer[index] = separator; index += 1 }
            put(month, 2)
            if let separator { buffer[index] = separator; index += 1 }
            put(day, 2)
            return index
        }
    }

    /// `2026-12-01`.
    public var description: String { iso }

    /// Earlier days come first.
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Day: Codable {
    /// Reads `YYYY-MM-DD`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a YYYY-MM-DD date")
        }
        self = day
    }

    /// Writes `YYYY-MM-DD`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A day of the week, as written in profiles (`mon` … `sun`).
public enum Weekday: String, CaseIterable, Codable, Sendable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The day's English name, for messages: `Saturday`.
    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][index]
    }

    /// Monday to Sunday, kept once (`allCases` makes a new list each time).
    static let inOrder = allCases

    /// 0 for Monday … 6 for Sunday.
    public var index: Int {
        switch self {
        case .mon: 0
        case .tue: 1
        case .wed: 2
        case .thu: 3
        case .fri: 4
        case .sat: 5
        case .sun: 6
        }
    }

    /// Monday comes first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
