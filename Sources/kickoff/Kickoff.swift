import ArgumentParser
import Foundation
import KickoffKit

/// `kickoff`: personalized onboarding plans and quick-start handouts from an account profile and a product flow.
@main
struct Kickoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kickoff",
        abstract: "Turn an account profile and a product flow into a personalized onboarding plan and handout.",
        discussion: """
        A CSM keeps two plain YAML files:
          plans/<account>.yaml  the account profile: account, flow, start (required); locale, timezone,
                                contact, csm, persona, pain_points, goals, cadence, pace, working_days,
                                holidays, progress, notes
          flows/<product>.yaml  the product flow: product, phases, steps (required); tagline, support,
                                resources. Each step: id, title, phase (required); owner, effort, wait,
                                after, required, solves, serves, audience, value, guide, milestone, resources

        `kickoff build` writes, for each profile, <out>/<profile-name>/ with plan.md, plan.html,
        plan.json and plan.ics. The README lists every field with an example.
        """,
        subcommands: [Build.self, Validate.self, Explain.self, Diff.self, New.self, Import.self]
    )
}

/// Options every subcommand that reads profiles shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Profile files, or folders of profiles (every .yaml file in them).", valueName: "profile"))
    var paths: [String]

    @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows (default: flows/ beside the profiles' folder).", valueName: "dir"))
    var flowsDirectory: String?

    @Option(name: .customLong("flow"), help: ArgumentHelp("A flow file profiles may reference by path; repeat for more.", valueName: "file"))
    var flowFiles: [String] = []

    @Option(help: ArgumentHelp("Folder of handout templates (default: Kickoff's own templates/).", valueName: "dir"))
    var templates: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one profile file or folder, e.g. kickoff build plans/") }
    }

    /// Profile files in a stable order: files as given, then each folder's .yaml files sorted by name.
    func profileFiles() throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
                    .sorted()
                if names.isEmpty { throw ValidationError("\(path): holds no .yaml profiles") }
                let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                files += names.map { "\(folder)/\($0)" }
            } else {
                files.append(path)
            }
        }
        return files
    }

    func pipeline(strict: Bool = false) throws -> Pipeline {
        let directory = try TemplateLocator.find(explicit: templates)
        return Pipeline(templates: try Templates.load(from: directory), flowsDirectory: flowsDirectory, namedFlowFiles: flowFiles, strict: strict)
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
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
