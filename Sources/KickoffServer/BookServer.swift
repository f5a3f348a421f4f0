import Foundation
import Hummingbird
import KickoffKit
import Logging
import NIOCore

/// `kickoff serve`: the book in the browser over the same files and the same library code as the command line.
///
/// Routes: `/` the book (the dashboard as built), `/today` the agenda, `/accounts/<account>` an account's steps and
/// handout, `POST /accounts/<account>/done` records a step as `kickoff done` does, `/accounts/<account>/mail` the
/// messages due, `/accounts/<account>/changes` what the last build changed, `/out/…` the built files, and
/// `/version`, which the pages poll to reload when the book changes. Only files under `out/` are served.
public enum BookServer {
    /// Largest request body accepted (a form with a step id and a token is far smaller).
    public static let maxBody = 16 * 1024

    /// The application for `book`, listening on `host:port` (127.0.0.1 unless told otherwise). `accessToken`,
    /// required when the host is not loopback, must come with every request (`?token=` once, then a cookie).
    public static func application(book: BookState, host: String = "127.0.0.1", port: Int = 8080, accessToken: String? = nil,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: Guard(accessToken: accessToken))
        let routes = Routes(book: book)
        router.get("/") { _, _ in routes.home() }
        router.get("/version") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: String(book.version)))) }
        router.get("/today") { _, _ in routes.today() }
        router.get("/accounts/:account") { _, context in try routes.account(context.parameters.require("account")) }
        router.get("/accounts/:account/mail") { _, context in try routes.mail(context.parameters.require("account")) }
        router.get("/accounts/:account/changes") { _, context in try routes.changes(context.parameters.require("account")) }
        router.post("/accounts/:account/done") { request, context in
            try await routes.done(try context.parameters.require("account"), request: request)
        }
        router.get("/out/**") { request, _ in routes.file(rawPath: request.uri.path) }
        // Kickoff prints its own lines; the server's log speaks up for warnings only.
        var logger = Logger(label: "kickoff.serve")
        logger.logLevel = .warning
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Whether a request's Host names this machine's loopback (`127.0.0.1`, `localhost`, `[::1]`, with any port).
    public static func isLoopback(host: String) -> Bool {
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.split(separator: ":").first ?? "")
        return ["127.0.0.1", "localhost", "[::1]"].contains(name)
    }

    /// A response with an HTML page of the app.
    static func html(_ body: String, title: String, version: Int, status: HTTPResponse.Status = .ok) -> Response {
        var nonceBytes = [UInt8](repeating: 0, count: 12)
        for index in nonceBytes.indices { nonceBytes[index] = UInt8.random(in: 0...255) }
        let nonce = Data(nonceBytes).base64EncodedString()
        let page = Pages.page(title: title, body: body, version: version, nonce: nonce)
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Pages.policy(nonce: nonce),
                                                  .cacheControl: "no-store", .xContentTypeOptions: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// 404, for anything the app does not serve.
    static func notFound(version: Int) -> Response {
        html(Pages.problem("Not found", "There is nothing here. The app serves the book's accounts and the files built for them."),
             title: "Not found", version: version, status: .notFound)
    }
}

/// Refuses requests whose Host is not the app's own (a web page elsewhere cannot reach the app through a name it
/// controls), and, with an access token, requests without it.
struct Guard<Context: RequestContext>: RouterMiddleware {
    let accessToken: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if accessToken == nil, !BookServer.isLoopback(host: request.head.authority ?? "") {
            return Response(status: .misdirectedRequest, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: "This app answers on 127.0.0.1 only.\n")))
        }
        guard let accessToken else { return try await next(request, context) }
        if let given = request.uri.queryParameters["token"], String(given) == accessToken {
            var response = try await next(request, context)
            response.headers[.setCookie] = "kickoff_token=\(accessToken); HttpOnly; SameSite=Strict; Path=/"
            return response
        }
        if request.cookies["kickoff_token"]?.value == accessToken { return try await next(request, context) }
        return Response(status: .unauthorized, headers: [.contentType: "text/plain"],
                        body: .init(byteBuffer: ByteBuffer(string: "Open the address kickoff serve printed, with its ?token=.\n")))
    }
}

/// What each route does, over the book.
struct Routes: Sendable {
    let book: BookState

    private var out: String { book.options.out }

    func home() -> Response {
        let accounts = book.accounts.sorted { $0.key < $1.key }.map { slug, path in
            (slug: slug, name: accountName(slug: slug, path: path), error: book.error(for: slug) != nil)
        }
        return BookServer.html(Pages.book(accounts: accounts), title: "The book", version: book.version)
    }

    func today() -> Response {
        let paths = book.accounts.values.sorted()
        let (entries, errors) = Book.map(paths, out: out, asOf: book.options.asOf, AccountAgenda.init)
        var body = "<h1>Today</h1>\n"
        for error in errors { body += "<div class=\"error\" role=\"alert\">\(Pages.escape(error.description))</div>\n" }
        body += "<pre class=\"agenda\">\(Pages.escape(AgendaText.text(entries, heading: "Today", colour: false)))</pre>\n"
        return BookServer.html(body, title: "Today", version: book.version)
    }

    func account(_ slug: String) -> Response {
        guard let path = book.accounts[slug] else { return BookServer.notFound(version: book.version) }
        let plan = builtPlan(slug)
        let progress = (try? book.pipeline().loadProfile(at: path).0.progress) ?? []
        let recorded = Dictionary(progress.map { ($0.step, $0.day) }, uniquingKeysWith: { first, _ in first })
        let body = Pages.account(slug: slug, name: accountName(slug: slug, path: path), error: book.error(for: slug), plan: plan,
                                 recorded: recorded, token: book.formToken)
        return BookServer.html(body, title: accountName(slug: slug, path: path), version: book.version)
    }

    func mail(_ slug: String) -> Response {
        guard let path = book.accounts[slug] else { return BookServer.notFound(version: book.version) }
        let mailing = Mailing(pipeline: book.pipeline(), out: out, outbox: Outbox(folder: book.options.outbox))
        var previews: [Mailing.Preview] = []
        var problem: String?
        do {
            previews = try mailing.preview(profileAt: path, asOf: book.options.asOf)
        } catch let error as KickoffError {
            problem = error.description
        } catch {
            problem = "\(error)"
        }
        return BookServer.html(Pages.mail(slug: slug, name: accountName(slug: slug, path: path), previews: previews, error: problem),
                               title: "Mail", version: book.version)
    }

    func changes(_ slug: String) -> Response {
        guard let path = book.accounts[slug] else { return BookServer.notFound(version: book.version) }
        var lines: [String]?
        if let current = builtPlan(slug), let data = FileManager.default.contents(atPath: FilePaths.join(out, slug) + "/plan.previous.json"),
           let previous = try? PlanJSON.decode(data) {
            lines = book.currentTemplates.describeChanges(from: previous, to: current)
        }
        return BookServer.html(Pages.changes(slug: slug, name: accountName(slug: slug, path: path), lines: lines), title: "What changed", version: book.version)
    }

    /// Records a step done (or, with `undo`, removes it) exactly as `kickoff done` does, then rebuilds.
    func done(_ slug: String, request: Request) async throws -> Response {
        guard let path = book.accounts[slug] else { return BookServer.notFound(version: book.version) }
        // Only a form of this app's own pages may write: same origin, and the run's token.
        let host = request.head.authority ?? ""
        let origin = request.headers[.origin] ?? request.headers[.referer].flatMap { referer in
            URL(string: referer).flatMap { url in url.host.map { "\(url.scheme ?? "http")://\($0)\(url.port.map { ":\($0)" } ?? "")" } }
        }
        guard let origin, origin == "http://\(host)" else {
            return forbidden("The request did not come from this app's own page (its Origin is \(request.headers[.origin] ?? "missing")).")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: BookServer.maxBody)
        } catch {
            return BookServer.html(Pages.problem("Too large", "A form of this app is never larger than \(BookServer.maxBody / 1024) KiB."),
                                   title: "Too large", version: book.version, status: .contentTooLarge)
        }
        let form = Self.form(String(buffer: body))
        guard form["token"] == book.formToken else {
            return forbidden("The form's token is missing or from an earlier run of kickoff serve; reload the page and try again.")
        }
        guard let step = form["step"], !step.isEmpty else {
            return BookServer.html(Pages.problem("No step", "The form names no step."), title: "No step", version: book.version, status: .badRequest)
        }
        do {
            // Done on the book's day: today, or the day `--as-of` names.
            var day: Day?
            if case .day(let fixed) = book.options.asOf { day = fixed }
            _ = try ProgressRecord.record(step: step, on: form["undo"] == "1" ? nil : day, undo: form["undo"] == "1", profileAt: path, pipeline: book.pipeline())
        } catch let error as KickoffError {
            return BookServer.html(Pages.problem("Not recorded", error.description), title: "Not recorded", version: book.version, status: .unprocessableContent)
        }
        book.refresh()
        return Response(status: .seeOther, headers: [.location: "/accounts/\(slug)"])
    }

    private func forbidden(_ message: String) -> Response {
        BookServer.html(Pages.problem("Refused", message), title: "Refused", version: book.version, status: .forbidden)
    }

    /// A file under `out/`, named by the raw request path `/out/<account>/<file>` (or `/out/index.html`). Every
    /// segment is decoded once; `..`, `.`, hidden names, encoded slashes, unknown accounts and anything whose real
    /// path leads out of `out/` (a symlink) are not found.
    func file(rawPath: String) -> Response {
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2)
        var decoded: [String] = []
        for segment in segments {
            guard let part = String(segment).removingPercentEncoding, !part.isEmpty, part != ".", part != "..", !part.hasPrefix("."),
                  !part.contains("/"), !part.contains("\\"), !part.contains("\0") else { return BookServer.notFound(version: book.version) }
            decoded.append(part)
        }
        switch decoded.count {
        case 1 where decoded[0] == "index.html": break
        case 2 where book.accounts[decoded[0]] != nil: break
        default: return BookServer.notFound(version: book.version)
        }
        let target = FilePaths.join(out, decoded.joined(separator: "/"))
        guard case .regularFile = FilePaths.kind(of: target), FilePaths.isInside(target, folder: out),
              let data = FileManager.default.contents(atPath: target) else { return BookServer.notFound(version: book.version) }
        let types = ["html": "text/html; charset=utf-8", "json": "application/json", "ics": "text/calendar; charset=utf-8",
                     "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"]
        let type = types[(target as NSString).pathExtension] ?? "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store", .xContentTypeOptions: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func builtPlan(_ slug: String) -> Plan? {
        FileManager.default.contents(atPath: FilePaths.join(out, slug) + "/plan.json").flatMap { try? PlanJSON.decode($0) }
    }

    private func accountName(slug: String, path: String) -> String {
        book.name(of: slug) ?? slug
    }

    /// `application/x-www-form-urlencoded` fields.
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let key = parts.first { fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
