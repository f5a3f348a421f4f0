/// The agenda for a terminal (80 columns, grouped by action, each line naming the account) or as JSON.
public enum AgendaText {
    /// Terminal text; `colour` adds bold headings (only on a terminal, and not with NO_COLOR).
    public static func text(_ entries: [AccountAgenda], heading: String, colour: Bool) -> String {
        let groups = ["Check-ins", "Nudge: customer steps 2+ working days late", "Celebrate", "Goals now at risk", "Handout not sent yet"]
        var byGroup = Array(repeating: [String](), count: groups.count)
        for entry in entries {
            let name = entry.account
            let agenda = entry.items
            var nudges: [(number: Int, title: String, late: Int)] = []
            for item in agenda {
                if case let .nudge(number, title, _, late) = item { nudges.append((number, title, late)); continue }
                byGroup[item.group] += lines(item, account: name, contact: entry.contact, profile: entry.profile)
            }
            // One line per customer: how many steps are late, and the one late the longest.
            if let oldest = nudges.max(by: { $0.late < $1.late }) {
                let count = nudges.count == 1 ? "1 step" : "\(nudges.count) steps"
                byGroup[1].append(fit("  \(TextWidth.fit(name, to: 30)): \(count) late, the oldest by \(oldest.late) working days: step \(oldest.number) \"\(oldest.title)\""))
                let slip = entry.slip > 0 ? "; the plan slipped \(entry.slip) working days from the first version" : ""
                byGroup[1].append(fit("    no step done for \(entry.daysSinceProgress) days\(slip)"))
            }
        }
        var output = [bold(heading, colour)]
        for (index, title) in groups.enumerated() where !byGroup[index].isEmpty {
            output += ["", bold(title, colour)] + byGroup[index]
        }
        if byGroup.allSatisfy(\.isEmpty) { output += ["", "Nothing needs you today."] }
        return output.joined(separator: "\n") + "\n"
    }

    static func lines(_ item: AgendaItem, account: String, contact: String?, profile: String) -> [String] {
        let who = TextWidth.fit(account, to: 30)
        switch item {
        case let .checkIn(day, name, time, doneSince, next):
            var lines = [fit("  \(who)\(contact.map { " (\(TextWidth.fit($0, to: 20)))" } ?? ""): \(name) on \(day.iso)\(time.map { " at \($0)" } ?? "")")]
            if !doneSince.isEmpty { lines.append(fit("    done since the last one: " + doneSince.joined(separator: "; "))) }
            if !next.isEmpty { lines.append(fit("    next: " + next.joined(separator: "; "))) }
            return lines
        case let .nudge(number, title, due, late):
            return [fit("  \(who): step \(number) \"\(title)\" is \(late) working days late (due \(due.iso))")]
        case let .celebrate(title, day):
            return [fit("  \(who), \(day.iso): \"\(title)\"")]
        case let .goalAtRisk(text, state, by):
            return [fit("  \(who): \(state == .missed ? "missed" : "at risk")\(by.map { ", target \($0.iso)" } ?? ""): \"\(text)\"")]
        case .notBuilt:
            return [fit("  \(who) (\(profile)): not built yet: run kickoff build")]
        case .notSent:
            return [fit("  \(who) (\(profile)): welcome not sent yet (kickoff mail)")]
        }
    }

    /// Every item as JSON for scripts: account, profile, the action and its figures.
    public static func json(_ entries: [AccountAgenda]) -> String {
        var json = JSONText()
        let items = entries.flatMap { entry in entry.items.map { (entry, $0) } }.sorted { $0.1.group < $1.1.group }
        json.array(items) { json, pair in
            let (entry, item) = pair
            json.object {
                $0.string("account", entry.account)
                $0.string("asOf", entry.asOf.iso)
                switch item {
                case let .checkIn(day, name, time, doneSince, next):
                    $0.string("action", "check-in"); $0.string("day", day.iso); $0.strings("doneSince", doneSince)
                    $0.string("name", name); $0.strings("next", next); $0.optional("time", time)
                case let .nudge(number, title, due, late):
                    $0.string("action", "nudge"); $0.string("due", due.iso); $0.int("number", number)
                    $0.string("title", title); $0.int("workingDaysLate", late)
                case let .celebrate(title, day):
                    $0.string("action", "celebrate"); $0.string("day", day.iso); $0.string("title", title)
                case let .goalAtRisk(text, state, by):
                    $0.string("action", "goal-at-risk"); $0.optional("by", by?.iso); $0.string("state", state.rawValue); $0.string("text", text)
                case .notBuilt:
                    $0.string("action", "not-built")
                case .notSent:
                    $0.string("action", "not-sent")
                }
                $0.int("daysSinceProgress", entry.daysSinceProgress)
                $0.string("profile", entry.profile)
                $0.int("slip", entry.slip)
            }
        }
        return json.text + "\n"
    }

    static func fit(_ line: String) -> String { TextWidth.fit(line, to: 80) }

    static func bold(_ text: String, _ colour: Bool) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

extension TextWidth {
    /// `text` on one line, cut to `width` columns with `…` when longer.
    static func fit(_ text: String, to width: Int) -> String {
        if of(text) <= width && !text.contains(where: \.isNewline) { return Excerpt.escapingInvisibles(text) }
        var line = padded(text, to: width)
        while line.utf8.last == UInt8(ascii: " ") { line.removeLast() }
        return line
    }
}
