import Foundation

/// Writes profile files that `kickoff new` and `kickoff import` make, never losing one the user wrote.
public enum ProfileFiles {
    /// Writes every file, or none: existing files are refused unless `force`, and each file is written to a
    /// temporary name and renamed into place.
    public static func write(_ files: [(path: String, text: String)], force: Bool) throws {
        let fileManager = FileManager.default
        if !force, let existing = files.first(where: { fileManager.fileExists(atPath: $0.path) }) {
            throw KickoffError(file: existing.path, problem: "already exists", fix: "move it away, or choose another name or --into folder")
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

extension ProfileFiles {
    /// What importing did with one row.
    public enum ImportOutcome: String, Sendable {
        /// A new profile file.
        case created
        /// The account already has a profile there, left as it is (the CSM may have edited it since).
        case kept
        /// The account's own profile, replaced with the row because the CSM asked to.
        case replaced
    }

    /// Writes imported profiles into `folder`: new accounts get new files; an account that already has a profile
    /// there (a file of the same name, or of a name that makes the same output folder) keeps it unless
    /// `replaceExisting`. A file that holds another account, or that Kickoff cannot read, is never replaced: each
    /// such row is an error. Nothing is written when `rowErrors` or any such error exists.
    public static func `import`(_ profiles: [ProfileImport.Profile], into folder: String, replaceExisting: Bool,
                                rowErrors: [KickoffError], csv: String) throws(ImportFailure) -> [(path: String, outcome: ImportOutcome)] {
        var errors = rowErrors
        var plan: [(path: String, text: String, outcome: ImportOutcome)] = []
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder))?
            .filter(ProfileFolder.isProfileName) ?? []
        let existingBySlug = Dictionary(existing.map { (Slug.make(fromFileAt: $0), $0) }, uniquingKeysWith: { first, _ in first })
        for profile in profiles {
            let name = existingBySlug[Slug.make(fromFileAt: profile.fileName)] ?? profile.fileName
            let path = FilePaths.join(folder, name)
            guard existing.contains(name) else {
                plan.append((path, profile.yaml, .created))
                continue
            }
            let held = (try? FilePaths.readInput(path)).flatMap { try? ProfileLoader.accountName(in: $0, file: path) }
            guard let held else {
                errors.append(KickoffError(file: csv, line: profile.line, field: "account",
                                           problem: "\(Excerpt.quoted(profile.account)) would be written to \(path), which is not a profile Kickoff can read",
                                           fix: "move that file away, or import into another --into folder"))
                continue
            }
            guard held == profile.account else {
                errors.append(KickoffError(file: csv, line: profile.line, field: "account",
                                           problem: "\(Excerpt.quoted(profile.account)) would be written to \(path), which holds the profile of \(Excerpt.quoted(held))",
                                           fix: "rename that file, or give the account a name that differs in letters or digits"))
                continue
            }
            plan.append((path, profile.yaml, replaceExisting ? .replaced : .kept))
        }
        if !errors.isEmpty { throw ImportFailure(errors: errors) }
        do {
            try write(plan.filter { $0.outcome != .kept }.map { ($0.path, $0.text) }, force: true)
        } catch let error as KickoffError {
            throw ImportFailure(errors: [error])
        } catch {
            throw ImportFailure(errors: [KickoffError(file: folder, problem: "could not be written: \(error.localizedDescription)")])
        }
        return plan.map { ($0.path, $0.outcome) }
    }

    /// Every reason an import wrote nothing, one per row or file.
    public struct ImportFailure: Error, Sendable {
        /// Every problem, one per row or file.
        public var errors: [KickoffError]
    }
}
