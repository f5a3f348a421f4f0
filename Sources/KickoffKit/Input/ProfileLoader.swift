import Foundation

/// Reads and checks an account profile.
public enum ProfileLoader {
    static let fields = ["account", "flow", "start", "locale", "timezone", "contact", "csm", "persona",
                         "pain_points", "goals", "cadence", "checkin_time", "pace", "working_days", "holidays", "progress", "notes", "meeting_url"]

    /// Loads a profile from YAML bytes; `file` is how messages name it.
    public static func load(contents data: Data, file: String) throws -> (AccountProfile, [Warning]) {
        let root = try YAMLDocument.load(contents: data, file: file)
        try YAMLDocument.requireTopLevel(root, kind: "an account profile", knownFields: fields, required: ["account", "flow", "start"])
        let top = try root.fields(allowed: fields, required: ["account", "flow", "start"])
        var lines: [String: Int] = [:]
        for (key, value) in top.values { lines[key] = value.line }
        var warnings: [Warning] = []

        let account = try top["account"]!.string(maxLength: 200)
        let flowValue = top["flow"]!
        let flow = try flowValue.string(maxLength: 500)
        let start = try top["start"]!.day()
        let locale = try top["locale"]?.oneOf(HandoutLocale.self) ?? .en
        let timezone = try top["timezone"].map(timeZone) ?? "UTC"
        let contact = try top["contact"].map { try person($0, field: "contact", lines: &lines) }
        let csm = try top["csm"].map { try person($0, field: "csm", lines: &lines) }
        let persona = try top["persona"].map(personaValue) ?? Persona()
        let cadence = try top["cadence"]?.oneOf(Cadence.self) ?? .weekly
        let checkInTime = try top["checkin_time"].map(timeOfDay) ?? 10 * 60
        let pace = try top["pace"]?.int(in: 1...10) ?? 1
        let workingDays = try top["working_days"].map(weekdays) ?? [.mon, .tue, .wed, .thu, .fri]
        let holidayValues = try top["holidays"]?.list(max: InputLimits.holidays) ?? []
        var holidays: [Day] = []
        for value in holidayValues { holidays.append(try value.day()) }
        let calendar = WorkingCalendar(workingDays: Set(workingDays), holidays: Set(holidays))
        try checkCalendarHasWorkingDays(calendar, start: start, at: top["holidays"] ?? top["working_days"] ?? top["start"]!)

        guard calendar.isWorkingDay(start) else {
            let why = holidays.contains(start) ? "is a holiday" : "is a \(start.weekday.name), not a working day"
            throw top["start"]!.error("\(start.iso) \(why)", fix: "the kickoff needs a working day: use \(calendar.workingDay(onOrAfter: start).iso)")
        }

        let painPoints = try uniqueItems(top["pain_points"], kind: "pain point", allowed: ["id", "text"], required: ["id", "text"], lines: &lines) { fields in
            PainPoint(id: try fields["id"]!.identifier(), text: try fields["text"]!.string(maxLength: 1000))
        }

        let goals = try uniqueItems(top["goals"], kind: "goal", allowed: ["id", "text", "by", "measure"], required: ["id", "text"], lines: &lines) { fields in
            var goal = Goal(id: try fields["id"]!.identifier(), text: try fields["text"]!.string(maxLength: 1000),
                            by: nil, bySpan: nil, measure: try fields["measure"]?.string(maxLength: 1000))
            if let byValue = fields["by"] {
                let text = try byValue.string(maxLength: 40)
                if let day = Day(iso: text) {
                    goal.by = day
                } else if let span = Span(text: text) {
                    goal.by = resolve(span, from: start, on: calendar)
                    goal.bySpan = text
                } else {
                    throw byValue.error("\"\(text.prefix(40))\" is not a date", fix: "use YYYY-MM-DD or a span like 3w")
                }
                if goal.by! < start {
                    throw byValue.error("\(goal.by!.iso) is before the start (\(start.iso))", fix: "use a day on or after \(start.iso)")
                }
                if !calendar.isWorkingDay(goal.by!) {
                    warnings.append(byValue.warning("\(goal.by!.iso) is not a working day for this account"))
                }
            }
            return goal
        }

        var progress: [Progress] = []
        if let progressValue = top["progress"] {
            guard case .mapping(let mapping, _) = progressValue.node else {
                throw progressValue.error("expected step ids with the day each was done, found \(progressValue.shown)",
                                          fix: "write it as create-account: 2026-12-01")
            }
            for (keyNode, valueNode) in mapping {
                let key = YAMLValue(node: keyNode, file: file, path: "progress")
                let stepID = try key.identifier()
                let day = try YAMLValue(node: valueNode, file: file, path: "progress.\(stepID)").day()
                progress.append(Progress(step: stepID, day: day))
                lines["progress.\(stepID)"] = key.line
            }
        }

        let notes = try top["notes"]?.string()
        let meetingURL = try top["meeting_url"].map(webAddress)
        let profile = AccountProfile(
            file: file, account: account, flow: flow, start: start, locale: locale, timezone: timezone,
            timezoneGiven: top["timezone"] != nil, checkInTime: checkInTime,
            contact: contact, csm: csm, persona: persona, painPoints: painPoints, goals: goals,
            cadence: cadence, pace: pace, calendar: calendar, holidays: holidays, progress: progress,
            notes: notes, meetingURL: meetingURL, lines: lines)
        return (profile, warnings)
    }

    /// The `account:` of a profile file, read without checking the rest (a profile being edited may not be valid).
    static func accountName(in data: Data, file: String) throws -> String? {
        let root = try YAMLDocument.load(contents: data, file: file)
        guard case .mapping(let mapping, _) = root.node else { return nil }
        for (key, value) in mapping {
            if case .scalar(let keyScalar) = key, keyScalar.string == "account", case .scalar(let scalar) = value { return scalar.string }
        }
        return nil
    }

    /// The day a span from the start ends: `10d` is ten working days later, `3w` three calendar weeks later.
    static func resolve(_ span: Span, from start: Day, on calendar: WorkingCalendar) -> Day {
        switch span {
        case .workingDays(let count): return calendar.adding(workingDays: count, to: start)
        case .weeks(let count): return start.adding(days: 7 * count)
        }
    }

    private static func timeZone(_ value: YAMLValue) throws -> String {
        let name = try value.string(maxLength: 100)
        guard TimeZone(identifier: name) != nil, name.contains("/") || name == "UTC" else {
            throw value.error("\"\(name.prefix(60))\" is not a time zone", fix: "use an IANA name like Europe/Prague or UTC")
        }
        return name
    }

    /// `HH:MM` on a 24-hour clock, as minutes after midnight.
    private static func timeOfDay(_ value: YAMLValue) throws -> Int {
        let text = try value.string(maxLength: 10)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...23).contains(hours), (0...59).contains(minutes) else {
            throw value.error("\"\(text.prefix(20))\" is not a time of day", fix: "use HH:MM on a 24-hour clock, like 10:00")
        }
        return hours * 60 + minutes
    }

    private static func person(_ value: YAMLValue, field: String, lines: inout [String: Int]) throws -> Person {
        let fields = try value.fields(allowed: ["name", "email", "role", "phone"], required: ["name"])
        for (key, value) in fields.values { lines["\(field).\(key)"] = value.line }
        var person = Person(name: try fields["name"]!.string(maxLength: 200))
        if let email = fields["email"] { person.email = try emailAddress(email) }
        person.role = try fields["role"]?.string(maxLength: 200)
        person.phone = try fields["phone"]?.string(maxLength: 50)
        return person
    }

    private static let notInWebAddress = ScalarSet(CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: "<>\"'`\\")))
    private static let notInEmailAddress = ScalarSet(CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: "<>()[]\\,;:\"'`")))

    /// A web address (a video-call link): http or https, one address and nothing else.
    static func webAddress(_ value: YAMLValue) throws -> String {
        let text = try value.string(maxLength: 500)
        let lower = text.lowercased()
        let forbidden = Self.notInWebAddress
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.count > 8, URL(string: text)?.host != nil,
              !forbidden.containsAny(of: text) else {
            throw value.error("\(Excerpt.quoted(text)) is not a web address", fix: "use one address like https://meet.example.com/acme")
        }
        return text
    }

    /// An email address is used in `mailto:` links, so it must be one address and nothing else.
    static func emailAddress(_ value: YAMLValue) throws -> String {
        let text = try value.string(maxLength: 254)
        guard let domain = emailDomain(text) else {
            throw value.error("\(Excerpt.quoted(text)) is not an email address", fix: "use one address like name@example.com")
        }
        // `.invalid` is reserved for addresses that can never receive mail: what `kickoff new` writes to be replaced.
        if domain.lowercased().hasSuffix(".invalid") {
            throw value.error("\(Excerpt.quoted(text)) is still a placeholder address", fix: "write the real address")
        }
        return text
    }

    /// The domain of `text` if it is one address: one `@`, a local part without a dot at either end or two in a
    /// row, a domain of dot-separated labels none empty, and nothing from `notInEmailAddress`.
    static func emailDomain(_ text: String) -> Substring? {
        guard !notInEmailAddress.containsAny(of: text) else { return nil }
        // ASCII text (nearly every address) is checked over its bytes: each character is one byte (CR LF, the one
        // pair of bytes that is one character, was refused above). Other text is split into characters, so that a
        // combining mark stays with the `@` or `.` it follows.
        if text.isASCII {
            let bytes = Array(text.utf8)
            guard let at = bytes.firstIndex(of: 0x40), !bytes[(at + 1)...].contains(0x40) else { return nil }
            func wellDotted(_ part: ArraySlice<UInt8>) -> Bool {
                part.first != 0x2E && part.last != 0x2E && !zip(part, part.dropFirst()).contains { $0 == 0x2E && $1 == 0x2E }
            }
            let local = bytes[..<at], domain = bytes[(at + 1)...]
            guard !local.isEmpty, wellDotted(local), domain.contains(0x2E), wellDotted(domain) else { return nil }
            return text[text.utf8.index(text.utf8.startIndex, offsetBy: at + 1)...]
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else { return nil }
        return parts[1]
    }

    private static func personaValue(_ value: YAMLValue) throws -> Persona {
        let fields = try value.fields(allowed: ["role", "experience", "team_size"])
        return Persona(role: try fields["role"]?.string(maxLength: 100),
                       experience: try fields["experience"]?.oneOf(Experience.self),
                       teamSize: try fields["team_size"]?.int(in: 1...1_000_000))
    }

    private static func weekdays(_ value: YAMLValue) throws -> [Weekday] {
        let items = try value.list(max: 7)
        guard !items.isEmpty else {
            throw value.error("lists no working days", fix: "list at least one, like [mon, tue, wed, thu, fri]")
        }
        var days: [Weekday] = []
        for item in items {
            let day = try item.oneOf(Weekday.self)
            guard !days.contains(day) else { throw item.error("\(day.rawValue) is listed twice", fix: "list each day once") }
            days.append(day)
        }
        return days.sorted()
    }

    /// Holidays covering every working day for months would leave nothing to schedule on.
    private static func checkCalendarHasWorkingDays(_ calendar: WorkingCalendar, start: Day, at value: YAMLValue) throws {
        let horizon = 366
        let hasWorkingDay = (0..<horizon).contains { calendar.isWorkingDay(start.adding(days: $0)) }
        guard hasWorkingDay else {
            throw value.error("leaves no working day in the year after the start", fix: "remove holidays or add working days")
        }
    }

    /// Items of a list of mappings whose `id`s must be unique.
    private static func uniqueItems<T>(
        _ value: YAMLValue?, kind: String, allowed: [String], required: [String], lines: inout [String: Int],
        make: (YAMLFields) throws -> T
    ) throws -> [T] where T: Identifiable, T.ID == String {
        guard let value else { return [] }
        var items: [T] = []
        var seen: [String: Int] = [:]
        for item in try value.list() {
            let itemFields = try item.fields(allowed: allowed, required: required)
            let made = try make(itemFields)
            if let first = seen[made.id] {
                throw itemFields["id"]!.error("\(kind) id \"\(made.id)\" is used twice (first on line \(first))", fix: "give each \(kind) its own id")
            }
            seen[made.id] = item.line
            lines["\(value.path).\(made.id)"] = item.line
            items.append(made)
        }
        return items
    }
}

extension PainPoint: Identifiable {}
extension Goal: Identifiable {}
