import Foundation

/// Writes `plan.json`: the built plan in the `kickoff-plan/1` schema (`docs/plan.schema.json`).
enum PlanJSON {
    static func render(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(plan)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a plan written by `render`.
    static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}

/// Writes `plan.ics`: customer tasks, milestones and check-ins as RFC 5545 all-day events.
enum PlanCalendar {
    static func render(_ model: HandoutModel) -> String {
        let plan = model.plan
        let strings = model.strings
        let common = model.textCommon
        let calendarID = Self.uidPart(model.profile.account) + "." + Self.uidPart(plan.product)
        // A fixed stamp keeps the file byte-identical for the same inputs.
        let stamp = (plan.asOf ?? plan.start).basicISO + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Kickoff//Onboarding plan//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(strings.text("page_title", common)),
        ]
        func event(uid: String, day: Day, endDay: Day, summary: String, description: String?) {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(uid)@\(calendarID).kickoff")
            lines.append("DTSTAMP:\(stamp)")
            lines.append("DTSTART;VALUE=DATE:\(day.basicISO)")
            lines.append("DTEND;VALUE=DATE:\(endDay.adding(days: 1).basicISO)")
            lines.append("SUMMARY:" + escape(summary))
            if let description { lines.append("DESCRIPTION:" + escape(description)) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        for (index, step) in plan.steps.enumerated() where step.owner != .csm {
            let summary = strings.text("guide_step_heading", common.merging(["number": index + 1, "total": plan.steps.count, "title": step.title]) { $1 })
            event(uid: "step-" + uidPart(step.id), day: step.start, endDay: step.end, summary: summary, description: model.flowStep(step.id)?.milestone)
        }
        for milestone in plan.milestones {
            let key = milestone.kind == .step ? "calendar_milestone" : "calendar_goal"
            event(uid: "milestone-\(milestone.kind.rawValue)-" + uidPart(milestone.id), day: milestone.day, endDay: milestone.day,
                  summary: strings.text(key, ["title": milestone.title]), description: nil)
        }
        for checkIn in plan.checkIns {
            event(uid: "checkin-\(checkIn.kind.rawValue)-\(checkIn.number)", day: checkIn.day, endDay: checkIn.day,
                  summary: model.checkInName(checkIn) + " · " + plan.product, description: nil)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\u{2028}", "\u{2029}": result += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var lineOctets = 0
        for scalar in line.unicodeScalars {
            let octets = String(scalar).utf8.count
            if lineOctets + octets > 75 {
                result += "\r\n "
                lineOctets = 1
            }
            result.unicodeScalars.append(scalar)
            lineOctets += octets
        }
        return result
    }

    /// Letters, digits and `-` only, for UIDs that stay the same across regenerations.
    static func uidPart(_ text: String) -> String {
        let mapped = text.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) ? Character(scalar) : "-"
        }
        let collapsed = String(mapped).split(separator: "-").joined(separator: "-")
        return collapsed.isEmpty ? "x" : String(collapsed.prefix(60))
    }
}
