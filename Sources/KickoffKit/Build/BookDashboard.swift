import Foundation

/// Gathers what the book's dashboard shows as a batch reports each account, then writes `out/index.html`. Used
/// by `kickoff build` of a folder and by `kickoff serve` after each rebuild.
///
/// Little is kept per account: the figures and the chart are sums, each account's row is kept in a scratch file
/// (unlinked, so nothing is left behind) until the page is written, in order of attention, one row at a time,
/// and what orders the rows (24 bytes and the account's name) stays in memory.
public final class BookDashboard: @unchecked Sendable {
    /// An account the page lists: what orders it, and where its name and its row are.
    struct Entry: Sendable {
        /// How much it needs the CSM (`BookRow.attention`).
        let attention: Int32
        /// Its goals missed or at risk (listed after the rows).
        let risks: Int32
        /// Its record in the scratch file.
        let record: RowStore.Record
        /// Its account's name: its place in `names`.
        let name: UInt32
    }

    /// One entry per account built, in the order reported; by attention once the page is written.
    private(set) var entries: [Entry] = []
    /// Every account's name, in the order reported: the rows are ordered by them.
    private var names = PackedTexts()
    /// The book's steps planned and done, by week.
    public private(set) var weeks: [Int: BookRow.WeekCount] = [:]
    /// Steps planned and done, steps moved later, goals missed and at risk, across the book.
    private(set) var planned = 0, done = 0, slipped = 0, goalsMissed = 0, goalsAtRisk = 0, risks = 0
    /// How many accounts took each number of days from their start to their first goal's milestone.
    private(set) var daysToFirstValue: [Int: Int] = [:]
    private let store = RowStore()

    /// An empty dashboard, with room for `accounts` accounts.
    public init(accounts: Int = 0) {
        entries.reserveCapacity(accounts)
        names.reserveCapacity(more: accounts, bytes: accounts * 24)
    }

    /// How many accounts the page lists.
    public var count: Int { entries.count }

    /// Adds an account's row, if the batch built it with one (`withRows`).
    public func add(_ item: Batch.Item) {
        guard case .success(let built) = item.result, let row = built.row else { return }
        add(row)
    }

    /// Adds one account's row.
    func add(_ row: BookRow) {
        for (week, count) in row.weeks {
            weeks[week, default: BookRow.WeekCount()].planned += count.planned
            weeks[week, default: BookRow.WeekCount()].done += count.done
        }
        planned += row.total
        done += row.done
        slipped += row.slipped
        goalsMissed += row.goalsMissed
        goalsAtRisk += row.goalsAtRisk
        risks += row.risks.count
        if let days = row.daysToFirstValue { daysToFirstValue[days, default: 0] += 1 }
        let texts = DashboardPage.row(row).texts + row.risks.map { "\(row.account): \($0.state == "missed" ? "missed" : "at risk") — \($0.text)" }
        entries.append(Entry(attention: Int32(clamping: row.attention), risks: Int32(clamping: row.risks.count), record: store.append(texts),
                             name: UInt32(names.count)))
        names.append(row.account.utf8)
    }

    /// Puts the entries in the page's order: the accounts that need the CSM most first, then by name.
    func sortByAttention() {
        entries.sort { first, second in
            guard first.attention == second.attention else { return first.attention > second.attention }
            return names.precedes(Int(first.name), Int(second.name))
        }
    }

    /// The name of the account of `entry`.
    func account(of entry: Entry) -> String { names[Int(entry.name)] }

    /// The texts stored for `entry`: its row's fields, then its risk lines.
    func texts(of entry: Entry) throws -> [String] {
        try store.texts(at: entry.record)
    }

    /// Writes `out/index.html` in one rename, dated `built`.
    public func write(into out: String, built: Day, templates: Templates) throws {
        try OutputFolder.replaceFile(named: "index.html", in: out) { file in
            try DashboardPage.write(self, built: built, templates: templates, to: file)
        }
    }
}

/// Lists of texts appended to a scratch file and read back by position: an unlinked temporary file, or memory
/// when no temporary file can be made.
final class RowStore: @unchecked Sendable {
    /// Where one list is.
    struct Record: Sendable {
        let offset: Int
        let length: Int32
    }

    private var descriptor: Int32 = -1
    /// Everything, when there is no scratch file.
    private var memory: [UInt8] = []
    /// Whether the lists are kept in a scratch file (else in memory).
    var usesFile: Bool { descriptor >= 0 }
    /// Lists not yet written to the scratch file (written 64 KiB at a time).
    private var pending: [UInt8] = []
    /// Bytes in the scratch file.
    private var written = 0
    /// Bytes in all.
    private var length: Int { written + pending.count + memory.count }

    /// A store with its scratch file in `folder` (the temporary folder), or in memory when none can be made there.
    init(folder: String = NSTemporaryDirectory()) {
        var template = Array((folder + "/kickoff-rows-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 {
            _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends `texts`; each is its UTF-8 length (4 bytes, little-endian) and its bytes.
    func append(_ texts: [String]) -> Record {
        var bytes: [UInt8] = []
        for text in texts {
            withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: text.utf8)
        }
        let record = Record(offset: length, length: Int32(bytes.count))
        if usesFile { pending += bytes } else { memory += bytes }
        if pending.count >= 64 * 1024 { flush() }
        return record
    }

    /// Writes the pending lists to the scratch file; when that fails, everything moves to memory for good.
    private func flush() {
        guard descriptor >= 0, !pending.isEmpty else { return }
        if pending.withUnsafeBytes({ writeAll(descriptor, $0, at: written) }) {
            written += pending.count
            pending.removeAll(keepingCapacity: true)
            return
        }
        memory = ((try? bytes(of: descriptor, Record(offset: 0, length: Int32(clamping: written)))) ?? []) + pending
        pending = []
        close(descriptor)
        descriptor = -1
        written = 0
    }

    /// The texts of `record`.
    func texts(at record: Record) throws -> [String] {
        flush()
        let bytes: [UInt8]
        if descriptor >= 0 {
            bytes = try self.bytes(of: descriptor, record)
        } else {
            // Lost only when the scratch file could be neither written nor read back.
            guard record.offset + Int(record.length) <= memory.count else { throw Self.unreadable() }
            bytes = Array(memory[record.offset..<record.offset + Int(record.length)])
        }
        var texts: [String] = []
        var index = 0
        while index + 4 <= bytes.count {
            let count = Int(UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
            index += 4
            texts.append(String(decoding: bytes[index..<min(index + count, bytes.count)], as: UTF8.self))
            index += count
        }
        return texts
    }

    private func bytes(of descriptor: Int32, _ record: Record) throws -> [UInt8] {
        let length = Int(record.length)
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, length - done, off_t(record.offset + done)) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw Self.unreadable() }
            done += read
        }
        return bytes
    }

    private static func unreadable() -> KickoffError {
        KickoffError(file: NSTemporaryDirectory(), problem: "the dashboard's scratch file could not be read: \(String(cString: strerror(errno)))",
                     fix: "check free space in the temporary folder")
    }
}
