import Foundation
import KickoffKit

/// What `kickoff serve` serves: a plans folder, the out folder its plans are built into, and an outbox.
public struct ServeOptions: Sendable {
    /// The folder of profiles.
    public var plans: String
    /// The folder the plans are built into (and served from).
    public var out: String
    /// The outbox `kickoff mail` writes to (the mail page shows what is due without writing).
    public var outbox: String
    /// Where flows are looked up (default: flows/ beside the plans folder).
    public var flowsDirectory: String?
    /// The templates folder.
    public var templates: String
    /// The day plans are scheduled from (default: today).
    public var asOf: AsOf
    /// How often the files are looked at for changes, in seconds.
    public var pollInterval: Double

    /// Options for a book.
    public init(plans: String, out: String = "out", outbox: String = "outbox", flowsDirectory: String? = nil,
                templates: String, asOf: AsOf = .today(Date()), pollInterval: Double = 0.2) {
        self.plans = plans
        self.out = out
        self.outbox = outbox
        self.flowsDirectory = flowsDirectory
        self.templates = templates
        self.asOf = asOf
        self.pollInterval = pollInterval
    }
}

/// The book as the web app sees it: the profiles, their plans built into `out`, what failed to build and why,
/// and a version that goes up whenever anything a page shows may have changed. Rebuilds go through the same
/// `Batch` as `kickoff build`: an invalid edit leaves the last good files in `out` untouched.
public final class BookState: @unchecked Sendable {
    /// The options it was made with.
    public let options: ServeOptions
    /// A token a page's forms carry, new for each run: a write without it is refused.
    public let formToken: String

    private let lock = NSLock()
    private var templates: Templates
    private var templatesError: String?
    private var profiles: [String: String] = [:]
    private var errors: [String: String] = [:]
    private var names: [String: String] = [:]
    private var snapshot: [String: String] = [:]
    private var changeVersion = 0

    /// Loads the templates and builds the book once.
    public init(options: ServeOptions) throws {
        var options = options
        while options.plans.count > 1, options.plans.hasSuffix("/") { options.plans.removeLast() }
        self.options = options
        templates = try Templates.load(from: options.templates)
        var bytes = [UInt8](repeating: 0, count: 16)
        let random = open("/dev/urandom", O_RDONLY)
        if random >= 0 { _ = read(random, &bytes, 16); close(random) }
        formToken = bytes.map { String(format: "%02x", $0) }.joined()
        _ = refresh(force: true)
    }

    /// The version: it goes up when a rebuild changed what the pages show.
    public var version: Int { lock.withLock { changeVersion } }

    /// Profile paths by account (output folder name), as found on the last look.
    public var accounts: [String: String] { lock.withLock { profiles } }

    /// The account's name as last built, by account (output folder name).
    public func name(of account: String) -> String? { lock.withLock { names[account] } }

    /// Why the account's last build failed, when it did: its handout is the last good one.
    public func error(for account: String) -> String? { lock.withLock { errors[account] ?? templatesError } }

    /// The templates now in use.
    public var currentTemplates: Templates { lock.withLock { templates } }

    /// A pipeline over the current templates.
    public func pipeline() -> Pipeline {
        Pipeline(templates: currentTemplates, flowsDirectory: options.flowsDirectory)
    }

    // MARK: Watching and rebuilding

    /// Looks at the files; when any changed since the last look (or with `force`), reloads the templates if
    /// theirs changed and rebuilds the book (accounts whose inputs did not change are skipped as in `kickoff
    /// build`). Returns whether it rebuilt.
    @discardableResult
    public func refresh(force: Bool = false) -> Bool {
        let now = Self.snapshot(of: watchedFolders())
        let (changed, templatesChanged) = lock.withLock { () -> (Bool, Bool) in
            let changed = force || now != snapshot
            let templatesChanged = now.filter { $0.key.hasPrefix(options.templates) } != snapshot.filter { $0.key.hasPrefix(options.templates) }
            snapshot = now
            return (changed, templatesChanged)
        }
        guard changed else { return false }
        if templatesChanged {
            do {
                let loaded = try Templates.load(from: options.templates)
                lock.withLock { templates = loaded; templatesError = nil }
            } catch let error as KickoffError {
                lock.withLock { templatesError = error.description }
            } catch {
                lock.withLock { templatesError = "\(options.templates): \(error)" }
            }
        }
        rebuild()
        return true
    }

    /// Rebuilds every account and the dashboard.
    public func rebuild() {
        let paths = Self.profilePaths(in: options.plans)
        var found: [String: String] = [:]
        for path in paths { found[Slug.make(fromFileAt: path)] = path }
        let dashboard = BookDashboard(accounts: paths.count)
        let failures = TextsBySlug(), accountNames = TextsBySlug()
        let pipeline = self.pipeline()
        do {
            try Batch.stream(Batch.accounts(for: paths, out: options.out), pipeline: pipeline, out: options.out, asOf: options.asOf, withRows: true,
                             finally: { try dashboard.write(into: options.out, built: options.asOf.day(in: "UTC") ?? Day(ordinal: 0), templates: pipeline.templates) },
                             report: { item in
                                 dashboard.add(item)
                                 switch item.result {
                                 case .success(let built): if let account = built.row?.account { accountNames.add(built.slug, account) }
                                 case .failure(let error): failures.add(Slug.make(fromFileAt: item.profilePath), error.description)
                                 }
                             })
        } catch let clash as Batch.FolderClash {
            for error in clash.errors { failures.add(Slug.make(fromFileAt: error.file), error.description) }
        } catch {
            for slug in found.keys { failures.add(slug, "\(error)") }
        }
        lock.withLock {
            profiles = found
            errors = failures.all
            names = accountNames.all
            changeVersion += 1
        }
    }

    /// The files as last looked at.
    var lastSnapshot: [String: String] { lock.withLock { snapshot } }

    /// The folders whose files rebuild the book.
    var watchedFoldersList: [String] { watchedFolders() }

    /// The folders whose files rebuild the book: the plans, the flows, the templates.
    private func watchedFolders() -> [String] {
        let flows = options.flowsDirectory ?? ((options.plans as NSString).deletingLastPathComponent.isEmpty
            ? "flows" : (options.plans as NSString).deletingLastPathComponent + "/flows")
        return [options.plans, flows, options.templates]
    }

    /// Each file's path with its size and modification time, under the folders (two levels deep).
    static func snapshot(of folders: [String]) -> [String: String] {
        var result: [String: String] = [:]
        func visit(_ folder: String, depth: Int) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !name.hasPrefix(".") {
                let path = folder + "/" + name
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    if depth < 2 { visit(path, depth: depth + 1) }
                } else {
                    result[path] = "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
                }
            }
        }
        for folder in folders { visit(folder, depth: 0) }
        return result
    }

    /// The profiles in the plans folder, sorted.
    static func profilePaths(in folder: String) -> PathList {
        var paths = PathList()
        _ = try? ProfileFolder.list(folder, into: &paths)
        return paths
    }
}

/// A text for each account by its folder's name (a failure, an account's name), as a batch's workers report them.
private final class TextsBySlug: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]
    func add(_ slug: String, _ text: String) { lock.withLock { texts[slug] = text } }
    var all: [String: String] { lock.withLock { texts } }
}

extension BookState {
    /// Watches the files until cancelled: a change rebuilds once the files have stayed the same for `settle`
    /// seconds (an editor's save is often several writes).
    public func watch(settle: Double = 0.15) async {
        var pending: [String: String]?
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(options.pollInterval * 1_000_000_000))
            let now = Self.snapshot(of: watchedFoldersList)
            if let seen = pending {
                if seen == now {
                    refresh()
                    pending = nil
                } else {
                    pending = now
                }
            } else if now != lastSnapshot {
                pending = now
                try? await Task.sleep(nanoseconds: UInt64(settle * 1_000_000_000))
            }
        }
    }
}
