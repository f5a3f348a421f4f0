import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff status`: one row per account of the book.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show where every account stands, the ones that need you first.",
            usage: "kickoff status <profile>... [--out <dir>] [--as-of <date>] [--json|--csv]\n        [--sort attention|name|start]",
            discussion: """
            One row per account, measured against the plan as last built (out/<account>/
            plan.json) and the progress recorded in its profile since: steps done of the
            plan, the next step and its day, steps overdue and the most working days one
            is late, goals missed (target day passed) or at risk, the next check-in.
            Sorted by attention: never built, missed goals, lateness, overdue steps,
            goals at risk.
            """
        )

        @OptionGroup var book: BookOptions

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @Flag(help: "Print CSV for spreadsheets.")
        var csv = false

        @Option(help: ArgumentHelp("Order of the rows.", valueName: "attention|name|start"))
        var sort: Book.Order = .attention

        func validate() throws {
            if json, csv { throw ValidationError("--json and --csv do not go together; choose one") }
        }

        func run() throws {
            let files = try InputOptions.profileFiles(in: book.paths)
            let (rows, errors) = Book.status(of: files, out: book.out, asOf: book.asOf.rule, order: sort)
            for error in errors { _ = Diagnostics.fail(error) }
            print(json ? StatusTable.json(rows) : csv ? StatusTable.csv(rows) : StatusTable.text(rows), terminator: "")
            if !errors.isEmpty { throw ExitCode(1) }
        }
    }
}

extension Book.Order: ExpressibleByArgument {}
