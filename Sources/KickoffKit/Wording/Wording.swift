/// The words of one language, in one place: dates, durations, lists, step headings, check-in names and owners,
/// worded the same way by plan.md, plan.html, plan.ics, `kickoff explain` and `kickoff diff`.
struct Wording {
    /// The language's phrases.
    let strings: StringTable
    /// The language's dates.
    let days: DayFormat

    /// Hands-on time in words: `15 min`, `2 hours`.
    func effort(minutes: Int) -> String {
        if minutes < 60 { return strings.text(.minutes, count: minutes) }
        return strings.text(.hours, count: (minutes + 30) / 60)
    }

    /// `a, b and c`.
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        var head = items[0]
        if items.count > 2 {
            let separator = strings.text(.listSeparator)
            var joined = TextBuffer(head)
            for item in items[1..<(items.count - 1)] { joined.write(separator, item) }
            head = joined.text
        }
        return strings.text(.listAnd, ["list": head, "last": items[items.count - 1]])
    }

    /// Step numbers as people write them: `1–3, 5 and 7`.
    func stepNumbers(_ numbers: [Int]) -> String {
        list(numberRuns(numbers))
    }

    /// `Step 3 of 14: Import your contacts`, plain text.
    func stepHeading(number: Int, total: Int, title: String, defaults: PhraseValues = [:]) -> String {
        strings.text(.guideStepHeading, ["number": String(number), "total": String(total), "title": title], defaults: defaults)
    }

    /// A check-in's name: the kickoff call, `Check-in 2`, the wrap-up review.
    func checkInName(_ kind: CheckIn.Kind, number: Int) -> String {
        switch kind {
        case .kickoff: return strings.text(.checkinKickoff)
        case .checkIn: return strings.text(.checkinRegular, ["number": String(number - 1)])
        case .wrapUp: return strings.text(.checkinWrapUp)
        }
    }

    /// Who does a step, with the CSM's name (or "your CSM").
    func owner(_ owner: Owner, csm: String?) -> String {
        strings.text(.owner(owner), ["csm": csm ?? strings.text(.yourCsm)])
    }
}
