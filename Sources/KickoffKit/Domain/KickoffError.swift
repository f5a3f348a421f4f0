import Foundation

/// Every failure a user can cause: where it is (file, line, field), what was found, and what would be right.
///
/// Printed as `plans/acme.yaml:14: goals[0].by: "2026-13-40" is not a date; use YYYY-MM-DD or a span like 3w`.
public struct KickoffError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file the problem is in, as the user named it.
    public var file: String
    /// 1-based line of the problem, when known.
    public var line: Int?
    /// 1-based column, for files where a line holds many fields (CSV).
    public var column: Int?
    /// Field path inside the file, such as `goals[0].by`, when the problem is one field's.
    public var field: String?
    /// What is wrong, in plain words.
    public var problem: String
    /// What would be right, when there is something to suggest.
    public var fix: String?

    /// An error at a place in a file.
    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, problem: String, fix: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    /// `file:line: field: problem; fix`, with invisible characters escaped.
    public var description: String {
        Self.message(file: file, line: line, column: column, kind: nil, field: field, text: problem + (fix.map { "; \($0)" } ?? ""))
    }

    /// `file:line:column: kind: field: text` — how every error and warning reads — with the field path cut to
    /// 60 characters (a key can never carry a whole line of a file) and invisible characters escaped.
    static func message(file: String, line: Int?, column: Int?, kind: String?, field: String?, text: String) -> String {
        var message = file
        if let line { message += ":\(line)" }
        if let column, line != nil { message += ":\(column)" }
        message += ": "
        if let kind { message += "\(kind): " }
        if let field, !field.isEmpty { message += (field.count > 60 ? String(field.prefix(60)) + "…" : field) + ": " }
        return Excerpt.escapingInvisibles(message + text)
    }

    /// The same as `description`.
    public var errorDescription: String? { description }
}

/// A problem worth telling the CSM about that does not stop the build.
public struct Warning: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The file the warning is about.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Field path, when the warning is one field's.
    public var field: String?
    /// The warning in plain words.
    public var message: String

    /// A warning at a place in a file.
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: warning: field: message`, with invisible characters escaped.
    public var description: String {
        KickoffError.message(file: file, line: line, column: nil, kind: "warning", field: field, text: message)
    }
}
