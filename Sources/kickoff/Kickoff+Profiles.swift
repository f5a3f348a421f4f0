import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff new`: a commented profile to fill in.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a commented profile for a new account, listing the flow's ids.",
            usage: "kickoff new <account> --flow <name> [--into <dir>] [--flows <dir>]\n        [--templates <dir>]",
            discussion: "Never overwrites an existing file."
        )

        @Argument(help: ArgumentHelp("The account's name, e.g. \"Acme Outdoor Co.\"", valueName: "account"))
        var account: String

        @Option(help: ArgumentHelp("The product flow: a name in --flows, e.g. emailsaurus.", valueName: "name"))
        var flow: String

        @Option(help: ArgumentHelp("Folder to write the profile into.", valueName: "dir"))
        var into: String = "plans"

        @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows (default: flows/ beside the profile folder).", valueName: "dir"))
        var flowsDirectory: String?

        @OptionGroup var templateOptions: TemplateOptions

        func run() throws {
            let templates = try templateOptions.load()
            let file = (into.hasSuffix("/") ? String(into.dropLast()) : into) + "/" + Slug.make(from: account) + ".yaml"
            do {
                let pipeline = Pipeline(templates: templates, flowsDirectory: flowsDirectory)
                let flow = try pipeline.loadFlow(named: flow, besideProfilesIn: into)
                let text = try ProfileScaffold.text(account: account, flowName: self.flow, flow: flow,
                                                    start: nextWorkingDay(), file: file, templates: templates)
                try ProfileFiles.write([(file, text)], force: false)
                print("wrote \(file)")
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
        }

        /// The next Monday-to-Friday day after today: a sensible first guess for the kickoff.
        func nextWorkingDay() -> Day {
            let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
            var day = Day(year: parts.year!, month: parts.month!, day: parts.day!)!.adding(days: 1)
            while [.sat, .sun].contains(day.weekday) { day = day.adding(days: 1) }
            return day
        }
    }

    /// `kickoff import`: profiles from a CRM export.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Turn a CSV export (one row per account) into profile YAML files.",
            discussion: """
            Columns (header row, any order): \(ProfileImport.columns.joined(separator: ", ")).
            Common CRM spellings are understood (Account Name, Start Date, Language, ...; case and spaces
            do not matter) and each is reported. account and start are required. pain_points and goals are
            `id: text` pairs, separated by ; or one per line; goal_dates and goal_measures pair a goal id with
            its by (date or span) and measure. working_days and holidays are separated by commas or spaces.
            Every row is checked like a hand-written profile, and every bad row is reported; if any row is bad,
            nothing is written. Files are named after the whole account name. Run it again on next week's
            export: new accounts are created, accounts that already have a profile keep it (--force replaces
            the account's own profile with its row; a file of another account is never replaced).
            """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "csv"))
        var csv: String

        @Option(help: ArgumentHelp("The product flow for rows without a flow column.", valueName: "name"))
        var flow: String

        @Option(help: ArgumentHelp("Folder to write the profiles into.", valueName: "dir"))
        var into: String = "plans"

        @Flag(help: "Replace the profiles of accounts that already have one with their rows.")
        var force = false

        func run() throws {
            do {
                // A CRM export of a whole book is larger than any one profile.
                let data = try FilePaths.readInput(csv, limit: 256 * 1024 * 1024)
                let rows = try ProfileImport.rows(fromCSV: data, file: csv, flow: flow)
                for note in rows.headerNotes { print(note) }
                let written = try ProfileFiles.import(rows.profiles, into: into, replaceExisting: force, rowErrors: rows.errors, csv: csv)
                for (profile, result) in zip(rows.profiles, written) {
                    switch result.outcome {
                    case .created: print("wrote \(result.path) (\(csv) line \(profile.line))")
                    case .replaced: print("replaced \(result.path) (\(csv) line \(profile.line))")
                    case .kept: print("kept \(result.path): the account already has a profile (\(csv) line \(profile.line))")
                    }
                }
            } catch let failure as ProfileFiles.ImportFailure {
                for error in failure.errors { _ = Diagnostics.fail(error) }
                printError("nothing was written")
                throw ExitCode(1)
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
        }
    }
}
