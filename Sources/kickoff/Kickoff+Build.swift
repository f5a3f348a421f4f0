import ArgumentParser
import Foundation
import KickoffKit

extension Kickoff {
    /// `kickoff build`: plans and handouts for one account or a whole folder of accounts.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build plan.md, plan.html, plan.json and plan.ics for each profile.",
            usage: """
            kickoff build <profile>... [--out <dir>] [--as-of <date>] [--since <f>]
                    [--strict] [--pdf] [--force] [-q|-qq] [--flows <dir>]
                    [--flow <file>...] [--templates <dir>]
            """,
            discussion: """
            Each profile gets its own folder under --out, named after the profile file
            (plans/acme.yaml → out/acme/). A profile with an error is reported and nothing
            is written for it; the others are still built. Exit code 1 if any profile failed.
            """
        )

        @OptionGroup var input: InputOptions

        @Option(help: ArgumentHelp("Output folder; each account gets a folder inside it.", valueName: "dir"))
        var out: String = "out"

        @OptionGroup var asOf: AsOfOption

        @Option(help: ArgumentHelp("Compare with this earlier plan.json instead of the one in the output folder (one profile only).", valueName: "file"))
        var since: String?

        @Flag(name: .shortAndLong, help: "Print only errors and the one summary line; -qq prints only errors.")
        var quiet: Int

        @Flag(help: "Treat warnings (ids no step serves, unknown roles, goals at risk) as errors: nothing is written for such an account.")
        var strict = false

        @Flag(help: "Also print each handout to plan.pdf with a local headless Chromium or Chrome.")
        var pdf = false

        @Flag(help: "Render every account, even those whose inputs have not changed since their last build.")
        var force = false

        func validate() throws {
            // A folder of profiles counts by what it holds: --since belongs to exactly one account.
            if since != nil, let files = try? input.profileFiles(), Set(files.map(FileIdentity.init(of:))).count != 1 {
                throw ValidationError("--since compares one account with its earlier plan.json, and \(files.count) profiles were named; name one profile, or leave --since out")
            }
            if let since {
                guard let data = FileManager.default.contents(atPath: since) else {
                    throw ValidationError("--since: \(since) cannot be read")
                }
                if PreviousVersion(json: data, source: since, named: true).plan == nil {
                    throw ValidationError("--since: \(since) is not a plan.json Kickoff wrote")
                }
            }
            if out.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--out: name a folder, like --out out")
            }
            if pdf, PDFPrinter.findBrowser() == nil {
                throw ValidationError("--pdf needs Chromium or Chrome on PATH (looked for \(["chromium", "chromium-browser", "google-chrome"].joined(separator: ", "))); install it with `apt-get install chromium`, or build without --pdf and print plan.html from a browser")
            }
        }

        func run() throws {
            let pipeline = try input.pipeline(strict: strict)
            let files = try input.profileFiles()
            var previous: PreviousVersion?
            if let since, let data = FileManager.default.contents(atPath: since) {
                previous = PreviousVersion(json: data, source: since, named: true)
            }
            let accounts: Batch.Accounts
            do {
                accounts = try Batch.accounts(for: files, out: out)
            } catch let clash as Batch.FolderClash {
                for error in clash.errors { _ = Diagnostics.fail(error) }
                printError("nothing was written")
                throw ExitCode(1)
            }
            let progress = ProgressLine(total: accounts.count, enabled: quiet == 0 && isatty(STDERR_FILENO) == 1 && accounts.count > 1)
            let report = BuildReport(out: out, quiet: quiet, accounts: accounts.count)
            // A folder of profiles is a book: it gets a dashboard, out/index.html.
            let book = input.paths.contains { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
            do {
                try Batch.stream(accounts, pipeline: pipeline, out: out, asOf: asOf.rule,
                                 since: previous, pdfBrowser: pdf ? PDFPrinter.findBrowser() : nil, force: force, withRows: book,
                                 leftovers: { names in
                                     for name in names {
                                         printError("\(FilePaths.join(out, name)): warning: an earlier build left this folder and it cannot be removed; remove it by hand")
                                     }
                                 },
                                 waiting: { holder in
                                     printError("waiting for another kickoff build\(holder.map { " (process \($0))" } ?? "") to finish writing \(out)/")
                                 },
                                 progress: progress.update,
                                 finally: {
                                     guard book else { return }
                                     let now: AsOf = .today(Date())
                                     let today: Day = asOf.day ?? now.day(in: "UTC") ?? Day(ordinal: 0)
                                     try report.dashboard.write(into: out, built: today, templates: pipeline.templates)
                                 },
                                 report: report.add)
            } catch let error as KickoffError {
                progress.finish()
                throw Diagnostics.fail(error)
            }
            progress.finish()
            report.finish()
            if report.summary.failed > 0 { throw ExitCode(1) }
        }
    }
}

/// What `kickoff build` prints: a line per account built (as each is done, in order), its warnings, each error
/// once however many accounts it stopped, and one summary line. It keeps only the errors, not the accounts.
final class BuildReport: @unchecked Sendable {
    private let out: String
    private let quiet: Int
    private let accounts: Int
    private(set) var summary = Batch.Summary()
    /// What the book's dashboard shows, gathered as accounts arrive.
    let dashboard: BookDashboard
    private var errors: [(error: KickoffError, profiles: [String])] = []

    init(out: String, quiet: Int, accounts: Int) {
        self.out = out
        self.quiet = quiet
        self.accounts = accounts
        dashboard = BookDashboard(accounts: accounts)
    }

    /// One account, in order (the batch calls this one item at a time).
    func add(_ item: Batch.Item) {
        summary.add(item)
        dashboard.add(item)
        switch item.result {
        case .success(let built):
            guard quiet == 0 else { return }
            for warning in built.warnings { Diagnostics.warn(warning) }
            if built.outcome != .unchanged || accounts == 1 {
                let risk = built.goalsAtRisk > 0 ? ", \(built.goalsAtRisk) goal(s) at risk" : ""
                let changed = built.changes.map { $0 == 0 ? "" : ", \($0) change(s)" } ?? ""
                print("\(built.outcome.rawValue): \(FilePaths.join(out, built.slug))/ (\(built.steps) steps, \(built.start.iso) to \(built.end.iso)\(risk)\(changed))")
            }
        case .failure(let error):
            if let index = errors.firstIndex(where: { $0.error == error }) {
                errors[index].profiles.append(item.profilePath)
            } else {
                errors.append((error, [item.profilePath]))
            }
        }
    }

    /// The errors, each once with the accounts it stopped, and the summary line.
    func finish() {
        for (error, profiles) in errors {
            let shared = profiles.count > 1 ? " (stopped \(profiles.count) accounts: \(profiles.prefix(3).joined(separator: ", "))\(profiles.count > 3 ? ", …" : ""))" : ""
            printError("error: \(error.description)\(shared)")
        }
        if quiet < 2, accounts > 1 || quiet == 1 {
            print("\(accounts) account\(accounts == 1 ? "" : "s"): \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.failed) failed; \(summary.goalsAtRisk) goal(s) at risk")
        }
    }
}

/// `[  37/200] building accounts` on a terminal, redrawn in place; silent when output is not a terminal.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Redraws the line for `done` accounts finished.
    func update(_ done: Int) {
        guard enabled else { return }
        lock.withLock {
            // Redraw at most ten times a second, and always at the end.
            guard done == total || Date().timeIntervalSince(lastDrawn) > 0.1 else { return }
            lastDrawn = Date()
            FileHandle.standardError.write(Data("\r[\(String(repeating: " ", count: String(total).count - String(done).count))\(done)/\(total)] building accounts".utf8))
        }
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
