import Foundation
import Testing
@testable import KickoffKit

/// RFC 5322/MIME writing, on its own.
@Suite("Mail format")
struct MailFormatTests {
    @Test func displayNamesAreAtomsQuotedOrEncoded() {
        #expect(MIMEMessage.encodedPhrase("Dana Lee") == "Dana Lee")
        #expect(MIMEMessage.encodedPhrase("Lee, Dana") == "\"Lee, Dana\"")
        #expect(MIMEMessage.encodedPhrase("Jana Nováková") == "Jana =?UTF-8?B?Tm92w6Frb3bDoQ==?=")
        #expect(MIMEMessage.encodedPhrase("李晓雯") == "=?UTF-8?B?5p2O5pmT6Zuv?=")
        // Text that looks like an encoded word is encoded, so it reads as written.
        #expect(MIMEMessage.encodedPhrase("=?UTF-8?B?QmNj?=") == "=?UTF-8?B?PT9VVEYtOD9CP1FtTmo/PQ==?=")
        // A line break can only ever be inside an encoded word: never a header line of its own.
        #expect(!MIMEMessage.encodedPhrase("Dana\r\nBcc: x@evil.example").contains("\n"))
        for name in ["Jana Nováková", "李晓雯", "=?UTF-8?B?QmNj?=", String(repeating: "Příliš žluťoučký kůň ", count: 4)] {
            #expect(MIMEMessage.decodedPhrase(MIMEMessage.encodedPhrase(name)) == name)
        }
    }

    @Test func headerLinesAreFoldedWithin78Characters() {
        let subject = MIMEMessage.encodedPhrase(String(repeating: "Plán zavedení ", count: 12), quoteSpecials: false)
        let line = MIMEMessage.fold("Subject: " + subject)
        #expect(line.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(line.hasPrefix("Subject: =?UTF-8?B?"), "the field name keeps its first word")
        #expect(line.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0.hasPrefix(" ") })
    }

    @Test func quotedPrintableKeepsLinesShortAndDecodesToTheText() {
        let text = "Dobrý den, " + String(repeating: "čšž ", count: 40) + "\n.\nEnd = fin \nSecond line\twith tab"
        let encoded = MIMEMessage.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(!encoded.components(separatedBy: "\r\n").contains("."), "a lone dot is encoded")
        #expect(Self.decodeQuotedPrintable(encoded) == text)
    }

    @Test func theDateIsEightInTheMorningInTheAccountsZone() {
        #expect(MIMEMessage.date(Day(iso: "2026-12-01")!, in: TimeZone(identifier: "Europe/Prague")!) == "Tue, 01 Dec 2026 08:00:00 +0100")
        #expect(MIMEMessage.date(Day(iso: "2026-07-01")!, in: TimeZone(identifier: "America/New_York")!) == "Wed, 01 Jul 2026 08:00:00 -0400")
    }

    @Test func theOutgoingMessageLosesTheDraftHeadersOnly() {
        let draft = Data("From: a@b.example\r\nX-Unsent: 1\r\nX-Kickoff-Kind: welcome\r\nSubject: Hi\r\n =?UTF-8?B?eA==?=\r\n\r\nBody\r\nX-Unsent: 1\r\n".utf8)
        #expect(String(decoding: Outbox.outgoing(draft), as: UTF8.self) == "From: a@b.example\nSubject: Hi\n =?UTF-8?B?eA==?=\n\nBody\nX-Unsent: 1\n")
    }

    /// Quoted-printable back to text, for the check above.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count, let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `kickoff mail` and `kickoff send` on a copy of the sample acme-outdoor account, with a stand-in mail command
/// that keeps each message in a folder (the real msmtp path is `make check`'s check_mail.py).
@Suite("Mail and send", .serialized)
struct MailTests {
    let cli = CommandLineTests()

    /// A folder with plans/acme-outdoor.yaml, flows/, a built out/ as of `asOf`, and a mail command script.
    func book(asOf: String = "2026-11-23", profile: (String) -> String = { $0 }) throws -> URL {
        let root = try cli.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        let yaml = try String(contentsOf: Fixtures.root.appendingPathComponent("plans/acme-outdoor.yaml"), encoding: .utf8)
        try profile(yaml).write(to: root.appendingPathComponent("plans/acme-outdoor.yaml"), atomically: true, encoding: .utf8)
        let build = try cli.run(["build", "plans/", "--as-of", asOf, "-qq"], in: root)
        #expect(build.status == 0, "\(build.stderr)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("delivered"), withIntermediateDirectories: true)
        try "#!/bin/sh\ncat > \"$(dirname \"$0\")/delivered/$(date +%s%N).eml\"\n".write(to: root.appendingPathComponent("deliver.sh"), atomically: true, encoding: .utf8)
        chmod(root.appendingPathComponent("deliver.sh").path, 0o755)
        return root
    }

    func delivered(_ root: URL) -> [String] {
        let folder = root.appendingPathComponent("delivered")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
            (try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) ?? ""
        }
    }

    func drafts(_ root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("outbox").path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    func ledger(_ root: URL) -> [[String: Any]] {
        let text = (try? String(contentsOf: root.appendingPathComponent("outbox/sent.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func theSameDayWritesTheSameBytes() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23", "--out", "again"], in: root).status == 0)
        let name = "2026-11-23-acme-outdoor-welcome.eml"
        let first = try Data(contentsOf: root.appendingPathComponent("outbox/\(name)"))
        #expect(first == (try Data(contentsOf: root.appendingPathComponent("again/\(name)"))))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\r\nMessage-ID: <2026-11-23.welcome.acme-outdoor@emailsaurus.example>\r\n"))
        #expect(text.contains("\r\nDate: Mon, 23 Nov 2026 08:00:00 +0100\r\n"))
        #expect(text.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"))
    }

    @Test func aDraftTheCSMEditedIsNeverOverwritten() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        let draft = root.appendingPathComponent("outbox/2026-11-23-acme-outdoor-welcome.eml")
        let edited = try String(contentsOf: draft, encoding: .utf8).replacingOccurrences(of: "Hi Dana Lee,", with: "Hi Dana,")
        try edited.write(to: draft, atomically: true, encoding: .utf8)
        // The next day the welcome is still due: the draft waiting in the outbox is kept, not joined by a second.
        let again = try cli.run(["mail", "plans/", "--as-of", "2026-11-24"], in: root)
        #expect(again.stdout.contains("already in the outbox, kept"), "\(again.stdout)")
        #expect(try String(contentsOf: draft, encoding: .utf8) == edited)
        #expect(drafts(root) == ["2026-11-23-acme-outdoor-welcome.eml"])

        // The plan is rebuilt differently while the draft waits: it is still kept, and the CSM is told it is out of date.
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        try String(contentsOf: profile, encoding: .utf8).replacingOccurrences(of: "cadence: weekly", with: "cadence: biweekly")
            .write(to: profile, atomically: true, encoding: .utf8)
        #expect(try cli.run(["build", "plans/", "--as-of", "2026-11-24", "-qq"], in: root).status == 0)
        let stale = try cli.run(["mail", "plans/", "--as-of", "2026-11-24"], in: root)
        #expect(stale.stderr.contains("was written for an earlier build of the plan"), "\(stale.stderr)")
        #expect(try String(contentsOf: draft, encoding: .utf8) == edited)
    }

    @Test func aRunKilledWhileWritingLeavesNoHalfMessage() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        // What a killed run leaves: a temporary file of a process that is gone, never an .eml of its own.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        let leftover = root.appendingPathComponent("outbox/.2026-11-23-acme-outdoor-welcome.eml.new-999999")
        try "From: half".write(to: leftover, atomically: true, encoding: .utf8)
        #expect(try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root).stdout.contains("Nothing to send"))
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "the leftover is removed")
        #expect(drafts(root) == ["2026-11-23-acme-outdoor-welcome.eml"])
    }

    @Test func aNameWithALineBreakIsAnInputErrorAndNoDraft() throws {
        let root = try book { $0.replacingOccurrences(of: "name: Dana Lee", with: "name: \"Dana Lee\\r\\nBcc: evil@evil.example\"") }
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: plans/acme-outdoor.yaml:8: contact.name: contains a line break or control character (U+000D)"), "\(result.stderr)")
        #expect(drafts(root).isEmpty)
    }

    @Test func sendingRecordsEachAttemptAndNeverSendsTwice() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)

        // Without --yes and without a terminal: nothing is sent.
        let refused = try cli.run(["send", "outbox", "--sendmail", "./deliver.sh"], in: root)
        #expect(refused.status == 1 && refused.stderr.contains("add --yes"))
        #expect(delivered(root).isEmpty)

        // A command that fails: pending, its words printed, exit 1, and the ledger says so.
        let failing = try cli.run(["send", "outbox", "--yes", "--sendmail", "echo 'relay said no' >&2; exit 3"], in: root)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("not sent, kept pending: the mail command exited with 3: relay said no"), "\(failing.stderr)")
        #expect(drafts(root).count == 1)
        #expect(ledger(root).map { $0["status"] as? String } == ["sending", "failed"])

        // A command that is not there.
        let missing = try cli.run(["send", "outbox", "--yes", "--sendmail", "no-such-sendmail-here -t"], in: root)
        #expect(missing.status == 1 && missing.stderr.contains("the command was not found"), "\(missing.stderr)")

        // A command killed by a signal: a failure like any other, named as such.
        let killed = try cli.run(["send", "outbox", "--yes", "--sendmail", "kill -9 $$"], in: root)
        #expect(killed.status == 1 && killed.stderr.contains("the mail command was killed by signal 9"), "\(killed.stderr)")
        #expect(drafts(root).count == 1)

        // It works: sent once, moved to sent/, and what the customer holds is kept.
        let sent = try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(delivered(root).count == 1)
        #expect(drafts(root).isEmpty)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("outbox/sent/2026-11-23-acme-outdoor-welcome.eml").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("outbox/accounts/acme-outdoor/plan.json").path))
        let message = delivered(root)[0]
        #expect(!message.contains("X-Unsent") && !message.contains("X-Kickoff"))
        #expect(message.hasPrefix("From: Chris Park <chris@emailsaurus.example>\nTo: Dana Lee <dana@acme.example>\n"))

        // Again: nothing is sent, and mail does not write the welcome again.
        let again = try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root)
        #expect(again.status == 0 && again.stdout.contains("Nothing to send"))
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).stdout.contains("No new messages are due"))
        #expect(delivered(root).count == 1)
    }

    /// `kickoff send` on a terminal (util-linux `script` gives it one), answering `answer`.
    func sendOnATerminal(_ root: URL, answer: String) throws -> String {
        let process = CommandLineTests.process(URL(fileURLWithPath: "/usr/bin/script"),
                                               arguments: ["-qec", "\(CommandLineTests.binary.path) send outbox --sendmail ./deliver.sh", "/dev/null"], in: root)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data((answer + "\n").utf8))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self)
    }

    @Test func onATerminalItAsksAndSendsOnlyOnYes() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script gives kickoff send a terminal")
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        let declined = try sendOnATerminal(root, answer: "n")
        #expect(declined.contains("Send 1 message with `./deliver.sh`? [y/N]") && declined.contains("Nothing sent."), "\(declined)")
        #expect(delivered(root).isEmpty)
        let accepted = try sendOnATerminal(root, answer: "y")
        #expect(accepted.contains("1 sent, 0 failed"), "\(accepted)")
        #expect(delivered(root).count == 1)
    }

    @Test func anInterruptedSendIsHeldUntilTheCSMSays() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        // A run stopped while the mail command ran: its `sending` line is the last, and a later line is cut short.
        let id = "<2026-11-23.welcome.acme-outdoor@emailsaurus.example>"
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        try "{\"message_id\":\"\(id)\",\"kind\":\"welcome\",\"account\":\"acme-outdoor\",\"to\":\"x\",\"day\":\"2026-11-23\",\"sent_at\":\"2026-11-23T08:00:00Z\",\"status\":\"sending\",\"error\":null}\n{\"message_id\":\"<2026-11-23.wel"
            .write(to: root.appendingPathComponent("outbox/sent.jsonl"), atomically: true, encoding: .utf8)

        let held = try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root)
        #expect(held.status == 1)
        #expect(held.stderr.contains("sent.jsonl:2: the last line is cut short"), "\(held.stderr)")
        #expect(held.stderr.contains("its send was interrupted, so it may have gone out"), "\(held.stderr)")
        #expect(delivered(root).isEmpty, "a message that may have gone out is not sent again on its own")

        let retried = try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh", "--retry", id], in: root)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(delivered(root).count == 1)
        // The cut line was ended first: every entry after it is a line of its own.
        let lines = try String(contentsOf: root.appendingPathComponent("outbox/sent.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(ledger(root).map { $0["status"] as? String } == ["sending", "sending", "sent"])
    }

    @Test func anOutboxWhoseLedgerCannotBeWrittenSendsNothing() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        // A folder where the ledger belongs stands in for a read-only disk (root may write to any file).
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outbox/sent.jsonl"), withIntermediateDirectories: true)
        let result = try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("outbox/sent.jsonl: cannot be written, so nothing is sent: Is a directory"), "\(result.stderr)")
        #expect(delivered(root).isEmpty)
        #expect(drafts(root).count == 1)
    }

    @Test func theDaysAfterBringARecapANudgeAndAChangedPlanWithUpdatedInvitations() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        #expect(try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root).status == 0)

        // The kickoff call is on Tuesday 1 December: the recap goes on Wednesday.
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-12-01"], in: root).stdout.contains("No new messages"))
        let recap = try cli.run(["mail", "plans/", "--as-of", "2026-12-02"], in: root)
        #expect(recap.stdout.contains("2026-12-02-acme-outdoor-recap.eml"), "\(recap.stdout)")
        // Step 1 (planned Tuesday) is not done by Thursday: a nudge, one per step every two working days.
        let nudge = try cli.run(["mail", "plans/", "--as-of", "2026-12-03"], in: root)
        #expect(nudge.stdout.contains("2026-12-03-acme-outdoor-nudge-create-account.eml"), "\(nudge.stdout)")
        #expect(try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root).status == 0)
        #expect(!(try cli.run(["mail", "plans/", "--as-of", "2026-12-04"], in: root).stdout.contains("nudge")))
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-12-07"], in: root).stdout.contains("nudge-create-account"))
        try? FileManager.default.removeItem(at: root.appendingPathComponent("outbox/2026-12-07-acme-outdoor-nudge-create-account.eml"))

        let nudgeText = delivered(root).first { $0.contains("Subject: A quick note about step 1") }
        #expect(nudgeText != nil)

        // Regenerated a week late: the changed mail moves the check-ins still ahead (next sequence), not the kickoff.
        #expect(try cli.run(["build", "plans/", "--as-of", "2026-12-09", "-qq"], in: root).status == 0)
        let changed = try cli.run(["mail", "plans/", "--as-of", "2026-12-09"], in: root)
        #expect(changed.stdout.contains("2026-12-09-acme-outdoor-changed.eml"), "\(changed.stdout)")
        let mail = try String(contentsOf: root.appendingPathComponent("outbox/2026-12-09-acme-outdoor-changed.eml"), encoding: .utf8)
        let plain = MailFormatTests.decodeQuotedPrintable(mail)
        #expect(plain.contains("replaces the one I sent on Monday, 23 November 2026"))
        #expect(plain.contains("UID:checkin-wrap-up@acme-outdoor-co.emailsaurus.kickoff\nSEQUENCE:1\n"), "a moved check-in gets the next sequence")
        #expect(plain.contains("UID:checkin-kickoff-1@acme-outdoor-co.emailsaurus.kickoff\nSEQUENCE:0\n"), "the kickoff did not move")
        #expect(!mail.contains("cancelled.ics"), "no check-in was dropped")
    }

    @Test func aDroppedCheckInIsCancelledInTheCustomersCalendar() throws {
        let root = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-23"], in: root).status == 0)
        #expect(try cli.run(["send", "outbox", "--yes", "--sendmail", "./deliver.sh"], in: root).status == 0)
        // Check-ins every two weeks instead of every week: two of them are gone.
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        let yaml = try String(contentsOf: profile, encoding: .utf8).replacingOccurrences(of: "cadence: weekly", with: "cadence: biweekly")
        try yaml.write(to: profile, atomically: true, encoding: .utf8)
        #expect(try cli.run(["build", "plans/", "--as-of", "2026-11-24", "-qq"], in: root).status == 0)
        #expect(try cli.run(["mail", "plans/", "--as-of", "2026-11-24"], in: root).stdout.contains("changed"))
        let mail = try String(contentsOf: root.appendingPathComponent("outbox/2026-11-24-acme-outdoor-changed.eml"), encoding: .utf8)
        #expect(mail.contains("Content-Type: text/calendar; method=CANCEL; charset=UTF-8; name=\"cancelled.ics\""))
        let attachment = mail.components(separatedBy: "filename=\"cancelled.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")[1]
            .components(separatedBy: "\r\n--")[0].replacingOccurrences(of: "\r\n", with: "")
        let cancel = String(decoding: Data(base64Encoded: attachment) ?? Data(), as: UTF8.self)
        #expect(cancel.contains("METHOD:CANCEL"))
        #expect(cancel.contains("UID:checkin-check-in-3@acme-outdoor-co.emailsaurus.kickoff\r\nSEQUENCE:1\r\n"), "\(cancel)")
        #expect(cancel.contains("STATUS:CANCELLED"))
        #expect(!cancel.contains("checkin-kickoff-1"), "the kickoff stays")
    }
}
