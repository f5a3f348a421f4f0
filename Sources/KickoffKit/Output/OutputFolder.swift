import CSystem
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
        let fileManager = FileManager.default
        let outURL = URL(fileURLWithPath: out)
        do {
            try fileManager.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch {
            throw KickoffError(file: out, problem: "cannot be created as the output folder", fix: "choose a folder you can write to with --out")
        }
        let target = outURL.appendingPathComponent(slug)
        var outcome = Outcome.created
        if let existing = try? fileManager.attributesOfItem(atPath: target.path) {
            guard existing[.type] as? FileAttributeType == .typeDirectory else {
                throw KickoffError(file: target.path, problem: "exists and is not a folder Kickoff wrote",
                                   fix: "move it away or choose another --out")
            }
            if holds(files, at: target) { return .unchanged }
            outcome = .updated
        }
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = outURL.appendingPathComponent(".\(slug).new-\(unique)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for (name, contents) in files.sorted(by: { $0.key < $1.key }) {
                try contents.write(to: staging.appendingPathComponent(name))
            }
            if outcome == .updated {
                try replaceFolder(at: target, with: staging, unique: unique)
            } else {
                try fileManager.moveItem(at: staging, to: target)
            }
        } catch let error as KickoffError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw KickoffError(file: target.path, problem: "could not be written: \(error.localizedDescription)",
                               fix: "check free space and permissions")
        }
        return outcome
    }

    /// Whether the folder holds exactly these files with exactly this content.
    static func holds(_ files: [String: Data], at folder: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
              Set(names) == Set(files.keys) else { return false }
        return files.allSatisfy { name, contents in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) == contents
        }
    }

    /// Swaps the new folder into place. Where the system can, old and new trade places in one atomic step, so the
    /// folder is always either the old version or the new one; elsewhere the old one is moved aside first.
    private static func replaceFolder(at target: URL, with staging: URL, unique: String) throws {
        let fileManager = FileManager.default
        if kickoff_exchange_paths(staging.path, target.path) == 0 {
            // `staging` now holds the old version.
            try? fileManager.removeItem(at: staging)
            return
        }
        let aside = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(unique)")
        try fileManager.moveItem(at: target, to: aside)
        do {
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            try? fileManager.moveItem(at: aside, to: target)
            throw error
        }
        try? fileManager.removeItem(at: aside)
    }

    /// Removes the staging and set-aside folders (`.<slug>.new-…`, `.<slug>.old-…`) that an interrupted earlier
    /// build left in `out`. A batch calls it once before it starts.
    public static func removeLeftovers(in out: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: out) else { return }
        for name in names where name.hasPrefix(".") && (name.contains(".new-") || name.contains(".old-")) {
            try? FileManager.default.removeItem(atPath: out + "/" + name)
        }
    }
}
