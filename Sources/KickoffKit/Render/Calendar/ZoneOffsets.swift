import Foundation

/// A time zone's offsets from UTC over a stretch of time around a plan, read once from the zone's transitions:
/// a check-in's time is placed by looking its offsets up here instead of asking the zone database for each of
/// the nine instants it needs. Outside the stretch the zone itself answers.
struct ZoneOffsets: Sendable {
    /// The zone.
    let zone: TimeZone
    /// Where the offsets are known: seconds since 1970, from `start` up to (not including) `end`.
    let start: Int, end: Int
    /// The changes of offset in that time, in order: the moment (as Foundation gives it) and the offset from then.
    let transitions: [(moment: Date, at: Int, offset: Int)]
    /// The offset at `start`, before the first change.
    let initial: Int

    /// The offsets of `zone` from a year before `first` to a year after `last` (at most 20 changes; past the
    /// twentieth the zone answers).
    init(_ zone: TimeZone, from first: Day, to last: Day) {
        self.zone = zone
        let rangeStart = first.adding(days: -366).ordinal * 86_400, rangeEnd = last.adding(days: 366).ordinal * 86_400
        var transitions: [(moment: Date, at: Int, offset: Int)] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(rangeStart))
        let endDate = Date(timeIntervalSince1970: TimeInterval(rangeEnd))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < endDate, transitions.count < 20 {
            // From the first whole second at or after the change.
            transitions.append((next, Int(next.timeIntervalSince1970.rounded(.up)), zone.secondsFromGMT(for: next)))
            cursor = next
        }
        start = rangeStart
        end = transitions.count == 20 ? transitions[19].at : rangeEnd
        self.transitions = transitions
        initial = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(rangeStart)))
    }

    /// The offset from UTC, in seconds, at `seconds` since 1970: `TimeZone.secondsFromGMT(for:)`.
    func offset(at seconds: Int) -> Int {
        guard seconds >= start, seconds < end else { return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))) }
        var offset = initial
        for transition in transitions {
            guard transition.at <= seconds else { break }
            offset = transition.offset
        }
        return offset
    }
}
