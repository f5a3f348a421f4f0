import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff validate`: checks profiles and their flows without writing anything.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check profiles and flows without writing anything.",
            usage: """
            kickoff validate <path>... [--strict] [--flows <dir>] [--flow <file>...]
                    [--templates <dir>]
            """,
            discussion: """
            Takes profiles, flows (files with top-level product: and steps:), or folders of either. Warns about
            goals and pain points no step addresses, goal dates on non-working days, goals at risk, and flow steps
            no plan could ever include. Exit code 0 when everything is valid (warnings are printed), 1 on errors.
            """
        )

        @OptionGroup var input: InputOptions

        @Flag(help: "Treat warnings as errors (exit code 1), for checks in CI.")
        var strict = false

        func run() throws {
            let pipeline = try input.pipeline(strict: strict)
            var failed = 0
            for file in try input.profileFiles() {
                do {
                    let warnings = try pipeline.validate(fileAt: file, asOf: .today(Date()))
                    for warning in warnings { Diagnostics.warn(warning) }
                    print("ok: \(file)")
                } catch let error as KickoffError {
                    failed += 1
                    _ = Diagnostics.fail(error)
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
