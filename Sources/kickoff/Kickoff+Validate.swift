import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff validate`: checks profiles and their flows without writing anything.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check profiles and their flows without writing anything.",
            discussion: "Exit code 0 when every profile is valid (warnings are printed), 1 when any has an error."
        )

        @OptionGroup var input: InputOptions

        func run() throws {
            let pipeline = try input.pipeline()
            var failed = 0
            for file in try input.profileFiles() {
                do {
                    let warnings = try pipeline.validate(profileAt: file)
                    for warning in warnings { printError(warning.description) }
                    print("ok: \(file)")
                } catch {
                    failed += 1
                    printError(Build.describe(error, file: file))
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
