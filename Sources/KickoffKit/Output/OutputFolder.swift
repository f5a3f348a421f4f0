import CKickoffSystem
import Foundation

/// Writes one account's files into `<out>/<slug>/` so that the folder is always either the old version or the new one.
public enum OutputFolder {
    /// What writing did.
    public enum Outcome: String, Sendable {
        /// The folder did not exist.
        case created
        /// The folder held an earlier, different version.
        case updated
        /// The folder already held exactly these files: nothing was written.
        case unchanged
    }

    /// Writes text files as `<out>/<slug>/`: into a temporary folder first, then renamed into place.
    @discardableResult
    public static func write(_ files: [String: String], slug: String, into out: String) throws -> Outcome {
        try write(files.mapValues { Data($0.utf8) }, slug: slug, into: out)
    }

    /// Writes `files` as `<out>/<slug>/`: into a temporary folder first, then renamed into place.
    @discardableResult
    public static func write(_ files: [String: Data], slug: String, into out: String) throws -> Outcome {
        // URLs said to be folders: otherwise each one looks at the disk to find out.
        let outURL = URL(fileURLWithPath: out, isDirectory: true)
        var info = stat()
        if stat(out, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            do {
                try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            } catch {
                throw KickoffError(file: out, problem: "cannot be created as the output folder", fix: "choose a folder you can write to with --out")
            }
        }
        let target = outURL.appendingPathComponent(slug, isDirectory: true)
        var outcome = Outcome.created
        if lstat(target.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw KickoffError(file: target.path, problem: "exists and is not a folder Kickoff wrote",
                                   fix: "move it away or choose another --out")
            }
            switch comparison(of: files, with: target) {
            case .same: return .unchanged
            // The same handout built from inputs that changed in no way it shows (a comment in the profile, another
            // day before the start): the new digests are written, and the account reported unchanged.
            case .sameButInputDigests: outcome = .unchanged
            case .different: outcome = .updated
            }
        }
        let unique = "\(stagingPrefix)-\(stagingCount.increment())"
        let staging = outURL.appendingPathComponent(".\(slug).new-\(unique)", isDirectory: true)
        do {
            guard mkdir(staging.path, 0o755) == 0 else { throw systemError(staging.path, "could not be created") }
            for (name, contents) in files.sorted(by: { $0.key < $1.key }) {
                // A joined path, not URL.appendingPathComponent: that looks at the disk for every file.
                try writeFile(contents, to: FilePaths.join(staging.path, name))
            }
            if outcome != .created {
                try replaceFolder(at: target, with: staging, unique: unique)
            } else {
                try move(staging, to: target)
            }
        } catch let error as KickoffError {
            removeTree(at: staging)
            throw error
        } catch {
            removeTree(at: staging)
            throw KickoffError(file: target.path, problem: "could not be written: \(error.localizedDescription)",
                               fix: "check free space and permissions")
        }
        return outcome
    }

    /// What names this process's staging folders: its id and a number drawn once, so that a folder another run
    /// left behind under a reused process id is never taken for one of this run's; each folder then adds a count
    /// (drawing a random number for each folder was a system call per account).
    private static let stagingPrefix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private static let stagingCount = Counter()

    /// Replaces one file in `out` (the book's `index.html`) in one rename.
    public static func replaceFile(named name: String, in out: String, with contents: Data) throws {
        try replaceFile(named: name, in: out) { file in try file.write(contents) }
    }

    /// Replaces one file in `out` in one rename, its text written piece by piece by `body` (so that a long
    /// page never has to be held whole).
    public static func replaceFile(named name: String, in out: String, writing body: (FileWriter) throws -> Void) throws {
        let target = FilePaths.join(out, name)
        let temporary = FilePaths.join(out, ".\(name).new-\(getpid())")
        unlink(temporary)
        do {
            let file = try FileWriter(creating: temporary)
            defer { file.close() }
            try body(file)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw systemError(target, "could not be put in place")
        }
    }

    /// Writes a new file with plain system calls: no sync of its own (the batch syncs once at its end).
    static func writeFile(_ contents: Data, to path: String) throws {
        let file = try FileWriter(creating: path)
        defer { file.close() }
        try file.write(contents)
    }

    /// Flushes everything written on the file system that holds `out` to the disk (one `syncfs`), so that a
    /// batch is durable once it reports. Each folder was already swapped into place atomically.
    public static func syncFileSystem(of out: String) {
        let descriptor = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if kickoff_sync_file_system(descriptor) != 0 { fsync(descriptor) }
    }

    /// How a folder's files compare with the ones about to be written.
    enum Comparison { case same, sameButInputDigests, different }

    /// Reads the folder once: the same files byte for byte, the same but for the lines of `plan.json` that
    /// digest its inputs, or different.
    static func comparison(of files: [String: Data], with folder: URL) -> Comparison {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path), Set(names) == Set(files.keys) else { return .different }
        var result = Comparison.same
        for (name, contents) in files {
            guard let existing = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return .different }
            if existing == contents { continue }
            guard PlanJSON.withoutInputDigests(name, existing) == PlanJSON.withoutInputDigests(name, contents) else { return .different }
            result = .sameButInputDigests
        }
        return result
    }

    /// Swaps the new folder into place. Where the system can, old and new trade places in one atomic step, so the
    /// folder is always either the old version or the new one; elsewhere the old one is moved aside first.
    private static func replaceFolder(at target: URL, with staging: URL, unique: String) throws {
        if kickoff_exchange_paths(staging.path, target.path) == 0 {
            // `staging` now holds the old version; what cannot be removed now is removed by the next build.
            removeTree(at: staging)
            return
        }
        let aside = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(unique)")
        try move(target, to: aside)
        do {
            try move(staging, to: target)
        } catch {
            try? move(aside, to: target)
            throw error
        }
        removeTree(at: aside)
    }

    /// `rename(2)`, with the system's reason when it fails.
    private static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else { throw systemError(destination.path, "could not be put in place") }
    }

    /// A message with the reason the system gave (`No space left on device`), never a framework's error domain.
    static func systemError(_ path: String, _ what: String) -> KickoffError {
        KickoffError(file: path, problem: "\(what): \(String(cString: strerror(errno)))", fix: "check free space and permissions")
    }

    /// Removes the staging and set-aside folders (`.<slug>.new-…`, `.<slug>.old-…`) that an interrupted or
    /// failed earlier build left in `out`, making read-only ones writable first. Returns the names it could not
    /// remove, for the CSM to be told. A batch calls it once before it starts.
    @discardableResult
    public static func removeLeftovers(in out: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: out) else { return [] }
        return names.filter { $0.hasPrefix(".") && ($0.contains(".new-") || $0.contains(".old-")) }.sorted()
            .filter { !removeTree(at: URL(fileURLWithPath: out).appendingPathComponent($0)) }
    }

    /// Removes a folder Kickoff made, even when its owner made it read-only; whether it is gone.
    @discardableResult
    static func removeTree(at folder: URL) -> Bool {
        let fileManager = FileManager.default
        if (try? fileManager.removeItem(at: folder)) != nil { return true }
        // Folders need write permission to have their files removed: give it back, then try again.
        chmod(folder.path, 0o700)
        if let inner = fileManager.enumerator(atPath: folder.path) {
            for case let name as String in inner {
                let path = folder.appendingPathComponent(name).path
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmod(path, 0o700) }
            }
        }
        return (try? fileManager.removeItem(at: folder)) != nil || !fileManager.fileExists(atPath: folder.path)
    }
}
