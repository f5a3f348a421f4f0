import Foundation

/// Writes `plan.ics` (RFC 5545): customer tasks and milestones as all-day events; check-ins at the account's
/// check-in time in its time zone (with a VTIMEZONE) when the profile names one, else all-day.
///
/// UIDs depend only on the account, the product and what the event is, so re-importing a regenerated plan
/// updates events instead of duplicating them.
enum PlanCalendar {
    /// `plan.ics` as the file holds it.
    static func encoded(_ model: HandoutModel) -> Data {
        let plan = model.plan
        let strings = model.strings
        let common = model.textCommon
        let calendarID = calendarID(model)
        // A fixed stamp keeps the file byte-identical for the same inputs.
        let stamp = (plan.asOf ?? plan.start).basicISO + "T000000Z"
        var calendar = CalendarText()
        calendar.line("BEGIN:VCALENDAR")
        calendar.line("VERSION:2.0")
        calendar.line("PRODID:-//Kickoff//Onboarding plan//EN")
        calendar.line("CALSCALE:GREGORIAN")
        calendar.line("METHOD:PUBLISH")
        calendar.line("X-WR-CALNAME:", Escaped(strings.text(.pageTitle, common)))
        if let zone = checkInZone(plan) {
            for line in zone.component { calendar.line(line) }
        }
        // An event's UID is its kind and what it is (`step-`, `import-contacts`); its time is all-day from its
        // first to its last day, or DTSTART and DTEND as written for a check-in. Written as pieces, without
        // joining them into strings first.
        enum Time { case allDay(Day, Day), written(start: String, end: String) }
        func event(uid kind: String, _ id: String, time: Time, summary: String, description: String?, busy: Bool) {
            calendar.line("BEGIN:VEVENT")
            calendar.line("UID:", kind, id, "@", calendarID, ".kickoff")
            calendar.line("DTSTAMP:", stamp)
            switch time {
            case .allDay(let first, let last):
                calendar.line("DTSTART;VALUE=DATE:", first.basicISO)
                calendar.line("DTEND;VALUE=DATE:", last.adding(days: 1).basicISO)
            case .written(let start, let end):
                calendar.line("DTSTART", start)
                calendar.line("DTEND", end)
            }
            calendar.line("SUMMARY:", Escaped(summary))
            if let description { calendar.line("DESCRIPTION:", Escaped(description)) }
            calendar.line("TRANSP:", busy ? "OPAQUE" : "TRANSPARENT")
            calendar.line("END:VEVENT")
        }

        for (index, step) in plan.steps.enumerated() where step.owner != .csm {
            let summary = model.wording.stepHeading(number: index + 1, total: plan.steps.count, title: step.title, defaults: common)
            event(uid: "step-", uidPart(step.id), time: .allDay(step.start, step.end), summary: summary,
                  description: model.flowStep(step.id)?.milestone, busy: false)
        }
        for milestone in plan.milestones {
            let key: Phrase = milestone.kind == .step ? .calendarMilestone : .calendarGoal
            let kind = switch milestone.kind {
            case .step: "milestone-step-"
            case .goal: "milestone-goal-"
            }
            event(uid: kind, uidPart(milestone.id), time: .allDay(milestone.day, milestone.day),
                  summary: strings.text(key, ["title": milestone.title]), description: nil, busy: false)
        }
        for checkIn in checkInEvents(model) {
            event(uid: checkIn.uid, "", time: .written(start: checkIn.start, end: checkIn.end), summary: checkIn.summary, description: nil, busy: checkIn.timed)
        }
        calendar.line("END:VCALENDAR")
        return calendar.data
    }

    /// A check-in as a calendar event: its UID (without the `@calendar` part), DTSTART and DTEND (parameters and
    /// value), summary, and whether it is at a time of day.
    struct CheckInEvent: Equatable {
        var uid: String
        var start: String
        var end: String
        var summary: String
        var timed: Bool
    }

    /// The plan's check-ins as events: at the check-in time in the account's zone when it names one, else all-day.
    static func checkInEvents(_ model: HandoutModel) -> [CheckInEvent] {
        let plan = model.plan
        let offsets = checkInZone(plan)?.offsets
        return plan.checkIns.map { checkIn in
            let (start, end): (String, String)
            if let offsets, let time = model.profile.checkInTimeMinutes {
                let minutes = checkIn.kind == .kickoff ? 60 : checkIn.kind == .wrapUp ? 45 : 30
                (start, end) = timed(on: checkIn.day, at: time, lasting: minutes, in: offsets)
            } else {
                (start, end) = (";VALUE=DATE:\(checkIn.day.basicISO)", ";VALUE=DATE:\(checkIn.day.adding(days: 1).basicISO)")
            }
            // The wrap-up is the same event however many check-ins come before it.
            let uid = checkIn.kind == .wrapUp ? "checkin-wrap-up" : "checkin-\(checkIn.kind.rawValue)-\(checkIn.number)"
            return CheckInEvent(uid: uid, start: start, end: end,
                                summary: model.checkInName(checkIn) + " · " + plan.product, timed: offsets != nil)
        }
    }

    /// The calendar part of every UID of an account's events (`acme-outdoor-co.emailsaurus`).
    static func calendarID(_ model: HandoutModel) -> String {
        uidPart(model.profile.account) + "." + uidPart(model.plan.product)
    }

    /// DTSTART and DTEND values of an event at local time `minutes` (after midnight) on `day` in the zone of
    /// `offsets`, lasting `duration` minutes of real time. A start that does not exist that day (clocks go forward)
    /// moves to the first valid minute after it; an end that local time cannot name exactly (clocks go back in
    /// between) is written in UTC, so the event never ends before it starts or runs longer than set.
    static func timed(on day: Day, at minutes: Int, lasting duration: Int, in offsets: ZoneOffsets) -> (start: String, end: String) {
        let (startInstant, startLocal) = instant(on: day, at: minutes, in: offsets)
        let endInstant = startInstant + duration * 60
        let endLocal = endInstant + offsets.offset(at: endInstant)
        let endDay = Day(ordinal: Int((Double(endLocal) / 86_400).rounded(.down)))
        let endMinutes = (endLocal - endDay.ordinal * 86_400) / 60
        let identifier = offsets.zone.identifier
        let start = ";TZID=\(identifier):" + stamp(startLocal)
        if instant(on: endDay, at: endMinutes, in: offsets).seconds == endInstant {
            return (start, ";TZID=\(identifier):" + stamp((endDay, endMinutes)))
        }
        let utc = Day(ordinal: Int((Double(endInstant) / 86_400).rounded(.down)))
        return (start, ":" + stamp((utc, (endInstant - utc.ordinal * 86_400) / 60)) + "Z")
    }

    /// The first moment (seconds since 1970) showing local time `minutes` on `day` in the zone of `offsets`, with
    /// the local day and minutes it shows: the same, or the first valid time after a gap.
    static func instant(on day: Day, at minutes: Int, in offsets: ZoneOffsets) -> (seconds: Int, local: (day: Day, minutes: Int)) {
        let localMidnight = day.ordinal * 86_400
        // At most one offset change a day: the offsets twelve hours around the time are the only candidates.
        for shift in 0...(3 * 60) {
            let local = localMidnight + (minutes + shift) * 60
            let before = local - offsets.offset(at: local - 12 * 3600), after = local - offsets.offset(at: local + 12 * 3600)
            // The earliest instant that shows this local time; the first of two when clocks go back.
            let beforeShows = offsets.offset(at: before) == local - before, afterShows = offsets.offset(at: after) == local - after
            if let earliest = beforeShows && afterShows ? min(before, after) : beforeShows ? before : afterShows ? after : nil {
                let shown = minutes + shift
                return (earliest, (day.adding(days: shown / 1440), shown % 1440))
            }
        }
        return (localMidnight + minutes * 60 - offsets.zone.secondsFromGMT(), (day, minutes))
    }

    /// `YYYYMMDDTHHMMSS` for a local day and minutes after midnight.
    static func stamp(_ local: (day: Day, minutes: Int)) -> String {
        local.day.basicISO + "T" + Digits.two(local.minutes / 60) + Digits.two(local.minutes % 60) + "00"
    }

    /// A zone around a stretch of days: its offsets, and the VTIMEZONE that describes them.
    struct ZoneStretch: Sendable {
        /// The zone's offsets from a year before the stretch to a year after it.
        let offsets: ZoneOffsets
        /// The VTIMEZONE lines for the same time.
        let component: [String]
    }

    /// The zone around `first` to `last`. Plans of a book share their zones and dates: the zone's changes are
    /// searched once per zone and stretch, for both the check-ins' times and the VTIMEZONE.
    static func zoneStretch(_ zone: TimeZone, from first: Day, to last: Day) -> ZoneStretch {
        zoneStretches.value(for: "\(zone.identifier) \(first.ordinal) \(last.ordinal)") {
            let offsets = ZoneOffsets(zone, from: first, to: last)
            return ZoneStretch(offsets: offsets, component: timeZoneComponent(of: offsets))
        }
    }

    /// Zones by zone and stretch, shared by the workers of a batch.
    private static let zoneStretches = SharedCache<String, ZoneStretch>(limit: 10_000)

    /// The zone of a plan's timed check-ins, from its start to its last check-in; nil when they are all-day.
    static func checkInZone(_ plan: Plan) -> ZoneStretch? {
        guard plan.checkInTime != nil, let zone = TimeZone(identifier: plan.timezone) else { return nil }
        return zoneStretch(zone, from: plan.start, to: plan.checkIns.last?.day ?? plan.end)
    }

    /// A VTIMEZONE for the zone: one STANDARD or DAYLIGHT part for each offset change from the year before the
    /// plan to the year after it, so any calendar can place the check-ins without its own zone database.
    static func timeZoneComponent(_ zone: TimeZone, from first: Day, to last: Day) -> [String] {
        zoneStretch(zone, from: first, to: last).component
    }

    /// The VTIMEZONE for the stretch of `offsets`.
    private static func timeZoneComponent(of offsets: ZoneOffsets) -> [String] {
        let secondsPerDay: TimeInterval = 86_400
        let zone = offsets.zone
        let rangeStart = Date(timeIntervalSince1970: TimeInterval(offsets.start))
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier]
        func offset(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : "+"
            let value = abs(seconds)
            return String(format: "%@%02d%02d", sign, value / 3600, (value % 3600) / 60)
        }
        func localStamp(_ date: Date, offsetSeconds: Int) -> String {
            let local = Int(date.timeIntervalSince1970) + offsetSeconds
            let day = Day(ordinal: Int((Double(local) / secondsPerDay).rounded(.down)))
            let seconds = local - day.ordinal * Int(secondsPerDay)
            return day.basicISO + String(format: "T%02d%02d%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        }
        if offsets.transitions.isEmpty {
            lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset(offsets.initial), "TZOFFSETTO:" + offset(offsets.initial)]
            if let name = zone.abbreviation(for: rangeStart) { lines.append("TZNAME:" + escape(name)) }
            lines.append("END:STANDARD")
        }
        // Each change goes from the offset before it (the last change's, or the one at the start) to its own.
        var before = offsets.initial
        for transition in offsets.transitions {
            let kind = zone.isDaylightSavingTime(for: transition.moment) ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the local time before the change, when the change happens.
            lines += ["BEGIN:\(kind)", "DTSTART:" + localStamp(transition.moment, offsetSeconds: before),
                      "TZOFFSETFROM:" + offset(before), "TZOFFSETTO:" + offset(transition.offset)]
            if let name = zone.abbreviation(for: transition.moment) { lines.append("TZNAME:" + escape(name)) }
            lines.append("END:\(kind)")
            before = transition.offset
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String { Escaped.string(text) }

    /// Text for a TEXT value, escaped as it is written into a line: `\`, `;` and `,` get a backslash, line
    /// breaks (also U+2028 and U+2029) become `\n`, and other control characters, not allowed in TEXT, go.
    struct Escaped: EscapedText {
        /// `\`, `;`, `,`, control characters, and 0xE2, which starts U+2028 and U+2029.
        static let special = ByteSet { $0 < 0x20 || $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x7F || $0 == 0xE2 }
        let text: String

        init(_ text: String) { self.text = text }

        static let replacements = ByteReplacements([0x5C: "\\\\", 0x3B: "\\;", 0x2C: "\\,", 0x0A: "\\n"])

        /// U+2028 and U+2029 are line breaks too; other characters starting with 0xE2 are written as they are.
        static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into buffer: inout TextBuffer) -> Int {
            guard bytes[index] == 0xE2 else {
                if let replacement = replacements[bytes[index]] { buffer.append(literal: replacement) }
                return index + 1
            }
            if index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                buffer.append(literal: "\\n")
                return index + 3
            }
            buffer.append(byte: 0xE2)
            return index + 1
        }
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var folded = TextBuffer(capacity: line.utf8.count + 8)
        line.withUTF8Bytes { CalendarText.fold($0, into: &folded) }
        return folded.text
    }

    /// Letters, digits and `-` only, for UIDs that stay the same across regenerations.
    static func uidPart(_ text: String) -> String {
        if text.isASCII { return asciiUIDPart(text) }
        let mapped = text.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) ? Character(scalar) : "-"
        }
        let collapsed = String(mapped).split(separator: "-").joined(separator: "-")
        return collapsed.isEmpty ? "x" : String(collapsed.prefix(60))
    }

    /// `uidPart` of ASCII text, from its bytes.
    private static func asciiUIDPart(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, 60))
        var dash = false
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            guard (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) else { dash = true; continue }
            if dash, !bytes.isEmpty { bytes.append(0x2D) }
            dash = false
            bytes.append(lower)
        }
        if bytes.isEmpty { return "x" }
        return String(decoding: bytes.prefix(60), as: UTF8.self)
    }
}

extension AccountProfile {
    /// The check-in time when check-ins are exported at a time of day.
    var checkInTimeMinutes: Int? { timezoneGiven ? checkInTime : nil }
}

/// iCalendar content lines written into one buffer as they are made, each folded at 75 octets and ended with CRLF.
struct CalendarText {
    private var buffer = TextBuffer(capacity: 8 * 1024)
    /// The line being written, reused for every line.
    private var current = TextBuffer(capacity: 256)

    /// Writes one content line from its pieces.
    mutating func line<each Piece: TextPiece>(_ pieces: repeat each Piece) {
        current.removeAll()
        current.write(repeat each pieces)
        current.withBytes { Self.fold($0, into: &buffer) }
        buffer.append("\r\n")
    }

    /// The calendar as the file holds it.
    var data: Data { buffer.data }

    /// Appends `line` (UTF-8) to `out`, with a line break and a space before any character that would take the
    /// line past 75 octets (RFC 5545 §3.1): a character's bytes are never split.
    static func fold(_ line: UnsafeBufferPointer<UInt8>, into out: inout TextBuffer) {
        guard line.count > 75 else {
            out.append(line)
            return
        }
        var octets = 0
        for byte in line {
            // A lead byte starts a character of 1 to 4 bytes; continuation bytes (10xxxxxx) stay with it.
            if byte & 0xC0 != 0x80 {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if octets + length > 75 {
                    out.append("\r\n ")
                    octets = 1
                }
                octets += length
            }
            out.append(byte: byte)
        }
    }
}
