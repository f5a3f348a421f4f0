import Foundation

/// `kickoff send`: hands each pending draft of an outbox to a sendmail-compatible command, one process per
/// message with the message on standard input, and records every attempt in the ledger.
///
/// Before the command starts, a `sending` line is on disk; after it, `sent` or `failed`. A message whose last
/// line is `sending` (the run was stopped while the command ran) may or may not have gone out: it is held, never
/// sent again on its own, until the CSM retries it or marks it sent.
public struct Sending: Sendable {
    /// The outbox.
    public let outbox: Outbox
    /// The command line, run by `/bin/sh -c` (so `msmtp -a work -t` and quoting work as in a shell).
    public let command: String
    /// How long one message may take before the command is stopped.
    public let timeout: TimeInterval

    /// Sends from `outbox` with `command`.
    public init(outbox: Outbox, command: String = "sendmail -t -i", timeout: TimeInterval = 120) {
        self.outbox = outbox
        self.command = command
        self.timeout = timeout
    }

    /// Where the outbox stands.
    public struct Survey: Sendable {
        /// Drafts to send, in file-name order.
        public var pending: [Outbox.Draft]
        /// Drafts whose send was interrupted: they may have gone out.
        public var uncertain: [Outbox.Draft]
        /// Drafts the ledger has as sent (left in the outbox by an interrupted run): moved to `sent/`.
        public var alreadySent: [Outbox.Draft]
        /// Files that cannot be sent, and ledger lines that cannot be read.
        public var problems: [KickoffError]
        /// Lines of the ledger that could not be read.
        public var notes: [String]
    }

    /// Reads the outbox and its ledger.
    public func survey() throws -> Survey {
        let (drafts, problems) = try outbox.drafts()
        let (entries, notes) = outbox.ledger()
        let standing = Outbox.standing(entries)
        var survey = Survey(pending: [], uncertain: [], alreadySent: [], problems: problems, notes: notes)
        var seen: Set<String> = []
        for draft in drafts {
            if !seen.insert(draft.messageID).inserted {
                survey.problems.append(KickoffError(file: draft.path, problem: "has the same Message-ID as another draft (\(draft.messageID)), so it is not sent",
                                                    fix: "delete one of the two"))
                continue
            }
            switch standing[draft.messageID] {
            case .sent: survey.alreadySent.append(draft)
            case .sending: survey.uncertain.append(draft)
            case .failed, nil: survey.pending.append(draft)
            }
        }
        return survey
    }

    /// Records that a held message did go out (the CSM checked their sent mail), and settles it.
    public func markSent(_ draft: Outbox.Draft, ledger: Outbox.Ledger, now: Date = Date()) throws {
        try ledger.append(entry(draft, status: .sent, error: "marked sent by the CSM", now: now))
        try outbox.settle(draft)
    }

    /// Moves a draft the ledger has as sent out of the way.
    public func settle(_ draft: Outbox.Draft) throws { try outbox.settle(draft) }

    /// Sends one draft. Returns nil when the command took it, else the reason it did not (the draft stays pending).
    /// Throws only when the ledger cannot be written (then nothing more should be sent).
    public func send(_ draft: Outbox.Draft, ledger: Outbox.Ledger, now: @Sendable () -> Date = Date.init) throws -> String? {
        guard let data = FileManager.default.contents(atPath: draft.path) else {
            return "\(draft.path) could not be read"
        }
        try ledger.append(entry(draft, status: .sending, error: nil, now: now()))
        let result = run(Outbox.outgoing(data))
        switch result {
        case .success:
            try ledger.append(entry(draft, status: .sent, error: nil, now: now()))
            try outbox.settle(draft)
            return nil
        case .failure(let reason):
            try ledger.append(entry(draft, status: .failed, error: reason.text, now: now()))
            return reason.text
        case .timedOut:
            // Left as `sending`: the command may have handed the message on before it was stopped.
            return "the mail command did not finish within \(Int(timeout)) seconds and was stopped; the message may have gone out, so it is held (check your sent mail, then use --retry or --mark-sent)"
        }
    }

    private func entry(_ draft: Outbox.Draft, status: Outbox.LedgerEntry.Status, error: String?, now: Date) -> Outbox.LedgerEntry {
        let stamp = ISO8601DateFormatter().string(from: now)
        return Outbox.LedgerEntry(messageID: draft.messageID, kind: draft.kind?.rawValue ?? "", step: draft.step, account: draft.account,
                                  to: draft.to, day: draft.day?.iso ?? "", sentAt: stamp, status: status, error: error)
    }

    // MARK: The mail command

    private struct Failure: Error { var text: String }

    private enum Outcome {
        case success
        case failure(Failure)
        case timedOut
    }

    /// Runs the command with the message on standard input; what it printed on failure is the reason.
    private func run(_ message: Data) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return .failure(Failure(text: "the mail command could not be started: \(error.localizedDescription)"))
        }
        // Write and read on their own threads: a command that prints a lot before reading must not block either side.
        let writer = Thread {
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: message)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let printed = OutputBuffer()
        let reader = Thread {
            printed.set(output.fileHandleForReading.readDataToEndOfFile())
        }
        reader.start()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return .timedOut
        }
        process.waitUntilExit()
        // The reader ends when the command (and anything it started) closes its output.
        let readDeadline = Date().addingTimeInterval(5)
        while !printed.done, Date() < readDeadline { usleep(5_000) }
        guard process.terminationStatus != 0 || process.terminationReason != .exit else { return .success }
        let text = String(decoding: printed.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let how = process.terminationReason == .exit ? "exited with \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
        let missing = process.terminationStatus == 127 ? " (the command was not found: name one with --sendmail)" : ""
        return .failure(Failure(text: "the mail command \(how)\(missing)" + (text.isEmpty ? "" : ": " + String(text.suffix(1000)))))
    }
}

/// What a command printed, filled by the thread that reads it.
private final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    private var finished = false

    func set(_ data: Data) { lock.withLock { value = data; finished = true } }
    var data: Data { lock.withLock { value } }
    var done: Bool { lock.withLock { finished } }
}
