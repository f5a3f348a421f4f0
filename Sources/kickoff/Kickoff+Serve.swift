import ArgumentParser
import Foundation
import KickoffKit
import KickoffServer

extension Kickoff {
    /// `kickoff serve`: the book in the browser, rebuilt as its files change.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the book in a browser on 127.0.0.1, rebuilding as files change.",
            usage: "kickoff serve [<plans>] [--out <dir>] [--port <n>] [--open] [--host <h> --token <t>]",
            discussion: """
            Pages: the dashboard, today's agenda, each account's steps with a button to
            record one done (the same edit as `kickoff done`), its handout, the mail due
            and what changed. When a profile, a flow, a guide image or a template changes,
            the book rebuilds and open pages reload; an edit that does not build shows its
            error on the account's page and leaves the last good files in --out.
            Stop with Ctrl-C.
            """
        )

        @Argument(help: ArgumentHelp("The folder of profiles.", valueName: "plans"))
        var plans: String = "plans"

        @Option(help: ArgumentHelp("The folder the plans are built into and served from.", valueName: "dir"))
        var out: String = "out"

        @Option(help: ArgumentHelp("The outbox kickoff mail writes to (the mail page reads its ledger).", valueName: "dir"))
        var outbox: String = "outbox"

        @Option(help: ArgumentHelp("The port (0 picks a free one).", valueName: "n"))
        var port: Int = 8080

        @Option(help: ArgumentHelp("Listen on this address instead of 127.0.0.1; needs --token.", valueName: "address"))
        var host: String = "127.0.0.1"

        @Option(help: ArgumentHelp("A secret every request must carry (open the printed address once to set it).", valueName: "token"))
        var token: String?

        @Flag(help: "Open the book in the default browser.")
        var open = false

        @Option(name: .customLong("flows"), help: ArgumentHelp("Folder of product flows (default: flows/ beside the plans folder).", valueName: "dir"))
        var flowsDirectory: String?

        @Option(help: ArgumentHelp("Folder of handout templates (default: Kickoff's own templates/).", valueName: "dir"))
        var templates: String?

        @OptionGroup var asOf: AsOfOption

        func validate() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: plans, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(plans): is not a folder of profiles; name one, like plans/")
            }
            if !["127.0.0.1", "localhost", "::1"].contains(host), (token ?? "").count < 16 {
                throw ValidationError("--host \(host) makes the book reachable from other machines: give --token with a secret of 16 or more characters too")
            }
            if !(0...65535).contains(port) { throw ValidationError("--port: use a number from 1 to 65535, or 0 for a free one") }
        }

        func run() throws {
            let options = ServeOptions(plans: plans, out: out, outbox: outbox, flowsDirectory: flowsDirectory,
                                       templates: try TemplateLocator.find(explicit: templates), asOf: asOf.rule)
            let book: BookState
            do {
                book = try BookState(options: options)
            } catch let error as KickoffError {
                throw Diagnostics.fail(error)
            }
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let tokenPart = token.map { "?token=\($0)" } ?? ""
            let open = self.open
            let app = BookServer.application(book: book, host: host, port: port, accessToken: token) { port in
                let url = "http://\(shownHost):\(port)/\(tokenPart)"
                // Written at once (not buffered), so a script reading the output sees the address.
                FileHandle.standardOutput.write(Data("Serving \(options.plans) at \(url) (Ctrl-C to stop)\n".utf8))
                if open, let opener = ["/usr/bin/xdg-open", "/usr/bin/open"].first(where: FileManager.default.isExecutableFile(atPath:)) {
                    _ = try? Process.run(URL(fileURLWithPath: opener), arguments: [url])
                }
            }
            let finished = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                let watcher = Task { await book.watch() }
                do {
                    try await app.runService()
                } catch {
                    failure.set("\(error)")
                }
                watcher.cancel()
                finished.signal()
            }
            finished.wait()
            if let message = failure.message {
                printError("error: the server stopped: \(message)")
                throw ExitCode(1)
            }
            FileHandle.standardOutput.write(Data("Stopped.\n".utf8))
        }
    }
}

/// Why the server stopped, set by its task.
private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    func set(_ message: String) { lock.withLock { value = message } }
    var message: String? { lock.withLock { value } }
}
