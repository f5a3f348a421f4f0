import Foundation

/// Paths as the user wrote them, what they really point at, and reading input files safely.
public enum FilePaths {
    /// `a/b` + `../c` → `a/c`, without making the path absolute.
    public static func join(_ folder: String, _ relative: String) -> String {
        // A plain name inside a folder, the usual case, needs no splitting.
        if !relative.isEmpty, relative != ".", relative != "..", !relative.utf8.contains(UInt8(ascii: "/")),
           !folder.isEmpty, folder != ".", let last = folder.utf8.last {
            return last == UInt8(ascii: "/") ? folder + relative : folder + "/" + relative
        }
        return joinBySplitting(folder, relative)
    }

    /// `join` for any path: part by part.
    static func joinBySplitting(_ folder: String, _ relative: String) -> String {
        var parts = folder.isEmpty || folder == "." ? [] : folder.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        for part in relative.split(separator: "/").map(String.init) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != "..", last != "" { parts.removeLast(); continue }
            parts.append(part)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The last part of a path: `plans/acme.yaml` → `acme.yaml` (as `NSString.lastPathComponent`, without
    /// bridging for the usual path that does not end in `/`).
    public static func name(of path: String) -> String {
        guard let last = path.utf8.last, last != UInt8(ascii: "/") else { return (path as NSString).lastPathComponent }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// A file's name without its extension: `acme.yaml` → `acme` (as `NSString.deletingPathExtension`).
    public static func stem(of name: String) -> String {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex,
              name.utf8.index(after: dot) != name.utf8.endIndex, !name.utf8.contains(UInt8(ascii: "/")) else {
            return (name as NSString).deletingPathExtension
        }
        return String(name[..<dot])
    }

    /// The absolute path with every symlink resolved, for checking what a path really points at.
    public static func canonical(_ path: String) -> String {
        // realpath(3) for what exists; for a path that does not (yet), the folder's real path and the name.
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `path`, once its symlinks are resolved, lies inside `folder` (also resolved).
    public static func isInside(_ path: String, folder: String) -> Bool {
        let root = canonical(folder)
        return canonical(path).hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// What is at a path, following symlinks.
    public enum Kind: Sendable { case missing, regularFile(size: Int), folder, other }

    /// What is at `path`, following symlinks.
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile(size: Int(info.st_size))
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Reads a whole input file: a regular file (a symlink to one is followed) of at most `limit` bytes. Folders,
    /// devices, pipes and missing files are refused with a message that names `path` as the user wrote it.
    public static func readInput(_ path: String, limit: Int = InputLimits.fileBytes) throws -> Data {
        // One open, one fstat of what was opened, the reads, one close. O_NONBLOCK keeps a pipe from blocking the
        // open; it is refused below like any file that is not a regular one.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw KickoffError(file: path, problem: "does not exist", fix: "check the path")
            default: throw KickoffError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))", fix: "check its permissions")
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw KickoffError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))", fix: "check its permissions")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw KickoffError(file: path, problem: "is a folder, not a file", fix: "name a .yaml file")
        default: throw KickoffError(file: path, problem: "is not a regular file (a device, pipe or socket)", fix: "name a .yaml file")
        }
        guard Int(info.st_size) <= limit else {
            throw KickoffError(file: path, problem: "is \(Int(info.st_size) / 1024) KiB", fix: "files are limited to \(limit / 1024 / 1024) MiB")
        }
        // Read up to one byte past the limit, in case the file grew since it was looked at.
        var data = Data(count: min(Int(info.st_size), limit) + 1)
        var filled = 0
        while filled < data.count {
            let read = data.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if read < 0, errno == EINTR || errno == EAGAIN { continue }
            guard read > 0 else {
                if read < 0 { throw KickoffError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))", fix: "check its permissions") }
                break
            }
            filled += read
            // A file that grew since the fstat: read on, up to the limit.
            if filled == data.count, data.count <= limit { data.count = min(data.count * 2, limit + 1) }
        }
        data.count = filled
        guard data.count <= limit else {
            throw KickoffError(file: path, problem: "is over \(limit / 1024) KiB", fix: "files are limited to \(limit / 1024 / 1024) MiB")
        }
        return data
    }
}

/// Which file a path names: its device and inode (the same through any link), or its real path when it cannot be
/// looked at.
public enum FileIdentity: Hashable, Sendable {
    /// A file that exists: the same however it is named.
    case inode(device: UInt64, inode: UInt64)
    /// A path that cannot be looked at, resolved as far as it goes.
    case path(String)

    /// The identity of the file at `path`.
    public init(of path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            self = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        } else {
            self = .path(FilePaths.canonical(path))
        }
    }
}
