import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff mail`: the messages due today, as drafts in the outbox.
    struct Mail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mail",
            abstract: "Write the messages due today to each contact as .eml drafts.",
            usage: "kickoff mail <profile>... [--plans <dir>] [--out <outbox>] [--as-of <date>] [--pdf]",
            discussion: """
            One RFC 5322 file per message, from the CSM to the contact, in the account's
            language: welcome (the plan was not sent yet; the handout attached), recap
            (the working day after a check-in), nudge (a customer step 2 or more working
            days late in the plan as last built) and changed (the plan differs from the
            one last sent). Drafts carry X-Unsent: 1, so a mail client opens them for
            editing. Messages already in the outbox's ledger, and drafts already in it,
            are not written again. Send them with `kickoff send`.
            """
        )

        @OptionGroup var input: InputOptions

        @Option(name: .customLong("plans"), help: ArgumentHelp("The folder the plans were built into.", valueName: "dir"))
        var plans: String = "out"

        @Option(help: ArgumentHelp("The outbox folder drafts are written to.", valueName: "outbox"))
        var out: String = "outbox"

        @OptionGroup var asOf: AsOfOption

        @Flag(help: "Attach plan.pdf to welcome and changed mails (printed with a local headless Chromium).")
        var pdf = false

        func validate() throws {
            if pdf, PDFPrinter.findBrowser() == nil {
                throw ValidationError("--pdf needs Chromium or Chrome to print the handout, and none is installed; install chromium or leave out --pdf")
            }
        }

        func run() throws {
            let files = try input.profileFiles()
            let mailing = Mailing(pipeline: try input.pipeline(), out: plans, outbox: Outbox(folder: out), withPDF: pdf)
            mailing.outbox.removeLeftovers()
            let (ledger, notes) = mailing.outbox.ledger()
            for note in notes { printError("warning: \(note)") }
            let (drafts, problems) = try mailing.outbox.drafts()
            for problem in problems { printError("warning: \(problem.description)") }
            var failed = false, written = 0
            for file in files {
                do {
                    for outcome in try mailing.run(profileAt: file, asOf: asOf.rule, ledger: ledger, drafts: drafts) {
                        switch outcome {
                        case .written(let path, let kind, let to):
                            written += 1
                            print("\(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(path)  to \(to)")
                        case .alreadyDrafted(let path, let kind, let stale):
                            print("\(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(path)  already in the outbox, kept")
                            if stale {
                                printError("warning: \(path): was written for an earlier build of the plan, so its attachments are out of date; delete it and run kickoff mail again")
                            }
                        case .notBuilt:
                            printError("warning: \(file): no plan is built in \(plans)/ yet, so nothing is mailed; run kickoff build first")
                        }
                    }
                } catch let error as KickoffError {
                    failed = true
                    _ = Diagnostics.fail(error)
                }
            }
            print(written == 0 ? "No new messages are due." : "\(written) message\(written == 1 ? "" : "s") written to \(out)/; send with: kickoff send \(out)")
            if failed { throw ExitCode(1) }
        }
    }
}
