import Foundation

/// Line-by-line reading of raw bytes with `memchr` and `memcmp`, for the checks that must not cost a parse (the
/// unchanged-account check reads a line or two of every profile and `plan.json` in a book). The generic
/// collection methods on byte slices are many times slower.
extension UnsafeRawBufferPointer {
    /// Calls `body` with each line, without its `\n`, in order; stops early when `body` returns false.
    func forEachLine(_ body: (UnsafeRawBufferPointer) -> Bool) {
        guard let base = baseAddress else { return }
        var start = 0
        while start < count {
            let found = memchr(base + start, 0x0A, count - start)
            let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? count
            guard body(UnsafeRawBufferPointer(start: base + start, count: end - start)) else { return }
            start = end + 1
        }
    }

    /// Whether the bytes begin with `prefix`.
    func hasPrefix(_ prefix: [UInt8]) -> Bool {
        count >= prefix.count && (prefix.isEmpty || memcmp(baseAddress!, prefix, prefix.count) == 0)
    }

    /// Whether the bytes are exactly `other`.
    func equals(_ other: [UInt8]) -> Bool {
        count == other.count && hasPrefix(other)
    }

    /// The bytes from `offset` (clamped to the end) as text.
    func text(from offset: Int, count length: Int? = nil) -> String {
        let start = Swift.min(offset, count)
        let end = length.map { Swift.min(start + $0, count) } ?? count
        return String(decoding: UnsafeRawBufferPointer(rebasing: self[start..<end]), as: UTF8.self)
    }
}
