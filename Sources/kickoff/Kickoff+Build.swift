import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff build`: plans and handouts for one account or a whole folder of accounts.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build plan.md, plan.html, plan.json and plan.ics for each profile.",
            discussion: """
            Each profile gets its own folder under --out, named after the profile file
            (plans/acme.yaml → out/acme/). A profile with an error is reported and nothing
            is written for it; the others are still built. Exit code 1 if any profile failed.
            """
        )

        @OptionGroup var input: InputOptions

        @Option(help: ArgumentHelp("Output folder; each account gets a folder inside it.", valueName: "dir"))
        var out: String = "out"

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Schedule remaining work from this day (YYYY-MM-DD), for a plan regenerated mid-way.", valueName: "date"))
        var asOf: String?

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        @Flag(help: "Also print each handout to plan.pdf with a local headless Chromium or Chrome.")
        var pdf = false

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil {
                throw ValidationError("--as-of: \"\(asOf)\" is not a date; use YYYY-MM-DD")
            }
            if pdf, PDFPrinter.findBrowser() == nil {
                throw ValidationError("--pdf needs Chromium or Chrome on PATH (looked for \(["chromium", "chromium-browser", "google-chrome"].joined(separator: ", "))); install it with `apt-get install chromium`, or build without --pdf and print plan.html from a browser")
            }
        }

        func run() throws {
            let pipeline = try input.pipeline()
            let files = try input.profileFiles()
            let items = Batch.run(files, pipeline: pipeline, out: out, asOf: asOf.flatMap(Day.init(iso:)),
                                  pdfBrowser: pdf ? PDFPrinter.findBrowser() : nil)
            var failed = 0
            for item in items {
                switch item.result {
                case .success(let (build, outcome)):
                    for warning in build.warnings where !quiet { printError(warning.description) }
                    if !quiet {
                        let atRisk = build.plan.goals.filter { $0.status == .atRisk }.count
                        let risk = atRisk > 0 ? ", \(atRisk) goal(s) at risk" : ""
                        print("\(outcome.rawValue): \(out)/\(build.slug)/ (\(build.plan.steps.count) steps, \(build.plan.start.iso) to \(build.plan.end.iso)\(risk))")
                    }
                case .failure(let error):
                    failed += 1
                    printError("error: \(error.description)")
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }

        static func describe(_ error: Error, file: String) -> String {
            if let error = error as? KickoffError { return "error: \(error.description)" }
            return "error: \(file): \(error.localizedDescription)"
        }
    }
}
