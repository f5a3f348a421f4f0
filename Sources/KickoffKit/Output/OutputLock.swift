import Foundation

/// One writer per output folder: a build holds an exclusive `flock` on `<out>/.kickoff.lock` while it writes.
/// A second build on the same folder waits for it (saying so once), up to a bounded time, then gives up with
/// one clear message. The lock goes with the process, however it ends.
public final class OutputLock {
    /// The lock file's name inside the output folder.
    public static let fileName = ".kickoff.lock"

    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock on `out` (created if needed). When another build holds it, `waiting` hears that build's
    /// process id once, and the lock is retried until `timeout` seconds have passed.
    public static func acquire(in out: String, timeout: TimeInterval = 60, waiting: (Int32?) -> Void = { _ in }) throws -> OutputLock {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw KickoffError(file: out, problem: "cannot be created as the output folder (\(String(cString: strerror(errno))))",
                               fix: "choose a folder you can write to with --out")
        }
        let path = FilePaths.join(out, fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw KickoffError(file: path, problem: "cannot be opened (\(String(cString: strerror(errno))))",
                               fix: "check that you can write to \(out)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw KickoffError(file: path, problem: "cannot be locked (\(reason))", fix: "check the file system of \(out)")
            }
            let holder = holderPID(descriptor)
            if !told { waiting(holder); told = true }
            guard Date() < deadline else {
                close(descriptor)
                throw KickoffError(file: out, problem: "is being written by another kickoff build\(holder.map { " (process \($0))" } ?? "")",
                                   fix: "wait for it to finish and run this build again")
            }
            usleep(50_000)
        }
        // Whoever holds the lock writes its process id, for the message another build shows.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
        return OutputLock(descriptor: descriptor)
    }

    /// The process id written in the lock file, if any.
    private static func holderPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Lets the next build write.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
