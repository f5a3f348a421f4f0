import Foundation

/// Writes profile files that `kickoff new` and `kickoff import` make, never losing one the user wrote.
public enum ProfileFiles {
    /// Writes every file, or none: existing files are refused unless `force`, and each file is written to a
    /// temporary name and renamed into place.
    public static func write(_ files: [(path: String, text: String)], force: Bool) throws {
        let fileManager = FileManager.default
        if !force, let existing = files.first(where: { fileManager.fileExists(atPath: $0.path) }) {
            throw KickoffError(file: existing.path, problem: "already exists", fix: "move it away, or pass --force to replace it")
        }
        for (path, _) in files {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw KickoffError(file: path, problem: "is a folder", fix: "choose another --into")
            }
        }
        for (path, text) in files {
            let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                // rename(2) puts the new file in place in one step, replacing an existing one (only with --force).
                guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? fileManager.removeItem(atPath: temporary)
                throw KickoffError(file: path, problem: "could not be written: \(error.localizedDescription)", fix: "check the folder's permissions")
            }
        }
    }
}
