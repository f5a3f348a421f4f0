import CKickoffSystem
import Foundation

/// Builds and writes many accounts in parallel on all cores; one failing account does not stop the others.
public enum Batch {
    /// Counts over a whole batch, for the closing summary.
    public struct Summary: Sendable, Equatable {
        /// Counts of each outcome over the batch.
        public var created = 0, updated = 0, unchanged = 0, failed = 0, goalsAtRisk = 0

        /// Counts the outcomes of a batch's items.
        public init(_ items: [Item] = []) {
            for item in items { add(item) }
        }

        /// Counts one more item.
        public mutating func add(_ item: Item) {
            switch item.result {
            case .success(let built):
                switch built.outcome {
                case .created: created += 1
                case .updated: updated += 1
                case .unchanged: unchanged += 1
                }
                goalsAtRisk += built.goalsAtRisk
            case .failure:
                failed += 1
            }
        }
    }

    /// What a batch remembers of one built account: enough to report, not the files (memory stays flat in the
    /// number of accounts).
    public struct Built: Sendable {
        /// The output folder's name under `--out`.
        public var slug: String
        /// What writing did.
        public var outcome: OutputFolder.Outcome
        /// The steps, in plan order.
        public var steps: Int
        /// The first day.
        public var start: Day
        /// The last day.
        public var end: Day
        /// Goals at risk in this plan.
        public var goalsAtRisk: Int
        /// What the book's dashboard shows of the account.
        public var row: BookRow?
        /// How many changes the handout lists, or nil for a first version.
        public var changes: Int?
        /// Warnings to show the CSM.
        public var warnings: [Warning]
    }

    /// What happened to one profile.
    public struct Item: Sendable {
        /// The profile file, as the user named it.
        public var profilePath: String
        /// What was built, or why not.
        public var result: Result<Built, KickoffError>
    }

    /// Keeps memory an account freed for the next one instead of handing it back to the system: by default the C
    /// library trims a worker thread's heap whenever more than 128 KiB at its top is free, which after each account
    /// costs a system call, a TLB flush on every core and the page faults of taking the memory again (about 5% of a
    /// fresh build's CPU). Peak memory stays the same, since the next account reuses what the last one freed.
    private static let keepFreedMemory: Void = kickoff_keep_freed_memory(64 << 20)

    /// Profiles that would write the same output folder: the batch refuses them all before anything is written.
    public struct FolderClash: Error, Sendable, CustomStringConvertible {
        /// One message per profile that would share another's folder.
        public var errors: [KickoffError]
        /// One line per clash.
        public var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    /// The accounts of a batch: each profile file once, in the order named, with its output folder's name (made
    /// when asked for, so that a book of ten thousand keeps only its list of paths).
    public struct Accounts: RandomAccessCollection, Sendable {
        /// The files as named.
        let paths: PathList
        /// The places in `paths` of the files built, when some file was named twice; nil when every one is.
        let places: [Int]?

        /// The first account.
        public var startIndex: Int { 0 }
        /// Past the last account.
        public var endIndex: Int { places?.count ?? paths.count }

        /// The profile at `position` and its output folder's name.
        public subscript(position: Int) -> (profile: String, slug: String) {
            let profile = paths[places.map { $0[position] } ?? position]
            return (profile, Slug.make(fromFileAt: profile))
        }
    }

    /// Each profile with its output folder's name, in the order given. A file named twice (or through two links)
    /// counts once; two different files whose names make the same folder are a `FolderClash`.
    public static func accounts(for profiles: PathList, out: String) throws -> Accounts {
        var seenFiles = Set<FileIdentity>(minimumCapacity: profiles.count)
        var places: [Int]?
        // Small keys while the folder names are compared: each account's folder name by its hash, with its place.
        var keys: [(hash: Int, place: Int)] = []
        keys.reserveCapacity(profiles.count)
        for (place, profile) in profiles.enumerated() {
            guard seenFiles.insert(FileIdentity(of: profile)).inserted else {
                if places == nil { places = Array(0..<place) }
                continue
            }
            places?.append(place)
            keys.append((Slug.make(fromFileAt: profile).hashValue, place))
        }
        seenFiles = []
        keys.sort { ($0.hash, $0.place) < ($1.hash, $1.place) }
        // Within a run of equal hashes, each folder name belongs to the first profile that makes it.
        var clashes: [(place: Int, owner: Int, slug: String)] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].hash == keys[start].hash { end += 1 }
            if end - start > 1 {
                var owners: [String: Int] = [:]
                for key in keys[start..<end] {
                    let slug = Slug.make(fromFileAt: profiles[key.place])
                    if let owner = owners[slug] { clashes.append((key.place, owner, slug)) } else { owners[slug] = key.place }
                }
            }
            start = end
        }
        if !clashes.isEmpty {
            throw FolderClash(errors: clashes.sorted { $0.place < $1.place }.map { clash in
                KickoffError(file: profiles[clash.place], problem: "would be written to \(FilePaths.join(out, clash.slug))/, like \(profiles[clash.owner])",
                             fix: "output folders are named after profile files; rename one of the two files so their names differ in letters or digits")
            })
        }
        return Accounts(paths: profiles, places: places)
    }

    /// Builds each profile and writes it under `out`, results in the order of `profiles` (a file named twice is
    /// built once). Refuses the whole batch with `FolderClash` before writing anything when two profiles would
    /// share a folder. With `pdfBrowser`, each handout is also printed to `plan.pdf` with that browser.
    /// `since` replaces what the output folder holds as the version to compare with (one profile only);
    /// `progress` hears the count of accounts finished.
    /// An account whose inputs have the fingerprint its `plan.json` records is `unchanged` without being built
    /// again, unless `force`. One batch writes to `out` at a time: another waits up to `lockTimeout` seconds
    /// (`waiting` hears the holder's process id once), then fails with one message. Folders an earlier build
    /// left are removed under the lock; `leftovers` hears those that cannot be.
    public static func run(_ profiles: [String], pipeline: Pipeline, out: String, asOf: AsOf = .start, since: PreviousVersion? = nil,
                           pdfBrowser: String? = nil, force: Bool = false, lockTimeout: TimeInterval = 60,
                           leftovers: ([String]) -> Void = { _ in }, waiting: (Int32?) -> Void = { _ in },
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> [Item] {
        let collected = Collected()
        try stream(accounts(for: PathList(profiles), out: out), pipeline: pipeline, out: out, asOf: asOf, since: since, pdfBrowser: pdfBrowser, force: force, withRows: false,
                   lockTimeout: lockTimeout, leftovers: leftovers, waiting: waiting, progress: progress) { collected.items.append($0) }
        return collected.items
    }

    /// Like `run`, for accounts already checked with `accounts(for:out:)`, but hands each account's item to
    /// `report` as soon as it and every account before it are done, in the order of `accounts`, and keeps none of
    /// them. `report` is called one item at a time. With `withRows`, each item carries what the book's dashboard
    /// shows; `finally` runs after the last item, still holding the output lock.
    public static func stream(_ accounts: Accounts, pipeline: Pipeline, out: String, asOf: AsOf = .start, since: PreviousVersion? = nil,
                              pdfBrowser: String? = nil, force: Bool = false, withRows: Bool = false, lockTimeout: TimeInterval = 60,
                              leftovers: ([String]) -> Void = { _ in }, waiting: (Int32?) -> Void = { _ in },
                              progress: (@Sendable (Int) -> Void)? = nil, finally: () throws -> Void = {},
                              report: @escaping @Sendable (Item) -> Void) throws {
        _ = keepFreedMemory
        if let since, accounts.count != 1 {
            throw KickoffError(file: since.source, problem: "--since compares one account with its earlier plan.json, and \(accounts.count) profiles were named",
                               fix: "name one profile with --since, or leave --since out to compare each account with its own output folder")
        }
        let outExisted = FileManager.default.fileExists(atPath: out)
        let lock = try OutputLock.acquire(in: out, timeout: lockTimeout, waiting: waiting)
        defer {
            lock.release()
            // A batch that wrote nothing leaves no output folder it made just for its lock.
            if !outExisted, (try? FileManager.default.contentsOfDirectory(atPath: out)) == [OutputLock.fileName] {
                try? FileManager.default.removeItem(atPath: out)
            }
        }
        let counter = Counter()
        let results = InOrder<Item>(deliver: report)
        // Only the holder of the lock may clean up: another build's staging folders are not leftovers.
        let stuck = OutputFolder.removeLeftovers(in: out)
        if !stuck.isEmpty { leftovers(stuck) }
        DispatchQueue.concurrentPerform(iterations: accounts.count) { index in
            let (path, slug) = accounts[index]
            let result: Result<Built, KickoffError>
            do {
                // The plan in the folder is read once: to decide to skip the account, or as its previous version.
                let folder = FilePaths.join(out, slug)
                let json = PlanJSON.data(inFolder: folder)
                if !force, since == nil, pdfBrowser == nil, let json,
                   let built = unchanged(profileAt: path, slug: slug, json: json, out: out, pipeline: pipeline, asOf: asOf, withRow: withRows) {
                    results.put(index, Item(profilePath: path, result: .success(built)))
                    progress?(counter.increment())
                    return
                }
                let previous = since ?? json.map { PreviousVersion(folder: folder, json: $0) }
                let build = try pipeline.build(profileAt: path, asOf: asOf, previous: previous)
                var files = build.allFiles
                if let pdfBrowser {
                    files["plan.pdf"] = try PDFPrinter.print(html: build.files["plan.html"]!, using: pdfBrowser, account: path)
                }
                let outcome = try OutputFolder.write(files, slug: slug, into: out)
                result = .success(Built(slug: slug, outcome: outcome, steps: build.plan.steps.count, start: build.plan.start,
                                        end: build.plan.end, goalsAtRisk: build.plan.goals.filter { $0.status == .atRisk }.count,
                                        row: withRows ? { var row = BookRow(plan: build.plan); row.slug = slug; return row }() : nil,
                                        changes: build.plan.changes?.count, warnings: build.warnings))
            } catch let error as KickoffError {
                result = .failure(error)
            } catch {
                result = .failure(KickoffError(file: path, problem: "could not be built: \(error.localizedDescription)"))
            }
            results.put(index, Item(profilePath: path, result: result))
            progress?(counter.increment())
        }
        // What sums the batch up (the book's dashboard) is written while the lock is still held.
        try finally()
        // Durable once for the whole batch: every folder written above reaches the disk before the summary.
        OutputFolder.syncFileSystem(of: out)
    }

    /// The items of a batch, gathered for `run`.
    private final class Collected: @unchecked Sendable {
        var items: [Item] = []
    }
}

extension Batch {
    /// The account as its folder already holds it, when its inputs have not changed since: the fingerprint in
    /// its `plan.json` (`json`) matches, and every file is there. Nil when it must be built.
    static func unchanged(profileAt path: String, slug: String, json: Data, out: String, pipeline: Pipeline, asOf: AsOf, withRow: Bool) -> Built? {
        let folder = FilePaths.join(out, slug)
        guard let stored = PlanJSON.fingerprint(in: json),
              ["plan.md", "plan.html", "plan.ics"].allSatisfy({ if case .regularFile = FilePaths.kind(of: "\(folder)/\($0)") { return true } else { return false } }),
              let data = try? FilePaths.readInput(path),
              pipeline.fingerprint(profileAt: path, data: data, asOf: asOf) == stored,
              let summary = PlanJSON.summary(in: json) else { return nil }
        // The dashboard's row is the plan's recorded summary (a plan written before it had one is read whole).
        var row = withRow ? PlanJSON.bookRow(in: json) ?? (try? PlanJSON.decode(json)).map(BookRow.init(plan:)) : nil
        row?.slug = slug
        return Built(slug: slug, outcome: .unchanged, steps: summary.steps, start: summary.start, end: summary.end,
                     goalsAtRisk: summary.goalsAtRisk, row: row, changes: nil, warnings: [])
    }
}
