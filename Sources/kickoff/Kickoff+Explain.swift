import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff explain`: why a step of an account's plan falls on its day.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Explain why a step of an account's plan is on its day.",
            usage: "kickoff explain <profile> <step> [--as-of <date>] [--out <dir>]\n        [--flows <dir>] [--templates <dir>]",
            discussion: """
            Prints, in the profile's language: why the step is in the plan, which
            prerequisite or pace limit set its day, and which weekends and holidays it
            skips. Without --as-of it explains the plan as last built (the day of
            out/<account>/plan.json), so step numbers match the handout the customer has.
            """
        )

        @Argument(help: ArgumentHelp("The account profile.", valueName: "profile"))
        var profile: String

        @Argument(help: ArgumentHelp("A step id (verify-domain) or its number in the plan (3).", valueName: "step"))
        var step: String

        @OptionGroup var asOf: AsOfOption

        @Option(help: ArgumentHelp("The output folder the plan was built into.", valueName: "dir"))
        var out: String = "out"

        @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows.", valueName: "dir"))
        var flowsDirectory: String?

        @OptionGroup var templates: TemplateOptions

        /// The day to explain: `--as-of`, else the day the plan in the output folder was built for, else today.
        var day: AsOf {
            if let day = asOf.day { return .day(day) }
            let built = FilePaths.join(FilePaths.join(out, Slug.make(fromFileAt: profile)), "plan.json")
            guard let data = FileManager.default.contents(atPath: built), let plan = PreviousVersion(json: data, source: built).plan else {
                return .today(Date())
            }
            return plan.asOf.map(AsOf.day) ?? .start
        }

        func run() throws {
            let pipeline = Pipeline(templates: try templates.load(), flowsDirectory: flowsDirectory)
            do {
                for line in try pipeline.explain(profileAt: profile, step: step, asOf: day) { print(line) }
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
        }
    }

    /// `kickoff diff`: what changed between two versions of a plan.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two plan.json files and say what changed.",
            discussion: "Exit code 0 when the plans are the same, 1 when they differ, 2 when a file\ncannot be read."
        )

        @Argument(help: ArgumentHelp("The earlier plan.json.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The later plan.json.", valueName: "new"))
        var new: String

        @OptionGroup var templates: TemplateOptions

        func run() throws {
            let plans = try [old, new].map { path -> Plan in
                guard let data = FileManager.default.contents(atPath: path), let plan = PreviousVersion(json: data, source: path).plan else {
                    printError("error: \(path): is not a plan.json Kickoff wrote; name the plan.json files of two builds")
                    throw ExitCode(2)
                }
                return plan
            }
            if plans[0].content == plans[1].content {
                print("The plans are the same.")
                return
            }
            let lines = try templates.load().describeChanges(from: plans[0], to: plans[1])
            for line in lines { print("- " + line) }
            if lines.isEmpty { print("- The plans differ only in details the handout does not show (warnings or scheduling notes).") }
            throw ExitCode(1)
        }
    }
}
