import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KickoffKit
import KickoffServer
import NIOCore
import Testing

/// `kickoff serve`'s routes and refusals, through HummingbirdTesting, on a copy of the sample book.
@Suite("The web app", .serialized)
struct ServerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of plans/ and flows/ in a new folder, and a book over it built as of 2026-11-23.
    func book(asOf: String = "2026-11-23") throws -> (BookState, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["plans", "flows"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let options = ServeOptions(plans: root.appendingPathComponent("plans").path, out: root.appendingPathComponent("out").path,
                                   outbox: root.appendingPathComponent("outbox").path,
                                   templates: Self.repository.appendingPathComponent("templates").path, asOf: .day(Day(iso: asOf)!))
        return (try BookState(options: options), root)
    }

    /// HummingbirdTesting sends every request to `localhost` (no port).
    let local: HTTPFields = [:]

    func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func everyPageOfTheBookIsServed() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = BookServer.application(book: book)
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: local) { response in
                #expect(response.status == .ok)
                #expect(body(response).contains("<iframe src=\"/out/index.html\""))
                #expect(body(response).contains("<a href=\"/accounts/acme-outdoor\">Acme Outdoor Co.</a>"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
            try await client.execute(uri: "/out/index.html", method: .get, headers: local) { response in
                #expect(response.status == .ok)
                let written = try String(contentsOf: root.appendingPathComponent("out/index.html"), encoding: .utf8)
                #expect(String(buffer: response.body) == written)
            }
            try await client.execute(uri: "/out/acme-outdoor/plan.html", method: .get, headers: local) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let written = try Data(contentsOf: root.appendingPathComponent("out/acme-outdoor/plan.html"))
                #expect(response.body == ByteBuffer(bytes: written), "the handout exactly as plan.html")
            }
            try await client.execute(uri: "/accounts/acme-outdoor", method: .get, headers: local) { response in
                #expect(response.status == .ok)
                #expect(body(response).contains("data-step=\"create-account\">Mark done</button>"))
                #expect(body(response).contains("<iframe src=\"/out/acme-outdoor/plan.html\""))
            }
            try await client.execute(uri: "/today", method: .get, headers: local) { response in
                #expect(response.status == .ok && body(response).contains("<pre class=\"agenda\">"))
            }
            try await client.execute(uri: "/accounts/acme-outdoor/mail", method: .get, headers: local) { response in
                #expect(response.status == .ok)
                #expect(body(response).contains("welcome: Your Emailsaurus onboarding plan"))
            }
            try await client.execute(uri: "/accounts/acme-outdoor/changes", method: .get, headers: local) { response in
                #expect(response.status == .ok && body(response).contains("This is the first version of the plan."))
            }
            try await client.execute(uri: "/version", method: .get, headers: local) { response in
                #expect(response.status == .ok && Int(body(response)) == book.version)
            }
        }
    }

    @Test func nothingOutsideTheOutFolderIsServed() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        // A link inside an account's folder that leads out of out/.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out/acme-outdoor/secret.yaml").path,
                                                   withDestinationPath: root.appendingPathComponent("plans/acme-outdoor.yaml").path)
        let app = BookServer.application(book: book)
        try await app.test(.router) { client in
            for uri in ["/out/../plans/acme-outdoor.yaml", "/out/%2e%2e/plans/acme-outdoor.yaml", "/out/acme-outdoor%2f..%2f..%2fplans%2facme-outdoor.yaml",
                        "/out/acme-outdoor/secret.yaml", "/out/acme-outdoor/..%2f..%2fplans%2facme-outdoor.yaml", "/out/.kickoff.lock",
                        "/out/nobody/plan.html", "/accounts/nobody", "/accounts/nobody/mail", "/plans/acme-outdoor.yaml", "/etc/passwd",
                        "/out/acme-outdoor/%00plan.html"] {
                try await client.execute(uri: uri, method: .get, headers: local) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!body(response).contains("account: Acme Outdoor Co."), "\(uri)")
                }
            }
        }
    }

    @Test func writesComeOnlyFromTheAppsOwnForms() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        let before = try String(contentsOf: profile, encoding: .utf8)
        let app = BookServer.application(book: book)
        let form = "step=create-account&token=\(book.formToken)"
        try await app.test(.router) { client in
            // Another site's page posting to the app.
            try await client.execute(uri: "/accounts/acme-outdoor/done", method: .post,
                                     headers: [.origin: "https://evil.example", .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .forbidden)
            }
            // No Origin and no Referer.
            try await client.execute(uri: "/accounts/acme-outdoor/done", method: .post, headers: local, body: ByteBuffer(string: form)) { response in
                #expect(response.status == .forbidden)
            }
            // The right origin without the run's token.
            try await client.execute(uri: "/accounts/acme-outdoor/done", method: .post,
                                     headers: [.origin: "http://localhost"],
                                     body: ByteBuffer(string: "step=create-account&token=guess")) { response in
                #expect(response.status == .forbidden)
            }
            // Too large a body.
            try await client.execute(uri: "/accounts/acme-outdoor/done", method: .post,
                                     headers: [.origin: "http://localhost"],
                                     body: ByteBuffer(string: form + "&pad=" + String(repeating: "x", count: 20_000))) { response in
                #expect(response.status == .contentTooLarge)
            }
            // A GET never writes.
            try await client.execute(uri: "/accounts/acme-outdoor/done?" + form, method: .get, headers: local) { response in
                #expect(response.status != .seeOther)
            }
            // An unknown account.
            try await client.execute(uri: "/accounts/nobody/done", method: .post,
                                     headers: [.origin: "http://localhost"], body: ByteBuffer(string: form)) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try String(contentsOf: profile, encoding: .utf8) == before, "no refused request changed the profile")
    }

    @Test func markingAStepDoneEditsOneLineAndRebuilds() async throws {
        let (book, root) = try book(asOf: "2026-12-02")
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        let before = try String(contentsOf: profile, encoding: .utf8)
        let version = book.version
        let app = BookServer.application(book: book)
        try await app.test(.router) { client in
            try await client.execute(uri: "/accounts/acme-outdoor/done", method: .post,
                                     headers: [.referer: "http://localhost/accounts/acme-outdoor",
                                               .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "step=create-account&token=\(book.formToken)")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/accounts/acme-outdoor")
            }
        }
        let after = try String(contentsOf: profile, encoding: .utf8)
        let added = after.split(separator: "\n", omittingEmptySubsequences: false).count - before.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(after.hasPrefix(before.hasSuffix("\n") ? before : before + "\n"), "every line the CSM wrote is kept, comments included")
        #expect(added == 2 && after.contains("progress:\n  create-account: "), "progress: and the step's line")
        #expect(book.version > version, "the book rebuilt")
        let plan = try PlanJSON.decode(try Data(contentsOf: root.appendingPathComponent("out/acme-outdoor/plan.json")))
        #expect(plan.steps.first?.done == true)
    }

    @Test func anEditOnDiskRebuildsAndABrokenOneShowsItsErrorAndKeepsTheLastGoodFiles() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        let handout = root.appendingPathComponent("out/acme-outdoor/plan.html")
        // The CSM renames the account.
        let yaml = try String(contentsOf: profile, encoding: .utf8)
        try yaml.replacingOccurrences(of: "account: Acme Outdoor Co.", with: "account: Acme Outdoor Group").write(to: profile, atomically: true, encoding: .utf8)
        #expect(book.refresh())
        #expect(try String(contentsOf: handout, encoding: .utf8).contains("Acme Outdoor Group"))
        let good = try Data(contentsOf: handout)

        // Then saves a typo: the account page shows the error with file and line; out/ keeps the last good handout.
        try yaml.replacingOccurrences(of: "start: 2026-12-01", with: "start: 2026-13-01").write(to: profile, atomically: true, encoding: .utf8)
        #expect(book.refresh())
        #expect(try Data(contentsOf: handout) == good)
        let app = BookServer.application(book: book)
        try await app.test(.router) { client in
            try await client.execute(uri: "/accounts/acme-outdoor", method: .get, headers: local) { response in
                #expect(body(response).contains("acme-outdoor.yaml:4: start: &quot;2026-13-01&quot; is not a date"), "\(body(response))")
                #expect(body(response).contains("<iframe src=\"/out/acme-outdoor/plan.html\""))
            }
            try await client.execute(uri: "/", method: .get, headers: local) { response in
                #expect(body(response).contains("does not build"))
            }
        }
        #expect(!book.refresh(), "nothing changed since")
    }

    @Test func theLiveServerWatchesTheFiles() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = root.appendingPathComponent("plans/acme-outdoor.yaml")
        let app = BookServer.application(book: book, port: 0)
        let watcher = Task { await book.watch() }
        defer { watcher.cancel() }
        try await app.test(.live) { client in
            let version = book.version
            let yaml = try String(contentsOf: profile, encoding: .utf8)
            try yaml.replacingOccurrences(of: "account: Acme Outdoor Co.", with: "account: Acme Outdoor Live").write(to: profile, atomically: true, encoding: .utf8)
            let started = Date()
            while book.version == version, Date().timeIntervalSince(started) < 5 { try await Task.sleep(nanoseconds: 50_000_000) }
            #expect(book.version > version, "the watcher rebuilt the book")
            try await client.execute(uri: "/out/acme-outdoor/plan.html", method: .get, headers: local) { response in
                #expect(body(response).contains("Acme Outdoor Live"))
            }
        }
    }

    @Test func onlyLoopbackNamesAreAnsweredWithoutAToken() {
        for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"] { #expect(BookServer.isLoopback(host: host), "\(host)") }
        // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused.
        for host in ["attacker.example", "attacker.example:8080", "127.0.0.1.attacker.example", "", "[::2]:8080"] { #expect(!BookServer.isLoopback(host: host), "\(host)") }
    }

    @Test func withAnAccessTokenEveryRequestNeedsIt() async throws {
        let (book, root) = try book()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = BookServer.application(book: book, host: "0.0.0.0", accessToken: "a-long-secret-token-here")
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: [:]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/?token=a-long-secret-token-here", method: .get, headers: [:]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie]?.hasPrefix("kickoff_token=a-long-secret-token-here") == true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "kickoff_token=a-long-secret-token-here"]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
