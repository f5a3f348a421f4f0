import Foundation
import SwiftCSV
import Yams

/// Turns a CRM export (CSV, one row per account) into profile YAML files.
///
/// Each row becomes a profile that is checked by the same loader as hand-written profiles; a problem is reported
/// at the row's line and the column it came from. Nothing is returned unless every row is valid.
public enum ProfileImport {
    /// The columns a CSV may have; `account` and `start` are required.
    public static let columns = [
        "account", "start", "flow", "locale", "timezone", "contact_name", "contact_email", "contact_role", "csm_name",
        "csm_email", "persona_role", "experience", "team_size", "pain_points", "goals", "goal_dates", "goal_measures",
        "cadence", "checkin_time", "pace", "working_days", "holidays", "notes",
    ]

    /// Header spellings CRM exports use, beyond the column names themselves (compared after lowercasing and
    /// turning spaces and hyphens into `_`).
    static let headerAliases: [String: String] = [
        "account_name": "account", "company": "account", "company_name": "account", "customer": "account", "customer_name": "account",
        "start_date": "start", "kickoff": "start", "kickoff_date": "start", "onboarding_start": "start",
        "language": "locale", "time_zone": "timezone", "tz": "timezone",
        "contact": "contact_name", "contact_full_name": "contact_name", "champion": "contact_name", "champion_name": "contact_name",
        "champion_email": "contact_email", "contact_e_mail": "contact_email", "contact_title": "contact_role",
        "csm": "csm_name", "owner": "csm_name", "account_owner": "csm_name", "owner_email": "csm_email", "csm_e_mail": "csm_email",
        "role": "persona_role", "team": "team_size", "seats": "team_size", "check_in_time": "checkin_time",
    ]

    /// The column a header names, or nil when it names none.
    static func column(forHeader header: String) -> String? {
        let key = normalized(header)
        return columns.contains(key) ? key : headerAliases[key]
    }

    /// A header in lowercase with spaces and hyphens as `_`: `Start Date` → `start_date`.
    static func normalized(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// Columns whose values are one of a few words, written in any case in a CRM (`Weekly`, `Beginner`, `Mon`).
    static let wordColumns: Set<String> = ["experience", "cadence", "working_days"]

    /// One profile to write.
    public struct Profile: Sendable, Equatable {
        /// File name inside the target folder: a safe name from the whole account name.
        public var fileName: String
        /// The account's name.
        public var account: String
        /// The profile as YAML text.
        public var yaml: String
        /// The CSV line the row starts on.
        public var line: Int
    }

    /// What a CSV export holds: a profile for each good row, an error for each bad one, and a note for each header
    /// that is read as another column's name (`Account Name` → `account`).
    public struct Rows: Sendable {
        /// A profile for each good row.
        public var profiles: [Profile] = []
        /// Every problem, one per row or file.
        public var errors: [KickoffError] = []
        /// How each header that is another column's name was read.
        public var headerNotes: [String] = []
    }

    /// Every row of `data` checked; `flow` is used where a row has no `flow` of its own. Throws only when the file
    /// as a whole cannot be read (not UTF-8, not CSV, unknown or missing columns); bad rows are in `errors`.
    public static func rows(fromCSV data: Data, file: String, flow: String) throws -> Rows {
        guard var text = String(data: data, encoding: .utf8) else {
            throw KickoffError(file: file, problem: "is not valid UTF-8 text", fix: "export the CSV as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw KickoffError(file: file, problem: "is not valid CSV: \(error)", fix: "check the quotes: a quote inside a field is written twice (\"\")")
        }
        var result = Rows()
        var header: [String] = []
        for (index, name) in csv.header.enumerated() {
            guard let column = column(forHeader: name) else {
                let suggestion = closestMatch(to: name.trimmingCharacters(in: .whitespaces).lowercased(), in: columns).map { "did you mean \($0)? " } ?? ""
                throw KickoffError(file: file, line: 1, column: index + 1, field: name, problem: "unknown column",
                                   fix: suggestion + "known columns: \(columns.joined(separator: ", "))")
            }
            if let first = header.firstIndex(of: column) {
                throw KickoffError(file: file, line: 1, column: index + 1, field: name, problem: "is the \(column) column again (column \(first + 1) is too)",
                                   fix: "keep one column for \(column)")
            }
            if headerAliases[normalized(name)] != nil { result.headerNotes.append("column \(Excerpt.quoted(name)) → \(column)") }
            header.append(column)
        }
        for required in ["account", "start"] where !header.contains(required) {
            throw KickoffError(file: file, line: 1, field: required, problem: "column is missing", fix: "add a \(required) column")
        }
        let lines = recordLines(text)
        var names: [String: Int] = [:]
        for (index, row) in csv.rows.enumerated() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            let line = index + 1 < lines.count ? lines[index + 1] : index + 2
            do {
                let profile = try self.profile(row: row, header: header, line: line, file: file, flow: flow)
                if let first = names[profile.fileName] {
                    throw KickoffError(file: file, line: line, column: (header.firstIndex(of: "account") ?? 0) + 1, field: "account",
                                       problem: "\(Excerpt.quoted(profile.account)) would be written to \(profile.fileName), like the account on line \(first)",
                                       fix: "give each account its own name")
                }
                names[profile.fileName] = line
                result.profiles.append(profile)
            } catch let error as KickoffError {
                result.errors.append(error)
            }
        }
        return result
    }

    /// The profiles of every row, or the first row's error: for callers that want all or nothing.
    public static func profiles(fromCSV data: Data, file: String, flow: String) throws -> [Profile] {
        let rows = try rows(fromCSV: data, file: file, flow: flow)
        if let first = rows.errors.first { throw first }
        return rows.profiles
    }

    /// One row as a checked profile.
    static func profile(row: [String], header: [String], line: Int, file: String, flow: String) throws -> Profile {
        var cells: [String: String] = [:]
        for (column, name) in header.enumerated() where column < row.count {
            var value = row[column].trimmingCharacters(in: .whitespacesAndNewlines)
            if wordColumns.contains(name) { value = value.lowercased() }
            if name == "locale" { value = HandoutLocale.allCases.first { $0.rawValue.lowercased() == value.lowercased() }?.rawValue ?? value }
            if !value.isEmpty { cells[name] = value }
        }
        let locate = { (name: String) in KickoffError(file: file, line: line, column: (header.firstIndex(of: name) ?? 0) + 1, field: name, problem: "") }
        let yaml = try yamlText(cells: cells, defaultFlow: flow, source: "\(file) line \(line)", locate: locate)
        do {
            _ = try ProfileLoader.load(contents: Data(yaml.utf8), file: file)
        } catch let error as KickoffError {
            let column = error.field.flatMap(Self.column(forField:))
            // A required field says which column to fill, not which YAML key to add.
            let fix = error.problem == "is required" ? column.map { "fill in \($0) for this account" } ?? error.fix : error.fix
            throw KickoffError(file: file, line: line, column: column.flatMap { header.firstIndex(of: $0) }.map { $0 + 1 },
                               field: column ?? error.field, problem: error.problem, fix: fix)
        }
        let account = cells["account"] ?? ""
        return Profile(fileName: Slug.make(from: account) + ".yaml", account: account, yaml: yaml, line: line)
    }

    /// The CSV column a profile field comes from.
    static func column(forField field: String) -> String? {
        let map: [(String, String)] = [
            ("contact.name", "contact_name"), ("contact.email", "contact_email"), ("contact.role", "contact_role"),
            ("csm.name", "csm_name"), ("csm.email", "csm_email"), ("persona.role", "persona_role"),
            ("persona.experience", "experience"), ("persona.team_size", "team_size"),
            ("pain_points", "pain_points"), ("working_days", "working_days"), ("holidays", "holidays"),
        ]
        if let (_, column) = map.first(where: { field == $0.0 || field.hasPrefix($0.0 + "[") || field.hasPrefix($0.0 + ".") }) { return column }
        if field.hasPrefix("goals[") {
            if field.hasSuffix(".by") { return "goal_dates" }
            if field.hasSuffix(".measure") { return "goal_measures" }
            return "goals"
        }
        let top = String(field.prefix { $0 != "." && $0 != "[" })
        return columns.contains(top) ? top : nil
    }

    /// The line each CSV record starts on (record 0 is the header). Quoted fields may span lines.
    static func recordLines(_ text: String) -> [Int] {
        var starts = [1]
        var line = 1
        var quoted = false
        var previousWasNewline = false
        for character in text {
            if previousWasNewline { starts.append(line); previousWasNewline = false }
            if character == "\"" { quoted.toggle() }
            if character.isNewline {
                line += 1
                if !quoted { previousWasNewline = true }
            }
        }
        return starts
    }

    /// `id: text` pairs from a cell: one per line, or separated by `;` when the cell is one line.
    static func pairs(_ cell: String, column: String, locate: (String) -> KickoffError) throws -> [(String, String)] {
        let items = cell.contains(where: \.isNewline) ? cell.split(whereSeparator: \.isNewline) : cell.split(separator: ";")
        return try items.map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let colon = text.firstIndex(of: ":"), !text[..<colon].trimmingCharacters(in: .whitespaces).isEmpty else {
                var error = locate(column)
                error.problem = "\"\(text.prefix(60))\" is not an id: text pair"
                error.fix = "write each as id: text, separated by ; or one per line, like low-open-rates: Open rates are below 10%"
                throw error
            }
            return (text[..<colon].trimmingCharacters(in: .whitespaces), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// The profile as YAML, fields in the order the README lists them.
    static func yamlText(cells: [String: String], defaultFlow: String, source: String, locate: (String) -> KickoffError) throws -> String {
        var pairs: [(Node, Node)] = []
        func add(_ key: String, _ value: Node?) { if let value { pairs.append((Node(key), value)) } }
        func text(_ value: String?) -> Node? { value.map { Node($0, Tag(.str), .doubleQuoted) } }
        func plain(_ value: String?) -> Node? { value.map { Node($0) } }
        func mapping(_ fields: [(String, Node?)]) -> Node? {
            let present = fields.compactMap { key, value in value.map { (Node(key), $0) } }
            return present.isEmpty ? nil : Node(present)
        }
        func list(_ cell: String?) -> Node? {
            cell.map { Node($0.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { Node(String($0)) }, Tag(.seq), .flow) }
        }
        add("account", text(cells["account"]))
        add("flow", text(cells["flow"] ?? defaultFlow))
        add("start", plain(cells["start"]))
        add("locale", plain(cells["locale"]))
        add("timezone", plain(cells["timezone"]))
        add("contact", mapping([("name", text(cells["contact_name"])), ("email", text(cells["contact_email"])), ("role", text(cells["contact_role"]))]))
        add("csm", mapping([("name", text(cells["csm_name"])), ("email", text(cells["csm_email"]))]))
        add("persona", mapping([("role", text(cells["persona_role"])), ("experience", plain(cells["experience"])), ("team_size", plain(cells["team_size"]))]))
        if let cell = cells["pain_points"] {
            add("pain_points", Node(try Self.pairs(cell, column: "pain_points", locate: locate).map { id, text in
                Node([(Node("id"), Node(id, Tag(.str), .doubleQuoted)), (Node("text"), Node(text, Tag(.str), .doubleQuoted))])
            }))
        }
        if let cell = cells["goals"] {
            let dates = Dictionary(try cells["goal_dates"].map { try Self.pairs($0, column: "goal_dates", locate: locate) } ?? [], uniquingKeysWith: { a, _ in a })
            let measures = Dictionary(try cells["goal_measures"].map { try Self.pairs($0, column: "goal_measures", locate: locate) } ?? [], uniquingKeysWith: { a, _ in a })
            add("goals", Node(try Self.pairs(cell, column: "goals", locate: locate).map { id, goal in
                var fields: [(Node, Node)] = [(Node("id"), Node(id, Tag(.str), .doubleQuoted)), (Node("text"), Node(goal, Tag(.str), .doubleQuoted))]
                if let by = dates[id] { fields.append((Node("by"), Node(by))) }
                if let measure = measures[id] { fields.append((Node("measure"), Node(measure, Tag(.str), .doubleQuoted))) }
                return Node(fields)
            }))
        }
        add("cadence", plain(cells["cadence"]))
        add("checkin_time", text(cells["checkin_time"]))
        add("pace", plain(cells["pace"]))
        add("working_days", list(cells["working_days"]))
        add("holidays", list(cells["holidays"]))
        add("notes", cells["notes"].map { Node($0, Tag(.str), .literal) })
        let body = try Yams.serialize(node: Node(pairs), allowUnicode: true)
        return "# Imported from \(source) by kickoff import. Field reference: README.md, \"Account profile\".\n" + body
    }
}
