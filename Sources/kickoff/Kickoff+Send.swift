import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff send`: the outbox's drafts through a sendmail-compatible command, with a ledger.
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Send the outbox's pending drafts through a sendmail-compatible command.",
            usage: "kickoff send <outbox> [--sendmail <command>] [--yes] [--dry-run]",
            discussion: """
            Each message goes to the command on its standard input, one process per
            message (default `sendmail -t -i`; msmtp, postfix and other MTAs provide
            one). Every attempt is appended to <outbox>/sent.jsonl. A message already
            sent is never sent again; a failed one stays pending and the exit code is 1.
            Without --yes, the messages are listed and, on a terminal, you are asked.
            A message whose send was interrupted is held until you --retry it or
            --mark-sent it (after checking your sent mail).
            """
        )

        @Argument(help: ArgumentHelp("The outbox folder kickoff mail wrote.", valueName: "outbox"))
        var outbox: String

        @Option(help: ArgumentHelp("The sendmail-compatible command, run by /bin/sh.", valueName: "command"))
        var sendmail: String = "sendmail -t -i"

        @Flag(help: "Send without asking.")
        var yes = false

        @Flag(help: "List what would be sent, and send nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Send a held message again (its Message-ID): its earlier send was interrupted and did not go out.", valueName: "message-id"))
        var retry: [String] = []

        @Option(help: ArgumentHelp("Record a held message as sent (its Message-ID): its earlier send was interrupted but it did go out.", valueName: "message-id"))
        var markSent: [String] = []

        func validate() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outbox, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(outbox): is not a folder; name the outbox kickoff mail wrote, like outbox/")
            }
        }

        func run() throws {
            let sending = Sending(outbox: Outbox(folder: outbox), command: sendmail)
            let survey = try sending.survey()
            for note in survey.notes { printError("warning: \(note)") }
            for problem in survey.problems { printError("warning: \(problem.description)") }
            let heldIDs = Set(survey.uncertain.map(\.messageID))
            for id in retry + markSent where !heldIDs.contains(id) {
                Diagnostics.usage("error: \(id) is not a held message of \(outbox); held: \(heldIDs.isEmpty ? "none" : heldIDs.sorted().joined(separator: ", "))")
            }
            var pending = survey.pending + survey.uncertain.filter { retry.contains($0.messageID) }
            pending.sort { $0.name < $1.name }
            let held = survey.uncertain.filter { !retry.contains($0.messageID) && !markSent.contains($0.messageID) }
            for draft in held {
                printError("error: \(draft.path): its send was interrupted, so it may have gone out (\(draft.messageID)); check your sent mail, then run kickoff send \(outbox) --retry '\(draft.messageID)' or --mark-sent '\(draft.messageID)'")
            }
            if dryRun || pending.isEmpty && markSent.isEmpty && survey.alreadySent.isEmpty {
                list(pending, verb: dryRun ? "would send" : "")
                if pending.isEmpty { print("Nothing to send.") }
                if !held.isEmpty { throw ExitCode(1) }
                return
            }
            if !yes, !pending.isEmpty {
                list(pending, verb: "to send")
                guard isatty(STDIN_FILENO) == 1 else {
                    printError("error: \(pending.count) message\(pending.count == 1 ? " is" : "s are") pending and there is no terminal to ask; add --yes to send, or --dry-run to only list")
                    throw ExitCode(1)
                }
                printError("Send \(pending.count) message\(pending.count == 1 ? "" : "s") with `\(sendmail)`? [y/N] ", terminator: "")
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces)) else {
                    print("Nothing sent.")
                    return
                }
            }
            let ledger: Outbox.Ledger
            do {
                ledger = try sending.outbox.openLedger()
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
            for draft in survey.alreadySent { try? sending.settle(draft) }
            for draft in survey.uncertain where markSent.contains(draft.messageID) {
                try sending.markSent(draft, ledger: ledger)
                print("marked sent  \(draft.name)")
            }
            var failures = 0, sent = 0
            for draft in pending {
                do {
                    if let reason = try sending.send(draft, ledger: ledger) {
                        failures += 1
                        printError("error: \(draft.path): not sent, kept pending: \(reason)")
                    } else {
                        sent += 1
                        print("sent  \(draft.name)  to \(draft.to)")
                    }
                } catch let error as KickoffError {
                    // The ledger cannot be written: stop before sending anything it could not record.
                    _ = Diagnostics.fail(error)
                    throw ExitCode(1)
                }
            }
            print("\(sent) sent, \(failures) failed" + (held.isEmpty ? "" : ", \(held.count) held") + "; ledger: \(sending.outbox.ledgerPath)")
            if failures > 0 || !held.isEmpty { throw ExitCode(1) }
        }

        private func list(_ drafts: [Outbox.Draft], verb: String) {
            for draft in drafts {
                print("\(verb.isEmpty ? "" : verb + "  ")\(draft.name)  to \(draft.to)")
            }
        }
    }
}
