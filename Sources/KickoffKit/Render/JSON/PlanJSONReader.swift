import Foundation

/// Reads `plan.json` back without Foundation's decoder (a book of 10,000 plans is read in a fraction of the
/// time): a small JSON parser over the bytes into `JSONValue`, then the plan's fields by name. Anything that is
/// not a plan Kickoff wrote gives nil, and callers fall back to `PlanJSON.decode`, which says why.
enum PlanJSONReader {
    static func plan(from data: Data) -> Plan? {
        var parser = JSONParser(data)
        guard let root = parser.parse(), case .object(let top) = root else { return nil }
        return Plan(json: top)
    }
}

/// A parsed JSON value.
enum JSONValue {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Int)
    case bool(Bool)
    case null

    var string: String? { if case .string(let value) = self { return value } else { return nil } }
    var int: Int? { if case .number(let value) = self { return value } else { return nil } }
    var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    var array: [JSONValue]? { if case .array(let value) = self { return value } else { return nil } }
    var object: [String: JSONValue]? { if case .object(let value) = self { return value } else { return nil } }
    var day: Day? { string.flatMap(Day.init(iso:)) }
    var strings: [String]? { array?.compactMap(\.string) }
}

/// JSON over UTF-8 bytes: objects, arrays, strings with escapes, integers, booleans and null (what plan.json
/// holds). Returns nil on anything else.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func parse() -> JSONValue? {
        let value = parseValue()
        skipSpace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func parseValue() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                guard let key = parseString() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = parseValue() else { return nil }
                object[key] = value
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
                return nil
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
            while true {
                guard let value = parseValue() else { return nil }
                array.append(value)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
                return nil
            }
        case UInt8(ascii: "\""):
            return parseString().map(JSONValue.string)
        case UInt8(ascii: "t"):
            return literal("true", .bool(true))
        case UInt8(ascii: "f"):
            return literal("false", .bool(false))
        case UInt8(ascii: "n"):
            return literal("null", .null)
        default:
            var negative = false
            if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            var value = 0, digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), digits < 18 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            guard digits > 0, index >= bytes.count || !(0x30...0x39).contains(bytes[index]) && bytes[index] != UInt8(ascii: ".") else { return nil }
            return .number(negative ? -value : value)
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else { return nil }
        index += expected.count
        return value
    }

    private mutating func parseString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        // Most strings have no escapes: one slice of the bytes.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        var pending = [UInt8](bytes[start..<index])
        func flush() {
            scalars.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars)
            pending.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; flush(); return String(scalars) }
            if byte != UInt8(ascii: "\\") { pending.append(byte); index += 1; continue }
            flush()
            index += 1
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(unit) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                    index += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    guard let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                    scalars.append(scalar)
                } else {
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    scalars.append(scalar)
                }
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
        index += 4
        return value
    }
}

extension Plan {
    /// The plan in a parsed `plan.json`, or nil when a field is missing or of the wrong kind.
    init?(json top: [String: JSONValue]) {
        guard top["schema"]?.string == Plan.currentSchema,
              let account = top["account"]?.string, let product = top["product"]?.string,
              let locale = top["locale"]?.string.flatMap(HandoutLocale.init(rawValue:)), let timezone = top["timezone"]?.string,
              let start = top["start"]?.day, let end = top["end"]?.day, let pace = top["pace"]?.int,
              let cadence = top["cadence"]?.string.flatMap(Cadence.init(rawValue:)),
              let workingDays = top["workingDays"]?.array?.compactMap({ $0.string.flatMap(Weekday.init(rawValue:)) }),
              let holidays = top["holidays"]?.array?.compactMap(\.day),
              let stepValues = top["steps"]?.array, let milestoneValues = top["milestones"]?.array,
              let checkInValues = top["checkIns"]?.array, let goalValues = top["goals"]?.array,
              let painValues = top["painPoints"]?.array, let warnings = top["warnings"]?.strings else { return nil }
        var steps: [PlannedStep] = []
        for value in stepValues {
            guard let step = value.object, let id = step["id"]?.string, let title = step["title"]?.string, let phase = step["phase"]?.string,
                  let owner = step["owner"]?.string.flatMap(Owner.init(rawValue:)), let stepStart = step["start"]?.day,
                  let stepEnd = step["end"]?.day, let done = step["done"]?.bool, let scheduled = step["scheduled"]?.object,
                  let earliest = scheduled["earliest"]?.day, let wait = scheduled["wait"]?.int, let paceLimited = scheduled["paceLimited"]?.bool,
                  let skipped = scheduled["skipped"]?.array?.compactMap(\.day) else { return nil }
            let reasons = (step["reasons"]?.array ?? []).compactMap { reason -> SelectionReason? in
                guard let kind = reason.object?["kind"]?.string.flatMap(SelectionReason.Kind.init(rawValue:)) else { return nil }
                return SelectionReason(kind: kind, id: reason.object?["id"]?.string)
            }
            steps.append(PlannedStep(id: id, title: title, phase: phase, owner: owner, effortMinutes: step["effortMinutes"]?.int,
                                     start: stepStart, end: stepEnd, done: done, reasons: reasons,
                                     scheduled: ScheduleReason(earliest: earliest, prerequisite: scheduled["prerequisite"]?.string, wait: wait,
                                                               paceLimited: paceLimited, skipped: skipped),
                                     rescheduledFrom: step["rescheduledFrom"]?.day, baseline: step["baseline"]?.day))
        }
        var milestones: [Milestone] = []
        for value in milestoneValues {
            guard let item = value.object, let kind = item["kind"]?.string.flatMap(Milestone.Kind.init(rawValue:)), let id = item["id"]?.string,
                  let title = item["title"]?.string, let day = item["day"]?.day, let reached = item["reached"]?.bool else { return nil }
            milestones.append(Milestone(kind: kind, id: id, title: title, day: day, reached: reached))
        }
        var checkIns: [CheckIn] = []
        for value in checkInValues {
            guard let item = value.object, let kind = item["kind"]?.string.flatMap(CheckIn.Kind.init(rawValue:)),
                  let number = item["number"]?.int, let day = item["day"]?.day else { return nil }
            checkIns.append(CheckIn(kind: kind, number: number, day: day))
        }
        var goals: [GoalStatus] = []
        for value in goalValues {
            guard let item = value.object, let id = item["id"]?.string, let text = item["text"]?.string, let steps = item["steps"]?.strings,
                  let status = item["status"]?.string.flatMap(GoalStatus.Status.init(rawValue:)), let late = item["workingDaysLate"]?.int else { return nil }
            goals.append(GoalStatus(id: id, text: text, measure: item["measure"]?.string, by: item["by"]?.day, milestone: item["milestone"]?.day,
                                    steps: steps, status: status, workingDaysLate: late))
        }
        var painPoints: [PainPointStatus] = []
        for value in painValues {
            guard let item = value.object, let id = item["id"]?.string, let text = item["text"]?.string, let steps = item["steps"]?.strings else { return nil }
            painPoints.append(PainPointStatus(id: id, text: text, steps: steps))
        }
        self.init(account: account, profile: top["profile"]?.string, product: product, locale: locale, timezone: timezone,
                  checkInTime: top["checkInTime"]?.string, start: start, asOf: top["asOf"]?.day, end: end, pace: pace, cadence: cadence,
                  workingDays: workingDays, holidays: holidays, steps: steps, milestones: milestones, checkIns: checkIns, goals: goals,
                  painPoints: painPoints, warnings: warnings)
        changesSince = top["changesSince"]?.day
        if let summary = top["summary"]?.object, let digest = summary["profileDigest"]?.string {
            self.summary = BookFacts(profileDigest: digest, contact: summary["contact"]?.string)
        }
        fingerprint = top["fingerprint"]?.string
        if let changeValues = top["changes"]?.array {
            var changes: [PlanChange] = []
            for value in changeValues {
                guard let item = value.object, let kind = item["kind"]?.string.flatMap(PlanChange.Kind.init(rawValue:)), let id = item["id"]?.string,
                      let title = item["title"]?.string else { return nil }
                changes.append(PlanChange(kind: kind, id: id, title: title, from: item["from"]?.day, to: item["to"]?.day,
                                          workingDays: item["workingDays"]?.int, reason: item["reason"]?.string.flatMap(PlanChange.Reason.init(rawValue:)),
                                          about: item["about"]?.string))
            }
            self.changes = changes
        }
    }
}

extension BookRow {
    /// The row a `plan.json` records as its `summary`.
    init?(summary: [String: JSONValue], account: String) {
        guard let done = summary["done"]?.int, let total = summary["total"]?.int, let goals = summary["goals"]?.int,
              let missed = summary["goalsMissed"]?.int, let atRisk = summary["goalsAtRisk"]?.int, let reached = summary["goalsReached"]?.int,
              let slipped = summary["slipped"]?.int, let worstSlip = summary["worstSlip"]?.int, let weekValues = summary["weeks"]?.array else { return nil }
        self.account = account
        self.done = done
        self.total = total
        self.goals = goals
        goalsMissed = missed
        goalsAtRisk = atRisk
        goalsReached = reached
        self.slipped = slipped
        self.worstSlip = worstSlip
        daysToFirstValue = summary["firstValueDays"]?.int
        if let next = summary["next"]?.object {
            guard let number = next["number"]?.int, let title = next["title"]?.string, let day = next["day"]?.day else { return nil }
            self.next = Next(number: number, title: title, day: day)
        }
        var weeks: [Int: WeekCount] = [:]
        for value in weekValues {
            guard let week = value.object, let day = week["week"]?.day, let planned = week["planned"]?.int, let done = week["done"]?.int else { return nil }
            weeks[day.ordinal] = WeekCount(planned: planned, done: done)
        }
        self.weeks = weeks
        for value in summary["risks"]?.array ?? [] {
            guard let risk = value.object, let text = risk["text"]?.string, let state = risk["state"]?.string else { return nil }
            risks.append((text, state))
        }
    }
}
