import ArgumentParser
import Foundation
import KickoffKit

/// `kickoff`: personalized onboarding plans and quick-start handouts from an account profile and a product flow.
@main
struct Kickoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kickoff",
        abstract: "Onboarding plans and quick-start handouts for new accounts.",
        discussion: """
        A CSM keeps two plain YAML files:

          plans/<account>.yaml  who the customer is: account, flow, start
                                (required); locale, timezone, contact, csm,
                                persona, pain_points, goals, cadence, pace,
                                working_days, holidays, progress, notes
          flows/<product>.yaml  the product's steps: product, phases, steps
                                (required); tagline, support, resources.
                                Each step: id, title, phase (required);
                                owner, effort, wait, after, required, solves,
                                serves, audience, value, guide, milestone,
                                resources

        `kickoff build plans/` writes out/<profile-name>/ with plan.md,
        plan.html, plan.json and plan.ics for each profile. The README lists
        every field with an example.

        Exit codes: 0 done, 1 bad input (each problem is named with its file,
        line and field), 2 wrong use of the command line.
        """,
        version: KickoffVersion.current,
        // Each command names itself (`commandName:`): a name derived from the type is found by reflection each
        // time the parser asks, 62 times a run, which was an eighth of a one-account build's instructions.
        subcommands: [Build.self, Validate.self, Done.self, Today.self, Status.self, Mail.self, Send.self, Serve.self, Explain.self, Diff.self, New.self, Import.self]
    )

    /// Runs the command line; usage errors exit with 2, every other failure was printed where it happened.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .validationFailure { Diagnostics.usage(fullMessage(for: error)) }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            // A usage error found while running (no templates folder, say) is shown with that command's usage,
            // as the parser shows its own.
            if exitCode(for: error) == .validationFailure {
                let type = type(of: command)
                let usage = usageString(for: type).replacingOccurrences(of: "\n", with: "\n       ")
                Diagnostics.usage("Error: \(message(for: error))\nUsage: \(usage)\n"
                                  + "  See 'kickoff \(type.configuration.commandName ?? "") --help' for more information.")
            }
            exit(withError: error)
        }
    }
}

/// The one place the command line prints problems: `error: …` and `warning: …` on standard error, with the
/// exit codes the help text states.
enum Diagnostics {
    /// A problem with the input: printed, and the command ends with exit code 1.
    static func fail(_ error: KickoffError) -> ExitCode {
        printError("error: \(error.description)")
        return ExitCode(1)
    }

    /// A wrong use of the command line: printed, and the command ends with exit code 2.
    static func usage(_ message: String) -> Never {
        printError(message)
        Foundation.exit(2)
    }

    /// A warning, printed and not stopping anything.
    static func warn(_ warning: Warning) {
        printError(warning.description)
    }
}

extension Day: ExpressibleByArgument {
    /// `--as-of 2026-12-15`: refused by the parser, as a usage error, when it is not a real day.
    public init?(argument: String) { self.init(iso: argument) }
}

/// `--as-of`, shared by every command that schedules.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Schedule remaining work from this day (YYYY-MM-DD); default: today in each account's time zone.", valueName: "date"))
    var day: Day?

    /// The day to schedule from: the one given, or today in each account's zone.
    var rule: AsOf { day.map(AsOf.day) ?? .today(Date()) }
}

/// Options every subcommand that reads profiles shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Profile files, or folders of profiles (every .yaml file in them).", valueName: "profile"))
    var paths: [String]

    @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows (default: flows/ beside the profiles' folder).", valueName: "dir"))
    var flowsDirectory: String?

    @Option(name: .customLong("flow"), help: ArgumentHelp("A flow file profiles may reference by path; repeat for more.", valueName: "file"))
    var flowFiles: [String] = []

    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one profile file or folder, e.g. kickoff build plans/") }
    }

    /// Profile files in a stable order: files as given, then each folder's .yaml files sorted by name.
    func profileFiles() throws -> PathList { try Self.profileFiles(in: paths) }

    /// The profile files that `paths` (files and folders) name: a folder's in the order of their names.
    static func profileFiles(in paths: [String]) throws -> PathList {
        var files = PathList()
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                if try ProfileFolder.list(path, into: &files) == 0 { throw ValidationError("\(path): holds no .yaml profiles") }
            } else {
                files.append(path)
            }
        }
        return files
    }

    func pipeline(strict: Bool = false) throws -> Pipeline {
        return Pipeline(templates: try templateOptions.load(), flowsDirectory: flowsDirectory, namedFlowFiles: flowFiles, strict: strict)
    }
}

/// The book's profiles, the folder their plans were built into, and the day: shared by `today` and `status`.
struct BookOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Profile files, or folders of profiles.", valueName: "profile"))
    var paths: [String]

    @Option(help: ArgumentHelp("The output folder the plans were built into.", valueName: "dir"))
    var out: String = "out"

    @OptionGroup var asOf: AsOfOption

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one profile file or folder, e.g. plans/") }
    }
}

/// `--templates`, shared by every command that renders.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Folder of handout templates (default: Kickoff's own templates/).", valueName: "dir"))
    var templates: String?

    /// The templates, loaded and checked.
    func load() throws -> Templates {
        do {
            return try Templates.load(from: try TemplateLocator.find(explicit: templates))
        } catch let error as KickoffError {
            throw Diagnostics.fail(error)
        }
    }
}

/// Finds the templates folder: `--templates`, then `$KICKOFF_TEMPLATES`, then `templates/` here or beside the binary.
enum TemplateLocator {
    static func find(explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["KICKOFF_TEMPLATES"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let marker = "plan.md.mustache"
        if FileManager.default.fileExists(atPath: "templates/\(marker)") { return "templates" }
        // Installed layouts (<prefix>/bin/kickoff with <prefix>/share/kickoff/templates) and the build folder inside a checkout.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in ["share/kickoff/templates", "templates"] {
                let url = folder.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path) { return url.path }
            }
            folder.deleteLastPathComponent()
        }
        throw ValidationError("Cannot find Kickoff's templates folder; pass --templates DIR or set KICKOFF_TEMPLATES.")
    }
}

/// Writes to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
