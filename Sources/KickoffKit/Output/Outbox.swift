import Foundation

/// The folder of messages `kickoff mail` writes and `kickoff send` sends:
///
///     outbox/
///       2026-12-01-acme-outdoor-welcome.eml   drafts not sent yet (open one to edit it: it carries X-Unsent: 1)
///       sent.jsonl                            the ledger: one JSON line per attempt, append-only, fsynced
///       sent/<file>.eml                       messages once sent
///       accounts/<account>/plan.json          the plan the customer holds (from the last welcome or changed mail sent)
///       accounts/<account>/invitations        the check-in invitations the customer holds (UID, sequence, times)
///       .pending/<file>/                      what a draft gives the customer once it is sent (moved to accounts/)
///
/// The ledger decides: a Message-ID with a `sent` line is never sent again, and one whose last line is `sending`
/// (a run stopped while the mail command ran) is held until the CSM says whether it went out.
public struct Outbox: Sendable {
    /// The folder.
    public let folder: String

    /// The outbox at `folder` (created when a message is first written).
    public init(folder: String) { self.folder = folder }

    /// The ledger file.
    public var ledgerPath: String { FilePaths.join(folder, "sent.jsonl") }

    // MARK: Drafts

    /// A message file in the outbox, with what Kickoff recorded about it in its headers.
    public struct Draft: Sendable, Equatable {
        /// The file's path.
        public var path: String
        /// The `Message-ID`, with its angle brackets.
        public var messageID: String
        /// What kind of message it is.
        public var kind: MailKind?
        /// The account's output folder name.
        public var account: String
        /// The step a nudge is about.
        public var step: String?
        /// The day it was written for.
        public var day: Day?
        /// The recipient, as the `To` header has it, encoded words decoded.
        public var to: String
        /// The subject, decoded.
        public var subject: String

        /// The file's name.
        public var name: String { (path as NSString).lastPathComponent }
    }

    /// The `.eml` files directly in the outbox, by name. A file without a Message-ID is reported, not sent.
    public func drafts() throws -> (drafts: [Draft], problems: [KickoffError]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        var drafts: [Draft] = []
        var problems: [KickoffError] = []
        for name in names.sorted() where name.hasSuffix(".eml") && !name.hasPrefix(".") {
            let path = FilePaths.join(folder, name)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(KickoffError(file: path, problem: "could not be read", fix: "check its permissions"))
                continue
            }
            let headers = Self.headers(of: data)
            guard let id = headers["message-id"], id.hasPrefix("<"), id.hasSuffix(">"), let to = headers["to"] else {
                problems.append(KickoffError(file: path, problem: "has no Message-ID or To header, so it is not sent",
                                             fix: "delete it and run kickoff mail again, or give it both headers"))
                continue
            }
            drafts.append(Draft(path: path, messageID: id, kind: headers["x-kickoff-kind"].flatMap(MailKind.init(rawValue:)),
                                account: headers["x-kickoff-account"] ?? "", step: headers["x-kickoff-step"],
                                day: headers["x-kickoff-day"].flatMap(Day.init(iso:)), to: MIMEMessage.decodedPhrase(to),
                                subject: MIMEMessage.decodedPhrase(headers["subject"] ?? "")))
        }
        return (drafts, problems)
    }

    /// The header fields of a message (names lowercased, folded lines joined), up to the first empty line.
    static func headers(of data: Data) -> [String: String] {
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        var fields: [String: String] = [:]
        var lastName: String?
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t", let name = lastName {
                fields[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if fields[name] == nil { fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            lastName = name
        }
        return fields
    }

    /// The message as handed to the mail command: without `X-Unsent` (which would make the customer's client
    /// open it as a draft) and without Kickoff's own `X-Kickoff-*` headers, with LF line ends.
    public static func outgoing(_ data: Data) -> Data {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) ?? data.range(of: Data("\n\n".utf8)) else { return data }
        // Lines as bytes: in a Swift String, CR LF is one character and would not split at "\n".
        var kept: [Data.SubSequence] = []
        var skipping = false
        for line in data[..<end.lowerBound].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if let first = line.first, first == 0x20 || first == 0x09 {
                if !skipping { kept.append(line) }
                continue
            }
            let name = String(decoding: line.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self).lowercased()
            skipping = name == "x-unsent" || name.hasPrefix("x-kickoff-")
            if !skipping { kept.append(line) }
        }
        var result = Data()
        for (index, line) in kept.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "\n")) }
            result.append(contentsOf: line)
        }
        result += data[end.lowerBound...]
        // The sendmail interface takes the local system's line ends (LF); the MTA writes CR LF on the wire.
        return Data(result.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.last == 0x0D ? $0.dropLast() : $0 }.joined(separator: [0x0A]))
    }

    /// Where a draft keeps what it gives the customer once sent.
    func pendingFolder(for draft: Draft) -> String {
        FilePaths.join(folder, ".pending/" + (draft.name as NSString).deletingPathExtension)
    }

    /// Removes temporary files (`.<name>.new-<pid>`) that a run killed while writing left behind, when the
    /// process that wrote them is gone.
    public func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.contains(".new-") {
            guard let pid = Int32(name.split(separator: "-").last ?? ""), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(FilePaths.join(folder, name))
        }
    }

    /// Writes a draft atomically (a temporary file renamed into place), with what it gives the customer once sent.
    /// An existing file of that name is never overwritten: the CSM may have edited it.
    func write(_ message: Data, named name: String, gives: [String: Data]) throws {
        try createFolder(folder)
        let target = FilePaths.join(folder, name)
        if !gives.isEmpty {
            let pending = FilePaths.join(folder, ".pending/" + (name as NSString).deletingPathExtension)
            try? FileManager.default.removeItem(atPath: pending)
            try createFolder(pending)
            for (file, data) in gives { try Self.writeDurably(data, to: FilePaths.join(pending, file)) }
        }
        let temporary = FilePaths.join(folder, ".\(name).new-\(getpid())")
        unlink(temporary)
        try Self.writeDurably(message, to: temporary)
        // link() fails when the target exists: a draft already there is kept as it is.
        guard link(temporary, target) == 0 else {
            let reason = errno
            unlink(temporary)
            if reason == EEXIST { throw KickoffError(file: target, problem: "already exists and is kept", fix: "delete it to write it again") }
            errno = reason
            throw OutputFolder.systemError(target, "could not be written")
        }
        unlink(temporary)
        Self.syncFolder(folder)
    }

    /// After a draft is sent: what it gave the customer becomes what the account holds, and the file moves to `sent/`.
    func settle(_ draft: Draft) throws {
        let pending = pendingFolder(for: draft)
        if let files = try? FileManager.default.contentsOfDirectory(atPath: pending), !draft.account.isEmpty {
            let held = FilePaths.join(folder, "accounts/" + draft.account)
            try createFolder(held)
            for file in files where rename(FilePaths.join(pending, file), FilePaths.join(held, file)) != 0 {
                throw OutputFolder.systemError(FilePaths.join(held, file), "could not be put in place")
            }
            Self.syncFolder(held)
            try? FileManager.default.removeItem(atPath: pending)
        }
        let sent = FilePaths.join(folder, "sent")
        try createFolder(sent)
        guard rename(draft.path, FilePaths.join(sent, draft.name)) == 0 else {
            throw OutputFolder.systemError(draft.path, "was sent but could not be moved to sent/ (the ledger has it, so it is not sent again)")
        }
        Self.syncFolder(folder)
    }

    /// What an account holds from the messages sent to it: the plan, and the check-in invitations.
    func holding(account: String) -> (plan: Plan?, invitations: [String: Invitation.Held]) {
        let held = FilePaths.join(folder, "accounts/" + account)
        let plan = FileManager.default.contents(atPath: held + "/plan.json").flatMap { try? PlanJSON.decode($0) }
        let invitations = FileManager.default.contents(atPath: held + "/invitations").map { Invitation.decode(String(decoding: $0, as: UTF8.self)) } ?? [:]
        return (plan, invitations)
    }

    // MARK: The ledger

    /// One line of `sent.jsonl`.
    public struct LedgerEntry: Sendable, Equatable {
        /// What happened to a message.
        public enum Status: String, Sendable {
            /// The mail command was started with it; the run's outcome follows on a later line.
            case sending
            /// The mail command took it (exit 0).
            case sent
            /// The mail command refused it, or could not be run: it stays pending.
            case failed
        }
        /// The message's Message-ID.
        public var messageID: String
        /// Which message it was: a `MailKind`'s raw value (`welcome`, `recap`, `nudge`, `changed`).
        public var kind: String
        /// The step a nudge is about.
        public var step: String? = nil
        /// The account it was for.
        public var account: String
        /// Whom it was sent to.
        public var to: String
        /// The day it was written for (ISO 8601).
        public var day: String
        /// When, as an ISO 8601 time in UTC.
        public var sentAt: String
        /// Whether it went out.
        public var status: Status
        /// What the mail command said, when it failed.
        public var error: String?

        /// The line as written: one JSON object.
        var json: String {
            let object: [String: Any] = ["message_id": messageID, "kind": kind, "account": account, "to": to, "day": day,
                                         "sent_at": sentAt, "status": status.rawValue, "error": error ?? NSNull(), "step": step ?? NSNull()]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The ledger read back: every entry, and a note for each line that could not be read (a line cut short by a
    /// run that was stopped while writing it is the usual one). A missing ledger is empty.
    public func ledger() -> (entries: [LedgerEntry], notes: [String]) {
        guard let data = FileManager.default.contents(atPath: ledgerPath) else { return ([], []) }
        var entries: [LedgerEntry] = []
        var notes: [String] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            var parser = JSONParser(Data(line))
            guard let value = parser.parse()?.object, let id = value["message_id"]?.string,
                  let status = value["status"]?.string.flatMap(LedgerEntry.Status.init(rawValue:)) else {
                let cut = index == lines.count - 1
                notes.append("\(ledgerPath):\(index + 1): " + (cut ? "the last line is cut short (a run was stopped while writing it); it is ignored"
                                                                : "this line is not a ledger entry; it is ignored"))
                continue
            }
            entries.append(LedgerEntry(messageID: id, kind: value["kind"]?.string ?? "", step: value["step"]?.string, account: value["account"]?.string ?? "",
                                       to: value["to"]?.string ?? "", day: value["day"]?.string ?? "", sentAt: value["sent_at"]?.string ?? "",
                                       status: status, error: value["error"]?.string))
        }
        return (entries, notes)
    }

    /// The accounts (output folder names) sent a welcome mail, or nil when there is no outbox.
    public func welcomed() -> Set<String>? {
        guard FileManager.default.fileExists(atPath: ledgerPath) else { return nil }
        let held = (try? FileManager.default.contentsOfDirectory(atPath: FilePaths.join(folder, "accounts"))) ?? []
        return Set(ledger().entries.filter { $0.status == .sent && $0.kind == MailKind.welcome.rawValue }.map(\.account) + held)
    }

    /// Where each Message-ID stands in the ledger: its last line's status.
    public static func standing(_ entries: [LedgerEntry]) -> [String: LedgerEntry.Status] {
        var standing: [String: LedgerEntry.Status] = [:]
        for entry in entries where standing[entry.messageID] != .sent { standing[entry.messageID] = entry.status }
        return standing
    }

    /// Opens the ledger for appending, so a read-only outbox is found before anything is sent.
    public func openLedger() throws -> Ledger {
        try createFolder(folder)
        let descriptor = open(ledgerPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputFolder.systemError(ledgerPath, "cannot be written, so nothing is sent") }
        return Ledger(descriptor: descriptor, path: ledgerPath)
    }

    /// The ledger open for appending: each entry is one `write` of a whole line, then `fsync`.
    public final class Ledger {
        private let descriptor: Int32
        private let path: String
        private var startsLine: Bool

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
            // A line cut short by an earlier run is ended first, so the next entry starts a line of its own.
            var info = stat()
            var last: UInt8 = 0x0A
            if fstat(descriptor, &info) == 0, info.st_size > 0 {
                let reader = open(path, O_RDONLY | O_CLOEXEC)
                if reader >= 0 {
                    _ = pread(reader, &last, 1, off_t(info.st_size - 1))
                    close(reader)
                }
            }
            startsLine = last == 0x0A
        }

        deinit { close(descriptor) }

        /// Appends an entry and waits until it is on disk.
        public func append(_ entry: LedgerEntry) throws {
            let line = (startsLine ? "" : "\n") + entry.json + "\n"
            let bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputFolder.systemError(path, "could not be written")
                }
                offset += written
            }
            startsLine = true
            guard fsync(descriptor) == 0 else { throw OutputFolder.systemError(path, "could not be saved to disk") }
        }
    }

    // MARK: Files

    private func createFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw KickoffError(file: path, problem: "could not be created: \((error as NSError).localizedFailureReason ?? error.localizedDescription)",
                               fix: "check that the outbox is on a writable disk")
        }
    }

    /// Writes a new file and flushes it to disk.
    static func writeDurably(_ data: Data, to path: String) throws {
        unlink(path)
        try OutputFolder.writeFile(data, to: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// Flushes a folder's entries (a rename or a new file in it) to disk.
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
