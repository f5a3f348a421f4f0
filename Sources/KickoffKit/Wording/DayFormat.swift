import Foundation

/// Formats days for a handout's language: `Tue 1 Dec`, `1. prosince 2026`, `2026年12月1日`. One thread uses
/// an instance (`Templates.dayFormat(for:)` gives each thread its own), so it needs no lock.
final class DayFormat {
    private let short: DateFormatter
    private let long: DateFormatter
    private let weekdayMonth: DateFormatter
    /// Formatted days, by style and day: plans share most of their days, and ICU formatting is slow.
    private var memo: [Int: String] = [:]
    /// Foundation's short weekday names, from Sunday, read once (each read builds them anew).
    private lazy var weekdaySymbols: [String] = short.shortStandaloneWeekdaySymbols

    /// Patterns are CLDR skeletons from the string table, arranged for the locale by Foundation.
    init(localeIdentifier: String, shortSkeleton: String, longSkeleton: String, monthSkeleton: String) {
        func formatter(_ skeleton: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: localeIdentifier)
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.setLocalizedDateFormatFromTemplate(skeleton)
            return formatter
        }
        short = formatter(shortSkeleton)
        long = formatter(longSkeleton)
        weekdayMonth = formatter(monthSkeleton)
    }

    /// The formats a language's string table names (`date_locale`, `date_short`, `date_long`, `date_day_month`).
    convenience init(strings: StringTable) {
        self.init(localeIdentifier: strings.text(.dateLocale), shortSkeleton: strings.text(.dateShort),
                  longSkeleton: strings.text(.dateLong), monthSkeleton: strings.text(.dateDayMonth))
    }

    /// A day in a list: weekday and date, no year.
    func short(_ day: Day) -> String { format(short, day, style: 0) }
    /// A day in a sentence: with the year.
    func long(_ day: Day) -> String { format(long, day, style: 1) }
    /// Day and month only, for week ranges.
    func dayMonth(_ day: Day) -> String { format(weekdayMonth, day, style: 2) }

    /// The short name of a weekday, such as `Mon`.
    func weekdayName(_ weekday: Weekday) -> String {
        // Foundation lists weekdays from Sunday.
        let symbols = weekdaySymbols
        let index = (weekday.index + 1) % 7
        return index < symbols.count ? symbols[index] : weekday.rawValue
    }

    private func format(_ formatter: DateFormatter, _ day: Day, style: Int) -> String {
        let key = day.ordinal * 4 + style
        if let known = memo[key] { return known }
        let text = Self.bindOrdinals(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86_400)))
        if memo.count < 100_000 { memo[key] = text }
        return text
    }

    /// `1. prosince` → `1.` + no-break space + `prosince`: Czech typography keeps the day with its month,
    /// and a date at the start of a line can then never read as a numbered list item.
    static func bindOrdinals(_ text: String) -> String {
        var result = ""
        var previous: Character = " "
        var afterOrdinal = false
        for character in text {
            if character == " ", afterOrdinal {
                result.append("\u{00A0}")
            } else {
                result.append(character)
            }
            afterOrdinal = character == "." && previous.isASCIIDigit
            previous = character
        }
        return result
    }
}
