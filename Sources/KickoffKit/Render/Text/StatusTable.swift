import Foundation

/// The book's status as a table for a terminal (80 columns, names of any script aligned by display width),
/// as CSV, or as JSON for scripts.
public enum StatusTable {
    /// One row per account, under a header, fitting 80 columns. Days are month-day (the year is in --csv and
    /// --json); Slip is how many working days the plan moved from the first version the customer received, Idle
    /// the days since a step was last recorded done.
    public static func text(_ rows: [AccountStatus]) -> String {
        let columns: [(title: String, width: Int)] = [("Account", 18), ("Done", 9), ("Next", 10), ("Late", 8), ("Slip", 5), ("Idle", 5),
                                                      ("Goals", 9), ("Check-in", 8)]
        func line(_ cells: [String]) -> String {
            zip(cells, columns).map { TextWidth.padded($0, to: $1.width) }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(columns.map(\.title))]
        for row in rows {
            lines.append(line([row.account, done(row), next(row), late(row), slip(row), idle(row), goals(row), row.nextCheckIn.map(monthDay) ?? "—"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `12-15` for 2026-12-15.
    static func monthDay(_ day: Day) -> String { String(day.iso.dropFirst(5)) }

    static func slip(_ row: AccountStatus) -> String {
        row.lastBuilt == nil || row.slip == 0 ? "—" : "+\(row.slip)d"
    }

    static func idle(_ row: AccountStatus) -> String {
        row.lastBuilt == nil || row.asOf < (row.startDay ?? row.asOf) ? "—" : "\(row.daysSinceProgress)d"
    }

    /// The same rows as CSV (RFC 4180), with every figure in its own column.
    public static func csv(_ rows: [AccountStatus]) -> String {
        let header = ["account", "profile", "done", "total", "percent", "next_step", "next_title", "next_day", "overdue", "worst_lateness",
                      "goals_missed", "goals_at_risk", "goals_reached", "next_checkin", "last_built", "slip", "last_progress", "days_since_progress"]
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let cells = [row.account, row.profile, String(row.done), String(row.total), String(percent(row)),
                         row.next.map { String($0.number) } ?? "", row.next?.title ?? "", row.next?.day.iso ?? "",
                         String(row.overdue), String(row.worstLateness), String(row.count(.missed)), String(row.count(.atRisk)),
                         String(row.count(.reached)), row.nextCheckIn?.iso ?? "", row.lastBuilt?.iso ?? "",
                         String(row.slip), row.lastProgress?.iso ?? "", row.lastBuilt == nil ? "" : String(row.daysSinceProgress)]
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The same rows as a JSON array of objects.
    public static func json(_ rows: [AccountStatus]) -> String {
        var json = JSONText()
        json.array(rows) { json, row in
            json.object {
                $0.string("account", row.account)
                if row.lastBuilt != nil { $0.int("daysSinceProgress", row.daysSinceProgress) }
                $0.int("done", row.done)
                $0.strings("goals", row.goals.map(\.rawValue))
                $0.optional("lastBuilt", row.lastBuilt?.iso)
                $0.optional("lastProgress", row.lastProgress?.iso)
                $0.optional("nextCheckIn", row.nextCheckIn?.iso)
                if let next = row.next {
                    $0.key("nextStep")
                    $0.json.object {
                        $0.string("day", next.day.iso)
                        $0.int("number", next.number)
                        $0.string("title", next.title)
                    }
                }
                $0.int("overdue", row.overdue)
                $0.int("percent", percent(row))
                $0.string("profile", row.profile)
                $0.int("slip", row.slip)
                $0.int("total", row.total)
                $0.int("worstLateness", row.worstLateness)
            }
        }
        return json.text + "\n"
    }

    static func percent(_ row: AccountStatus) -> Int { percentDone(row.done, of: row.total) }

    /// Whole percent of `total` that `done` is (0 when there is nothing to do).
    static func percentDone(_ done: Int, of total: Int) -> Int { total == 0 ? 0 : done * 100 / total }

    static func done(_ row: AccountStatus) -> String {
        row.lastBuilt == nil ? "—" : "\(row.done)/\(row.total) \(percent(row))%"
    }

    static func next(_ row: AccountStatus) -> String {
        guard row.lastBuilt != nil else { return "not built" }
        guard let next = row.next else { return "all done" }
        return "#\(next.number) \(monthDay(next.day))"
    }

    static func late(_ row: AccountStatus) -> String {
        row.overdue == 0 ? "—" : "\(row.overdue) (\(row.worstLateness)d)"
    }

    static func goals(_ row: AccountStatus) -> String {
        if row.count(.missed) > 0 { return "\(row.count(.missed)) missed" }
        if row.count(.atRisk) > 0 { return "\(row.count(.atRisk)) at risk" }
        if !row.goals.isEmpty, row.count(.reached) == row.goals.count { return "reached" }
        return row.goals.isEmpty ? "—" : "on track"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// How wide text shows in a terminal: East Asian wide and full-width characters take two columns, combining
/// marks and invisible characters none.
enum TextWidth {
    static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte: no need to ask Unicode about each character.
        if text.isPrintableASCII { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` cut to `width` columns (with `…` when cut) and padded with spaces to exactly `width`.
    static func padded(_ text: String, to width: Int) -> String {
        if text.isPrintableASCII {
            // A column a byte, nothing invisible, no line break: keep what fits (leaving a column for `…` when
            // cut), then pad.
            let fits = text.utf8.count <= width
            let kept = fits ? text.utf8.count : max(0, width - 1)
            let shown = String(Substring(text.utf8.prefix(kept))) + (fits ? "" : "…")
            return shown + String(repeating: " ", count: max(0, width - kept - (fits ? 0 : 1)))
        }
        return paddedByCharacter(text, to: width)
    }

    /// `padded` for any text, a character at a time (line breaks become spaces, invisibles are shown escaped).
    static func paddedByCharacter(_ text: String, to width: Int) -> String {
        let single = Excerpt.escapingInvisibles(text.split(whereSeparator: \.isNewline).joined(separator: " "))
        var result = ""
        var used = 0
        let fits = of(single) <= width
        for character in single {
            let size = of(String(character))
            if used + size > width - (fits ? 0 : 1) { break }
            result.append(character)
            used += size
        }
        if !fits { result += "…"; used += 1 }
        return result + String(repeating: " ", count: max(0, width - used))
    }
}
