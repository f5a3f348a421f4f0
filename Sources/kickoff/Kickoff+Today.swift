import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff today`: what the CSM should do today, across the book.
    struct Today: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "today",
            abstract: "List what to do today across the book, grouped by action.",
            usage: "kickoff today <profile>... [--out <dir>] [--as-of <date>] [--json]",
            discussion: """
            Check-ins today and on the next working day (with what was done since the
            last one and what comes next), customer steps 2 or more working days past
            their planned end in the plan as last built, milestones reached since the
            last build, goals that were on track and no longer are, and accounts never
            built. Colour only on a terminal, and never with NO_COLOR set.
            """
        )

        @OptionGroup var book: BookOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @Option(help: ArgumentHelp("The outbox kickoff mail and send use: accounts it has not sent a welcome to are listed.", valueName: "dir"))
        var outbox: String = "outbox"

        func run() throws {
            let files = try InputOptions.profileFiles(in: book.paths)
            var (entries, errors) = Book.map(files, out: book.out, asOf: book.asOf.rule, AccountAgenda.init)
            // Once the CSM mails from Kickoff, the outbox knows which accounts were sent their plan.
            if let sent = Outbox(folder: outbox).welcomed() {
                for index in entries.indices { entries[index].noteUnsent(sent: sent) }
            }
            for error in errors { _ = Diagnostics.fail(error) }
            if json {
                print(AgendaText.json(entries), terminator: "")
            } else {
                let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                let heading = "Today" + (book.asOf.day.map { ", \($0.iso)" } ?? "")
                print(AgendaText.text(entries, heading: heading, colour: colour), terminator: "")
            }
            if !errors.isEmpty { throw ExitCode(1) }
        }
    }
}
