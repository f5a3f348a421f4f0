import Foundation

/// Questions about text answered from its UTF-8 bytes, for the fast paths that skip Unicode work on the text
/// most names, titles and sentences are.
extension StringProtocol {
    /// True when every character is ASCII.
    var isASCII: Bool { !containsByte(in: .nonASCII) }

    /// True when every character is printable ASCII (space to `~`): one column each, nothing invisible, no
    /// line break.
    var isPrintableASCII: Bool { !containsByte(in: .nonPrintableASCII) }

    /// Whether any of the text's UTF-8 bytes is in `set`, read straight from the string's storage when it can be.
    func containsByte(in set: ByteSet) -> Bool {
        withUTF8Bytes { set.firstIndex(in: $0) < $0.count }
    }

    /// Calls `body` with the text's UTF-8 bytes: read where they are for native text, copied for other text.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }

    /// The first scalar `predicate` holds for, looked for only among the scalars that start with a byte of
    /// `starts` (which must hold every first byte of a scalar the predicate can hold for, and no continuation
    /// byte): text without such bytes is read once, byte by byte, and never decoded.
    func firstScalar(startingWithByteIn starts: ByteSet, where predicate: (Unicode.Scalar) -> Bool) -> Unicode.Scalar? {
        withUTF8Bytes { bytes in
            var index = starts.firstIndex(in: bytes)
            while index < bytes.count {
                let scalar = bytes.scalar(at: index)
                if predicate(scalar) { return scalar }
                index = starts.firstIndex(in: bytes, from: index + 1)
            }
            return nil
        }
    }

    /// True when the text is empty or only white space and line breaks.
    var isBlank: Bool {
        for byte in utf8 {
            // Printable ASCII settles it at once; anything else is looked at as a Unicode scalar below.
            if byte > 0x20 && byte < 0x80 { return false }
            if byte >= 0x80 { return unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        }
        return true
    }
}

/// Text as a key by its exact UTF-8 bytes. `String` hashes and compares by canonical equivalence: it normalizes
/// text beyond ASCII for every hash (thousands of instructions for a long guide with one `→`), and it takes a
/// precomposed `é` and an `e` followed by a combining accent for the same key, where output made from one is not
/// the other's bytes.
struct ExactText: Hashable, Sendable {
    /// The text.
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.withUTF8Bytes { left in
            rhs.text.withUTF8Bytes { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// The order of text as Swift orders strings, decided from UTF-8 bytes where that is the same order: byte by
/// byte when both texts are ASCII, as strings otherwise (canonical equivalence, Unicode scalar order). For lists
/// of a book's size kept as bytes rather than as strings.
enum TextOrder {
    /// Whether `first` comes before `second`.
    static func precedes(_ first: Slice<UnsafeBufferPointer<UInt8>>, _ second: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if first.allSatisfy({ $0 < 0x80 }), second.allSatisfy({ $0 < 0x80 }) {
            return first.lexicographicallyPrecedes(second)
        }
        return String(decoding: first, as: UTF8.self) < String(decoding: second, as: UTF8.self)
    }
}

/// Many texts kept as one run of UTF-8 bytes and where each ends: 4 bytes a text besides its own, where an array
/// of strings keeps 16 and often an allocation each. For lists of a book's size (profile names, account names).
struct PackedTexts: Sendable, Equatable {
    /// The texts' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each text ends in `bytes` (and the next starts).
    private var ends: [UInt32] = []

    /// How many texts there are.
    var count: Int { ends.count }
    /// How many bytes they take together.
    var byteCount: Int { bytes.count }

    /// Adds a text as its UTF-8 bytes.
    mutating func append(_ text: some Collection<UInt8>) {
        bytes.append(contentsOf: text)
        ends.append(UInt32(bytes.count))
    }

    /// Makes room for `count` more texts of `bytes` bytes in all, as `Array.reserveCapacity(more:)` does.
    mutating func reserveCapacity(more count: Int, bytes: Int) {
        ends.reserveCapacity(more: count)
        self.bytes.reserveCapacity(more: bytes)
    }

    /// Where the text at `index` is in `bytes`.
    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// The text at `index`.
    subscript(index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0[range(index)], as: UTF8.self) }
    }

    /// Whether the text at `first` comes before the one at `second`, as Swift orders strings (`TextOrder`).
    func precedes(_ first: Int, _ second: Int) -> Bool {
        bytes.withUnsafeBufferPointer { TextOrder.precedes($0[range(first)], $0[range(second)]) }
    }
}

extension Array {
    /// Makes room for `count` more elements: exactly that much for an empty array filled at once, and at least
    /// double for one that keeps growing, so that many small additions still copy it only a few times.
    mutating func reserveCapacity(more count: Int) {
        let needed = self.count + count
        if needed > capacity { reserveCapacity(isEmpty ? needed : Swift.max(needed, 2 * capacity)) }
    }
}

/// A set of byte values, kept as a table of 256 flags: testing a byte is one load, which keeps the scans of the
/// escaping fast paths at a few instructions per byte.
struct ByteSet: @unchecked Sendable {
    /// Owns the flags (never written after `init`, so the set may be read from any thread).
    private final class Table {
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        deinit { flags.deallocate() }
    }

    private let table = Table()
    /// `table.flags`, read without going through the object.
    private let flags: UnsafePointer<UInt8>

    /// The bytes for which `includes` holds.
    init(where includes: (UInt8) -> Bool) {
        for byte in UInt8.min...UInt8.max { table.flags[Int(byte)] = includes(byte) ? 1 : 0 }
        flags = UnsafePointer(table.flags)
    }

    /// Whether `byte` is in the set.
    @inline(__always) func contains(_ byte: UInt8) -> Bool { flags[Int(byte)] != 0 }

    /// The index of the first byte in the set from `start` on, or `bytes.count`.
    @inline(__always) func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let flags = self.flags
        var index = start
        while index < bytes.count && flags[Int(base[index])] == 0 { index += 1 }
        return withExtendedLifetime(table) { index }
    }

    /// Bytes of characters beyond ASCII.
    static let nonASCII = ByteSet { $0 >= 0x80 }
    /// Bytes other than printable ASCII.
    static let nonPrintableASCII = ByteSet { $0 < 0x20 || $0 >= 0x7F }
}

extension UnsafeBufferPointer<UInt8> {
    /// The scalar whose UTF-8 sequence starts at `index` of these valid UTF-8 bytes.
    func scalar(at index: Int) -> Unicode.Scalar {
        let lead = UInt32(self[index])
        let value: UInt32
        switch lead {
        case ..<0x80: value = lead
        case ..<0xE0: value = (lead & 0x1F) << 6 | UInt32(self[index + 1] & 0x3F)
        case ..<0xF0: value = (lead & 0x0F) << 12 | UInt32(self[index + 1] & 0x3F) << 6 | UInt32(self[index + 2] & 0x3F)
        default:
            value = (lead & 0x07) << 18 | UInt32(self[index + 1] & 0x3F) << 12 | UInt32(self[index + 2] & 0x3F) << 6
                | UInt32(self[index + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Where `needle` first occurs at or after `start`, by `memchr` and `memcmp` (the generic search is far
    /// slower).
    func range(of needle: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Range<Int>? {
        guard let base = baseAddress, let pattern = needle.baseAddress, let first = needle.first else { return nil }
        var from = start
        while from + needle.count <= count {
            guard let hit = memchr(base + from, Int32(first), count - from) else { return nil }
            let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            guard position + needle.count <= count else { return nil }
            if memcmp(base + position, pattern, needle.count) == 0 { return position..<(position + needle.count) }
            from = position + 1
        }
        return nil
    }

    /// Where `text`'s UTF-8 bytes first occur at or after `start`.
    func range(of text: String, from start: Int = 0) -> Range<Int>? {
        text.withUTF8Bytes { range(of: $0, from: start) }
    }
}

/// A set of Unicode scalars asked like a `CharacterSet`, with the ASCII scalars looked up in a table made from the
/// same set: `CharacterSet.contains` costs about a thousand instructions a scalar, and checked text is mostly ASCII.
struct ScalarSet: Sendable {
    private let set: CharacterSet
    /// The set's ASCII scalars, by byte.
    private let ascii: ByteSet

    /// The scalars of `set`.
    init(_ set: CharacterSet) {
        self.set = set
        ascii = ByteSet { $0 < 0x80 && set.contains(Unicode.Scalar($0)) }
    }

    /// Whether `scalar` is in the set.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ascii.contains(UInt8(scalar.value)) : set.contains(scalar)
    }

    /// Whether any scalar of `text` is in the set.
    func containsAny(of text: String) -> Bool {
        if !text.containsByte(in: .nonASCII) { return text.containsByte(in: ascii) }
        return text.unicodeScalars.contains { contains($0) }
    }
}

/// Numbers written with a fixed count of digits, without Foundation's `String(format:)` (which goes through
/// a C variadic call and costs a hundred times more).
enum Digits {
    /// `7` → `07`, for clock times and dates.
    static func two(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0" + String(value) : String(value)
    }

    /// `value` in lower-case hexadecimal, with leading zeros to `width` digits: `hex(10, width: 2)` is `0a`.
    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(minutes: Int) -> String {
        two(minutes / 60) + ":" + two(minutes % 60)
    }
}
