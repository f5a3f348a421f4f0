import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff new`: a commented profile to fill in.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented profile for a new account, listing the flow's pain-point and goal ids.",
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

        @Option(help: ArgumentHelp("Folder of handout templates.", valueName: "dir"))
        var templates: String?

        func run() throws {
            let templates = try Templates.load(from: try TemplateLocator.find(explicit: templates))
            let file = (into.hasSuffix("/") ? String(into.dropLast()) : into) + "/" + Slug.make(from: account) + ".yaml"
            do {
                let pipeline = Pipeline(templates: templates, flowsDirectory: flowsDirectory)
                let flow = try pipeline.loadFlow(named: flow, besideProfilesIn: into)
                let text = try ProfileScaffold.text(account: account, flowName: self.flow, flow: flow,
                                                    start: nextWorkingDay(), file: file, templates: templates)
                try ProfileFiles.write([(file, text)], force: false)
                print("wrote \(file)")
            } catch let error as KickoffError {
                printError("error: \(error.description)")
                throw ExitCode(1)
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
            abstract: "Turn a CSV export (one row per account) into profile YAML files.",
            discussion: """
            Columns (header row, any order): \(ProfileImport.columns.joined(separator: ", ")).
            account and start are required. pain_points and goals are `id: text` pairs, separated by ; or one per
            line; goal_dates and goal_measures pair a goal id with its by (date or span) and measure. working_days
            and holidays are separated by commas or spaces. Every row is checked like a hand-written profile; on
            any error nothing is written. Existing profiles are not overwritten unless --force.
            """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "csv"))
        var csv: String

        @Option(help: ArgumentHelp("The product flow for rows without a flow column.", valueName: "name"))
        var flow: String

        @Option(help: ArgumentHelp("Folder to write the profiles into.", valueName: "dir"))
        var into: String = "plans"

        @Flag(help: "Replace existing profiles with the same name.")
        var force = false

        func run() throws {
            do {
                guard let data = FileManager.default.contents(atPath: csv) else {
                    throw KickoffError(file: csv, problem: "cannot be read", fix: "check the path")
                }
                let profiles = try ProfileImport.profiles(fromCSV: data, file: csv, flow: flow)
                let folder = into.hasSuffix("/") ? String(into.dropLast()) : into
                try ProfileFiles.write(profiles.map { ("\(folder)/\($0.fileName)", $0.yaml) }, force: force)
                for profile in profiles { print("wrote \(folder)/\(profile.fileName) (\(csv) line \(profile.line))") }
            } catch let error as KickoffError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
        }
    }
}
