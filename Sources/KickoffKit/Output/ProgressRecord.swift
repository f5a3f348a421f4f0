import Foundation

/// `kickoff done`: records in a profile that the customer finished a step, by adding `step: day` under
/// `progress:`, or (undo) removing exactly that entry. Only those bytes change: comments, blank lines, key
/// order, quoting, a byte order mark and line endings (LF or CRLF) are kept. The place to edit is found from
/// the YAML's own marks, never by writing the YAML out again, and the result is read back and checked before
/// it replaces the file (atomically, and only if the file did not change in the meantime).
public enum ProgressRecord {
    /// What recording did.
    public enum Outcome: Equatable, Sendable {
        /// The entry was added, on this line.
        case recorded(line: Int)
        /// The step was already recorded done, on this day; nothing was written.
        case alreadyDone(Day)
        /// The entry was removed.
        case removed
        /// Undo of a step that was not recorded; nothing was written.
        case notRecorded
    }

    /// Records `step` done on `day` (default: today in the account's time zone) in the profile at `path`, or
    /// removes its entry when `undo`. `today` is the day it is now in the account's zone (for checking).
    public static func record(step: String, on day: Day?, undo: Bool, profileAt path: String, pipeline: Pipeline, now: Date = Date()) throws -> Outcome {
        let original = try FilePaths.readInput(path)
        let (profile, _) = try ProfileLoader.load(contents: original, file: path)
        let flow = try pipeline.loadFlow(for: profile)
        let recorded = profile.progress.first { $0.step == step }
        let stepError = { (problem: String, fix: String) in KickoffError(file: path, field: "progress", problem: problem, fix: fix) }

        if undo {
            guard let recorded else { return .notRecorded }
            let edited = try Self.removing(step, from: original, file: path)
            try check(edited, file: path, against: profile) { $0.filter { $0.step != recorded.step } }
            try replace(path, original: original, with: edited)
            return .removed
        }

        guard let position = flow.stepPositions[step] else {
            let suggestion = closestMatch(to: step, in: flow.steps.map(\.id)).map { "did you mean \($0)? " } ?? ""
            throw stepError("\(flow.product) has no step \(Excerpt.quoted(step))", suggestion + "name a step id of \(flow.file)")
        }
        let today = AsOf.today(now).day(in: profile.timezone)!
        let day = day ?? today
        if let recorded { return .alreadyDone(recorded.day) }
        guard today >= profile.start else {
            throw stepError("the account starts on \(profile.start.iso), after today (\(today.iso) in \(profile.timezone))",
                            "record progress from the start on")
        }
        guard day >= profile.start else {
            throw stepError("\(day.iso) is before the start (\(profile.start.iso))", "use a day from \(profile.start.iso) to \(today.iso)")
        }
        guard day <= today else {
            throw stepError("\(day.iso) is after today (\(today.iso) in \(profile.timezone))", "record the day the step was done, at the latest today")
        }
        // The plan must still build with the new entry: a step no goal or pain point of this account needs is refused.
        var withStep = profile
        withStep.progress.append(Progress(step: step, day: day))
        if Selection.reasons(flow: flow, profile: withStep)[position].allSatisfy({ $0.kind == .done }) {
            throw stepError("\(Excerpt.quoted(step)) is not in this account's plan: no required step, pain point or goal of this persona needs it",
                            "record a step of the plan; `kickoff explain` lists them")
        }
        let (edited, line) = try Self.adding(step, day, to: original, file: path)
        try check(edited, file: path, against: profile) { $0 + [Progress(step: step, day: day)] }
        try replace(path, original: original, with: edited)
        return .recorded(line: line)
    }

    // MARK: Editing the text

    /// The file's text split into its byte order mark, its body, and its line ending.
    struct Text {
        var bom: String
        var lines: [String]
        var newline: String
        var endsWithNewline: Bool

        init(_ data: Data) {
            var text = String(decoding: data, as: UTF8.self)
            bom = text.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
            if !bom.isEmpty { text.removeFirst() }
            newline = text.contains("\r\n") ? "\r\n" : "\n"
            endsWithNewline = text.hasSuffix("\n")
            var body = text.components(separatedBy: newline)
            if endsWithNewline { body.removeLast() }
            lines = body
        }

        var data: Data { Data((bom + lines.joined(separator: newline) + (endsWithNewline ? newline : "")).utf8) }

        /// Whether a node starts with `{` (a flow mapping).
        func opensFlowMapping(at mark: YAMLMark) -> Bool {
            guard mark.line >= 1, mark.line <= lines.count else { return false }
            let line = lines[mark.line - 1]
            guard let index = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex), index < line.endIndex else { return false }
            return line[index] == "{"
        }
    }

    /// The root mapping and its `progress` key and value, with their marks.
    static func progressNodes(in data: Data, file: String) throws -> (key: YAMLNode, value: YAMLNode)? {
        let root = try YAMLDocument.load(contents: data, file: file)
        guard case .mapping(let mapping, _) = root.node else { return nil }
        for (key, value) in mapping where key.string == "progress" { return (key, value) }
        return nil
    }

    static func adding(_ step: String, _ day: Day, to data: Data, file: String) throws -> (Data, Int) {
        var text = Text(data)
        let entry = "\(step): \(day.iso)"
        let cannot = { KickoffError(file: file, field: "progress", problem: "is written in a way `kickoff done` does not edit", fix: "add \(entry) under progress: by hand") }
        guard let (key, value) = try progressNodes(in: data, file: file) else {
            // No progress yet: a new mapping at the end of the file.
            if !text.endsWithNewline, !(text.lines.last ?? "").isEmpty { text.endsWithNewline = true }
            if text.lines.last == "" { text.lines.removeLast() }
            text.lines += ["progress:", "  " + entry]
            text.endsWithNewline = true
            return (text.data, text.lines.count)
        }
        let keyLine = key.mark.line
        switch value {
        case .mapping where text.opensFlowMapping(at: value.mark):
            // `progress: {a: 2026-12-01}` on one line: the entry goes before the closing brace.
            let mark = value.mark
            guard mark.line <= text.lines.count else { throw cannot() }
            var line = text.lines[mark.line - 1]
            guard let open = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex), line[open] == "{",
                  let close = line[open...].firstIndex(of: "}") else { throw cannot() }
            let inside = line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            line.replaceSubrange(close..<line.index(after: close), with: (inside.isEmpty ? "" : ", ") + entry + "}")
            if inside.isEmpty { line.replaceSubrange(open..<line.index(after: open), with: "{") }
            text.lines[mark.line - 1] = line
            return (text.data, mark.line)
        case .mapping(let pairs, _):
            // A block mapping: a new line after the last entry, indented like the entries.
            guard let last = pairs.last, case let (lastLine, column) = (last.key.mark.line, last.key.mark.column),
                  lastLine <= text.lines.count, last.value.mark.line == lastLine else { throw cannot() }
            text.lines.insert(String(repeating: " ", count: column - 1) + entry, at: lastLine)
            return (text.data, lastLine + 1)
        case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null":
            // `progress:` with nothing (or ~): the entry goes on the next line; a written ~ or null goes.
            var line = text.lines[keyLine - 1]
            if !scalar.string.isEmpty, let range = line.range(of: scalar.string, options: .backwards) {
                line.removeSubrange(range)
                while line.hasSuffix(" ") { line.removeLast() }
                text.lines[keyLine - 1] = line
            }
            text.lines.insert("  " + entry, at: keyLine)
            return (text.data, keyLine + 1)
        default:
            throw cannot()
        }
    }

    static func removing(_ step: String, from data: Data, file: String) throws -> Data {
        var text = Text(data)
        let cannot = { KickoffError(file: file, field: "progress.\(step)", problem: "is written in a way `kickoff done --undo` does not edit", fix: "remove it by hand") }
        guard let (_, value) = try progressNodes(in: data, file: file), case .mapping(let mapping, _) = value,
              let pair = mapping.first(where: { $0.key.string == step }),
              case let line = pair.key.mark.line, line <= text.lines.count else { throw cannot() }
        if text.opensFlowMapping(at: value.mark) {
            // One `step: day` pair inside the braces, with the comma that joined it to a neighbour.
            let content = text.lines[line - 1]
            guard let open = content.firstIndex(of: "{"), let close = content[open...].firstIndex(of: "}") else { throw cannot() }
            let inside = content[content.index(after: open)..<close]
            var items = inside.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let index = items.firstIndex(where: { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) == step }) else { throw cannot() }
            if items.count == 1 {
                items = [""]
            } else if index == items.count - 1 {
                // The last pair: the comma before it goes, and the spacing before the brace stays.
                let trailing = String(items[index].reversed().prefix { $0 == " " })
                items.remove(at: index)
                items[items.count - 1] += trailing
            } else {
                // Another pair: it goes with the comma after it; the next pair keeps the spacing this one had.
                let leading = String(items[index].prefix { $0 == " " })
                items.remove(at: index)
                items[index] = leading + items[index].drop { $0 == " " }
            }
            text.lines[line - 1] = String(content[...open]) + items.joined(separator: ",") + String(content[close...])
        } else {
            guard pair.value.mark.line == line else { throw cannot() }
            text.lines.remove(at: line - 1)
        }
        return text.data
    }

    // MARK: Checking and writing

    /// The edited text must read as the same profile with only its progress changed as intended.
    static func check(_ edited: Data, file: String, against profile: AccountProfile, expected: ([Progress]) -> [Progress]) throws {
        let reread: AccountProfile
        do {
            reread = try ProfileLoader.load(contents: edited, file: file).0
        } catch {
            throw KickoffError(file: file, field: "progress", problem: "could not be edited safely (the result would not read back)", fix: "edit it by hand")
        }
        var expectedProfile = profile
        expectedProfile.progress = expected(profile.progress)
        guard Set(reread.progress) == Set(expectedProfile.progress), reread.account == profile.account, reread.start == profile.start,
              reread.goals == profile.goals, reread.painPoints == profile.painPoints, reread.notes == profile.notes,
              reread.flow == profile.flow, reread.persona == profile.persona, reread.contact == profile.contact else {
            throw KickoffError(file: file, field: "progress", problem: "could not be edited safely (the result would read differently)", fix: "edit it by hand")
        }
    }

    /// Replaces the file (the real file when `path` is a link) in one rename, keeping its permissions; refuses
    /// when the file changed on disk since it was read.
    static func replace(_ path: String, original: Data, with edited: Data) throws {
        let target = FilePaths.canonical(path)
        var info = stat()
        let mode = stat(target, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        let temporary = target + ".kickoff-\(getpid())"
        do {
            try OutputFolder.writeFile(edited, to: temporary)
            chmod(temporary, mode)
            guard FileManager.default.contents(atPath: target) == original else {
                unlink(temporary)
                throw KickoffError(file: path, problem: "changed on disk while Kickoff was editing it", fix: "run the command again")
            }
            guard rename(temporary, target) == 0 else { throw OutputFolder.systemError(path, "could not be replaced") }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
