import Foundation

/// Writes `plan.json`: the built plan in the `kickoff-plan/1` schema (`docs/plan.schema.json`), keys sorted,
/// pretty-printed, written directly (a generic encoder cost a tenth of a plan). `decode` reads it back.
public enum PlanJSON {
    /// `plan.json` as the file holds it.
    static func encoded(_ plan: Plan) -> Data {
        var json = JSONText()
        json.object {
            $0.string("account", plan.account)
            $0.optional("asOf", plan.asOf?.iso)
            $0.string("cadence", plan.cadence.rawValue)
            if let changes = plan.changes {
                $0.array("changes", changes) { json, change in
                    json.object {
                        $0.optional("about", change.about)
                        $0.optional("from", change.from?.iso)
                        $0.string("id", change.id)
                        $0.string("kind", change.kind.rawValue)
                        $0.optional("reason", change.reason?.rawValue)
                        $0.string("title", change.title)
                        $0.optional("to", change.to?.iso)
                        if let days = change.workingDays { $0.int("workingDays", days) }
                    }
                }
            }
            $0.optional("changesSince", plan.changesSince?.iso)
            $0.optional("checkInTime", plan.checkInTime)
            $0.array("checkIns", plan.checkIns) { json, checkIn in
                json.object {
                    $0.string("day", checkIn.day.iso)
                    $0.string("kind", checkIn.kind.rawValue)
                    $0.int("number", checkIn.number)
                }
            }
            $0.string("end", plan.end.iso)
            $0.optional("fingerprint", plan.fingerprint)
            $0.array("goals", plan.goals) { json, goal in
                json.object {
                    $0.optional("by", goal.by?.iso)
                    $0.string("id", goal.id)
                    $0.optional("measure", goal.measure)
                    $0.optional("milestone", goal.milestone?.iso)
                    $0.string("status", goal.status.rawValue)
                    $0.strings("steps", goal.steps)
                    $0.string("text", goal.text)
                    $0.int("workingDaysLate", goal.workingDaysLate)
                }
            }
            $0.strings("holidays", plan.holidays.map(\.iso))
            $0.string("locale", plan.locale.rawValue)
            $0.array("milestones", plan.milestones) { json, milestone in
                json.object {
                    $0.string("day", milestone.day.iso)
                    $0.string("id", milestone.id)
                    $0.string("kind", milestone.kind.rawValue)
                    $0.bool("reached", milestone.reached)
                    $0.string("title", milestone.title)
                }
            }
            $0.int("pace", plan.pace)
            $0.array("painPoints", plan.painPoints) { json, pain in
                json.object {
                    $0.string("id", pain.id)
                    $0.strings("steps", pain.steps)
                    $0.string("text", pain.text)
                }
            }
            $0.string("product", plan.product)
            $0.optional("profile", plan.profile)
            $0.string("schema", plan.schema)
            $0.string("start", plan.start.iso)
            $0.array("steps", plan.steps) { json, step in
                json.object {
                    $0.bool("done", step.done)
                    if let minutes = step.effortMinutes { $0.int("effortMinutes", minutes) }
                    $0.string("end", step.end.iso)
                    $0.string("id", step.id)
                    $0.string("owner", step.owner.rawValue)
                    $0.string("phase", step.phase)
                    $0.array("reasons", step.reasons) { json, reason in
                        json.object {
                            $0.optional("id", reason.id)
                            $0.string("kind", reason.kind.rawValue)
                        }
                    }
                    $0.optional("rescheduledFrom", step.rescheduledFrom?.iso)
                    $0.optional("baseline", step.baseline?.iso)
                    $0.key("scheduled")
                    $0.json.object {
                        $0.string("earliest", step.scheduled.earliest.iso)
                        $0.bool("paceLimited", step.scheduled.paceLimited)
                        $0.optional("prerequisite", step.scheduled.prerequisite)
                        $0.strings("skipped", step.scheduled.skipped.map(\.iso))
                        $0.int("wait", step.scheduled.wait)
                    }
                    $0.string("start", step.start.iso)
                    $0.string("title", step.title)
                }
            }
            let row = BookRow(plan: plan)
            $0.key("summary")
            $0.json.object {
                $0.optional("contact", plan.summary?.contact)
                $0.int("done", row.done)
                if let days = row.daysToFirstValue { $0.int("firstValueDays", days) }
                $0.int("goals", row.goals)
                $0.int("goalsAtRisk", row.goalsAtRisk)
                $0.int("goalsMissed", row.goalsMissed)
                $0.int("goalsReached", row.goalsReached)
                if let next = row.next {
                    $0.key("next")
                    $0.json.object {
                        $0.string("day", next.day.iso)
                        $0.int("number", next.number)
                        $0.string("title", next.title)
                    }
                }
                $0.optional("profileDigest", plan.summary?.profileDigest)
                $0.array("risks", row.risks) { json, risk in
                    json.object {
                        $0.string("state", risk.state)
                        $0.string("text", risk.text)
                    }
                }
                $0.int("slipped", row.slipped)
                $0.int("total", row.total)
                $0.array("weeks", row.weeks.keys.sorted()) { json, week in
                    json.object {
                        $0.int("done", row.weeks[week]!.done)
                        $0.int("planned", row.weeks[week]!.planned)
                        $0.string("week", Day(ordinal: week).iso)
                    }
                }
                $0.int("worstSlip", row.worstSlip)
            }
            $0.string("timezone", plan.timezone)
            $0.strings("warnings", plan.warnings)
            $0.strings("workingDays", plan.workingDays.map(\.rawValue))
        }
        json.buffer.append("\n")
        return json.buffer.data
    }

    /// The `plan.json` in an account's output folder, when there is one to read.
    static func data(inFolder folder: String) -> Data? {
        try? FilePaths.readInput(folder + "/plan.json", limit: InputLimits.planBytes)
    }

    /// Reads a plan written by `render` (quickly; through Foundation's decoder when that fails, for its reason).
    public static func decode(_ data: Data) throws -> Plan {
        if let plan = PlanJSONReader.plan(from: data) { return plan }
        return try JSONDecoder().decode(Plan.self, from: data)
    }

    /// What a batch reports of an account it did not build again, read from the lines `render` writes.
    struct Summary: Equatable {
        var start: Day
        var end: Day
        var steps: Int
        var goalsAtRisk: Int
    }

    static func summary(in data: Data) -> Summary? {
        let startPrefix = Array("  \"start\" : \"".utf8), endPrefix = Array("  \"end\" : \"".utf8)
        let stepLine = Array("      \"scheduled\" : {".utf8), atRiskLine = Array("      \"status\" : \"at-risk\",".utf8)
        var start: Day?, end: Day?, steps = 0, atRisk = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // Line by line over the bytes: a String of the whole file would cost more than the rest of the check.
            bytes.forEachLine { line in
                func day(after prefix: [UInt8]) -> Day? {
                    guard line.count >= prefix.count + 10, line.hasPrefix(prefix) else { return nil }
                    return Day(iso: line.text(from: prefix.count, count: 10))
                }
                if line.equals(stepLine) { steps += 1 }
                else if line.equals(atRiskLine) { atRisk += 1 }
                else if line.count > 2, line[2] == UInt8(ascii: "\"") {
                    if let day = day(after: startPrefix) { start = day }
                    if let day = day(after: endPrefix) { end = day }
                }
                return true
            }
        }
        guard let start, let end else { return nil }
        return Summary(start: start, end: end, steps: steps, goalsAtRisk: atRisk)
    }

    /// The dashboard's row recorded in a `plan.json` (its `summary`), read without reading the rest.
    static func bookRow(in data: Data) -> BookRow? {
        guard let start = data.find("\n  \"summary\" : {"), let end = data.find("\n  }", from: start.upperBound),
              let account = accountName(in: data) else { return nil }
        var parser = JSONParser(Data([UInt8(ascii: "{")]) + data[start.upperBound..<end.upperBound])
        guard case .object(let summary)? = parser.parse() else { return nil }
        return BookRow(summary: summary, account: account)
    }

    /// The `account` of a `plan.json`, from its own line.
    static func accountName(in data: Data) -> String? {
        guard let start = data.find("\n  \"account\" : "), let end = data[start.upperBound...].firstIndex(of: 0x0A) else { return nil }
        var value = Data(data[start.upperBound..<end])
        if value.last == UInt8(ascii: ",") { value.removeLast() }
        var parser = JSONParser(value)
        return parser.parse()?.string
    }

    /// A file of an output folder with the lines that digest its inputs (the fingerprint, and the profile's
    /// digest in the summary) left out of `plan.json` (and `plan.previous.json`): what the handout shows.
    static func withoutInputDigests(_ name: String, _ data: Data) -> Data {
        guard name.hasSuffix(".json") else { return data }
        var copy = data
        for marker in ["\n  \"fingerprint\" : \"", "\n    \"profileDigest\" : \""] {
            guard let start = copy.find(marker), let lineEnd = copy[start.upperBound...].firstIndex(of: 0x0A) else { continue }
            copy.removeSubrange(start.lowerBound..<lineEnd)
        }
        return copy
    }

    /// The fingerprint a `plan.json` records, read without decoding the rest (for deciding to skip a build).
    static func fingerprint(in data: Data) -> String? {
        guard let start = data.find("\n  \"fingerprint\" : \"")?.upperBound,
              let end = data[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: data[start..<end], as: UTF8.self)
    }
}

/// Pretty-printed JSON in the layout of Foundation's encoder (two-space indent, `"key" : value`), written
/// directly. Keys are written in the order given: callers give them sorted.
struct JSONText {
    /// The JSON so far.
    fileprivate(set) var buffer = TextBuffer()
    private var depth = 0

    init() { buffer = TextBuffer(capacity: 16 * 1024) }

    /// The JSON written.
    var text: String { buffer.text }

    /// An object whose fields `body` writes.
    mutating func object(_ body: (inout Fields) -> Void) {
        buffer.append("{")
        depth += 1
        // The text moves into the fields and back (swapped, never copied): with two owners, every append
        // would copy all of it.
        var fields = Fields(json: JSONText(depth: 0))
        swap(&self, &fields.json)
        body(&fields)
        swap(&self, &fields.json)
        depth -= 1
        closeContainer(empty: fields.count == 0, with: "}")
    }

    private init(depth: Int) { self.depth = depth }

    /// An array of `items`, each written by `element`.
    @inline(__always) mutating func array<Item>(_ items: [Item], _ element: (inout JSONText, Item) -> Void) {
        buffer.append("[")
        depth += 1
        for index in items.indices {
            buffer.append(index == 0 ? "\n" : ",\n")
            indent()
            element(&self, items[index])
        }
        depth -= 1
        closeContainer(empty: items.isEmpty, with: "]")
    }

    private mutating func closeContainer(empty: Bool, with bracket: String) {
        buffer.append(empty ? "\n\n" : "\n")
        indent()
        buffer.append(bracket)
    }

    mutating func indent() {
        buffer.append(repeating: 0x20, count: 2 * depth)
    }

    /// A JSON string: quotes, backslashes and control characters escaped; `/` and all other text as is.
    mutating func string(_ value: String) {
        buffer.append(literal: "\"")
        Escaped(value).append(to: &buffer)
        buffer.append(literal: "\"")
    }

    /// Text inside a JSON string, escaped as it is written: every character JSON escapes is ASCII, so the text is
    /// copied byte by byte with each of them replaced.
    struct Escaped: EscapedText {
        /// Control characters, `"` and `\`.
        static let special = ByteSet { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        let text: String

        init(_ text: String) { self.text = text }

        static let replacements = ByteReplacements([
            0x22: "\\\"", 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f",
        ])

        /// Other control characters as `\u00XX`.
        static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into buffer: inout TextBuffer) -> Int {
            if let replacement = replacements[bytes[index]] {
                buffer.append(literal: replacement)
            } else {
                buffer.write("\\u00", Digits.hex(UInt64(bytes[index]), width: 2))
            }
            return index + 1
        }
    }

    /// The fields of one object.
    struct Fields {
        var json: JSONText
        fileprivate(set) var count = 0

        /// Starts the field `name` (a name written in the program).
        mutating func key(_ name: StaticString) {
            json.buffer.append(literal: count == 0 ? "\n" : ",\n")
            count += 1
            json.indent()
            json.buffer.append(literal: "\"")
            json.buffer.append(literal: name)
            json.buffer.append(literal: "\" : ")
        }

        mutating func string(_ name: StaticString, _ value: String) {
            key(name)
            json.string(value)
        }

        /// A field left out when the value is nil, as an encoder leaves out an absent optional.
        mutating func optional(_ name: StaticString, _ value: String?) {
            if let value { string(name, value) }
        }

        mutating func int(_ name: StaticString, _ value: Int) {
            key(name)
            json.buffer.append(value)
        }

        mutating func bool(_ name: StaticString, _ value: Bool) {
            key(name)
            json.buffer.append(value ? "true" : "false")
        }

        mutating func strings(_ name: StaticString, _ values: [String]) {
            key(name)
            json.array(values) { json, value in json.string(value) }
        }

        @inline(__always) mutating func array<Item>(_ name: StaticString, _ items: [Item], _ element: (inout JSONText, Item) -> Void) {
            key(name)
            json.array(items, element)
        }
    }
}

extension Data {
    /// Where `text` (as UTF-8) first occurs at or after `offset`: a book reads a line of every plan.json.
    func find(_ text: String, from offset: Int? = nil) -> Range<Int>? {
        withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Range<Int>? in
            bytes.withMemoryRebound(to: UInt8.self) { $0.range(of: text, from: (offset ?? startIndex) - startIndex) }
        }.map { startIndex + $0.lowerBound..<startIndex + $0.upperBound }
    }
}
