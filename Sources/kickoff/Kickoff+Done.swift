import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff done`: records in a profile that the customer finished a step.
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Record in a profile that the customer finished a step.",
            usage: "kickoff done <profile> <step> [--on <date>] [--undo] [--flows <dir>]\n        [--templates <dir>]",
            discussion: """
            Adds `STEP: DAY` under progress: in the profile file itself (creating
            progress: if it is missing) and changes no other byte: comments, blank lines,
            key order, quoting and line endings are kept. --undo removes exactly that
            entry. The day is today in the account's time zone unless --on gives one; it
            may not be before the start or after today. A step already recorded is left
            as it is (exit code 0).
            """
        )

        @Argument(help: ArgumentHelp("The account profile.", valueName: "profile"))
        var profile: String

        @Argument(help: ArgumentHelp("The step id, as in the flow (import-contacts).", valueName: "step"))
        var step: String

        @Option(help: ArgumentHelp("The day it was done (YYYY-MM-DD); default: today in the account's time zone.", valueName: "date"))
        var on: Day?

        @Flag(help: "Remove the step's entry instead.")
        var undo = false

        @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows (default: flows/ beside the profile's folder).", valueName: "dir"))
        var flowsDirectory: String?

        @OptionGroup var templates: TemplateOptions

        func validate() throws {
            if undo, on != nil { throw ValidationError("--on and --undo do not go together: --undo removes the step's entry, whatever its day") }
        }

        func run() throws {
            let pipeline = Pipeline(templates: try templates.load(), flowsDirectory: flowsDirectory)
            do {
                switch try ProgressRecord.record(step: step, on: on, undo: undo, profileAt: profile, pipeline: pipeline) {
                case .recorded(let line): print("recorded: \(profile):\(line): \(step) done on \(on?.iso ?? "today")")
                case .alreadyDone(let day): print("already recorded: \(step) was done on \(day.iso) (\(profile)); nothing changed")
                case .removed: print("removed: \(step) from the progress in \(profile)")
                case .notRecorded: print("not recorded: \(step) is not in the progress in \(profile); nothing changed")
                }
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
        }
    }
}
