import Foundation

/// A new file written with plain system calls (`open`, `write`, `close`): no buffering and no sync of its own,
/// since a batch syncs the whole file system once at its end.
public final class FileWriter: @unchecked Sendable {
    /// The file's path, for messages.
    public let path: String
    private var descriptor: Int32
    /// The first failure of `append`.
    private var failure: Error?

    /// Creates the file; it must not exist yet.
    init(creating path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw KickoffError(file: path, problem: "could not be created: \(String(cString: strerror(errno)))", fix: "check free space and permissions")
        }
    }

    deinit { close() }

    /// Appends `contents`.
    public func write(_ contents: Data) throws {
        try contents.withUnsafeBytes { try write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard writeAll(descriptor, bytes) else {
            throw KickoffError(file: path, problem: "could not be written: \(String(cString: strerror(errno)))", fix: "check free space and permissions")
        }
    }

    /// Appends `text`'s bytes where the caller cannot throw: the first failure is kept (and nothing more written)
    /// until `throwIfFailed`.
    public func append(_ text: TextBuffer) {
        guard failure == nil else { return }
        do { try text.withBytes { try write(UnsafeRawBufferPointer($0)) } } catch { self.failure = error }
    }

    /// Throws what went wrong in `append`, if anything did.
    public func throwIfFailed() throws {
        if let failure { throw failure }
    }

    /// Closes the file (again is harmless).
    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}

/// Writes all of `bytes` to `descriptor`, at `offset` when given (`pwrite`) or where the file stands (`write`),
/// again after an interrupted call. False when the system refuses (its reason is in `errno`).
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Bool {
    var done = 0
    while done < bytes.count {
        let start = bytes.baseAddress! + done, count = bytes.count - done
        let written = offset.map { pwrite(descriptor, start, count, off_t($0 + done)) } ?? Glibc.write(descriptor, start, count)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return false }
        done += written
    }
    return true
}
