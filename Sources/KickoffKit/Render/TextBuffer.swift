import Foundation

/// Output text assembled as UTF-8 bytes. Appending copies the piece's bytes and nothing else, where appending to a
/// `String` checks its storage's uniqueness, capacity and ASCII-ness again for every piece (about 1,800
/// instructions for one `"key" : ` of `plan.json`), and an interpolated string is a new string of its own first.
/// A value: a copy has its own bytes once either is written to. (Its storage is never written while shared, so a
/// buffer may cross threads like any value.)
public struct TextBuffer: Sendable {
    private var storage: Storage

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 0) { storage = Storage(capacity: capacity) }

    /// A buffer holding `text`.
    public init(_ text: String) {
        self.init(capacity: text.utf8.count)
        append(text)
    }

    /// The text's length in bytes.
    public var count: Int { storage.count }

    /// Whether there is no text.
    public var isEmpty: Bool { storage.count == 0 }

    /// Calls `body` with the text's bytes.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The text.
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The text's bytes, as a file holds them: no `String` is made, so they are not checked as UTF-8 again
    /// (every append was already text).
    public var data: Data { withBytes { Data(buffer: $0) } }

    /// Appends UTF-8 bytes.
    public mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress, !utf8.isEmpty else { return }
        let destination = room(for: utf8.count)
        destination.update(from: source, count: utf8.count)
        storage.count += utf8.count
    }

    /// Appends text as it is.
    public mutating func append(_ text: String) {
        // Native text is read where it is; other text (bridged from Foundation) is copied first. This is
        // `withUTF8Bytes` written out: through that generic helper every append cost 1.3% more of a build.
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            var copy = text
            copy.withUTF8 { append($0) }
        }
    }

    /// Appends text written in the program: a literal's bytes are read where they are, with none of a
    /// `String`'s checks.
    mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends `count` copies of `byte` (ASCII).
    mutating func append(repeating byte: UInt8, count: Int) {
        guard count > 0 else { return }
        room(for: count).initialize(repeating: byte, count: count)
        storage.count += count
    }

    /// Appends one byte of UTF-8.
    mutating func append(byte: UInt8) {
        room(for: 1).pointee = byte
        storage.count += 1
    }

    /// Appends an integer in decimal digits.
    mutating func append(_ value: Int) {
        var magnitude = value.magnitude
        var digits = 0
        repeat { digits += 1; magnitude /= 10 } while magnitude > 0
        let length = digits + (value < 0 ? 1 : 0)
        let destination = room(for: length)
        if value < 0 { destination.pointee = 0x2D }
        magnitude = value.magnitude
        for index in stride(from: length - 1, through: length - digits, by: -1) {
            destination[index] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
        }
        storage.count += length
    }

    /// Appends another buffer's text.
    public mutating func append(_ other: TextBuffer) { other.withBytes { append($0) } }

    /// Appends each piece in turn: `svg.write("<rect x=\"", x, "\"/>")` writes what the interpolation
    /// `"<rect x=\"\(x)\"/>"` says, without making a string of it first.
    mutating func write<each Piece: TextPiece>(_ pieces: repeat each Piece) {
        repeat (each pieces).append(to: &self)
    }

    /// Empties the buffer, keeping its room for the next text.
    public mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: storage.capacity) }
        storage.count = 0
    }

    /// Where the next `extra` bytes go, after making the storage this value's own and large enough. (Inlined
    /// into every append: the usual case is two checks.)
    @inline(__always) private mutating func room(for extra: Int) -> UnsafeMutablePointer<UInt8> {
        if _fastPath(isKnownUniquelyReferenced(&storage) && storage.count + extra <= storage.capacity) {
            return storage.base + storage.count
        }
        return grow(for: extra)
    }

    /// `room(for:)` when the storage is shared or full.
    @inline(never) private mutating func grow(for extra: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.capacity) }
        if storage.count + extra > storage.capacity {
            storage = storage.copy(capacity: Swift.max(storage.capacity * 2, storage.count + extra))
        }
        return storage.base + storage.count
    }

    /// The bytes, with room to grow.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        /// A copy of the bytes with room for `capacity`.
        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.update(from: base, count: count)
            copy.count = count
            return copy
        }
    }
}

/// A value `TextBuffer.write` can append: text or a whole number.
protocol TextPiece {
    /// Appends the value's text to `buffer`.
    func append(to buffer: inout TextBuffer)
}

extension String: TextPiece {
    /// Appends the text as it is.
    func append(to buffer: inout TextBuffer) { buffer.append(self) }
}

extension Int: TextPiece {
    /// Appends the number in decimal digits.
    func append(to buffer: inout TextBuffer) { buffer.append(self) }
}

/// Text written with some of its bytes replaced (for HTML, for iCalendar, for JSON): the runs between special
/// bytes are copied as they are, each special byte is written by the escaper.
protocol EscapedText: TextPiece {
    /// Bytes that may be replaced; text without any is written as it is.
    static var special: ByteSet { get }
    /// The text as given.
    var text: String { get }
    /// The text, to be escaped as it is written.
    init(_ text: String)
    /// What special bytes are written as, where one byte stands for one fixed text.
    static var replacements: ByteReplacements { get }
    /// Writes the special byte at `index` of `bytes` (with what follows it, if the escaper reads further) and
    /// returns the index of the first byte not yet written. Unless an escaper says otherwise: its replacement,
    /// or nothing for a special byte without one.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into buffer: inout TextBuffer) -> Int
}

/// An escaper's replacements by byte: a table, so that writing a special byte is one lookup.
struct ByteReplacements: Sendable {
    private let texts: [StaticString?]

    /// Each byte with the text it is written as.
    init(_ pairs: KeyValuePairs<UInt8, StaticString>) {
        var texts = [StaticString?](repeating: nil, count: 256)
        for (byte, text) in pairs { texts[Int(byte)] = text }
        self.texts = texts
    }

    /// The text `byte` is written as, if it has one.
    subscript(byte: UInt8) -> StaticString? { texts[Int(byte)] }
}

extension EscapedText {
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into buffer: inout TextBuffer) -> Int {
        if let replacement = replacements[bytes[index]] { buffer.append(literal: replacement) }
        return index + 1
    }

    /// Appends the text, escaped.
    func append(to buffer: inout TextBuffer) {
        if text.utf8.withContiguousStorageIfAvailable({ Self.write($0, into: &buffer) }) == nil {
            var copy = text
            copy.withUTF8 { Self.write($0, into: &buffer) }
        }
    }

    /// Writes `bytes` escaped: every run without a special byte in one copy.
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout TextBuffer) {
        let special = Self.special
        var runStart = 0
        var index = special.firstIndex(in: bytes)
        while index < bytes.count {
            if index > runStart { buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            runStart = escape(bytes, at: index, into: &buffer)
            index = special.firstIndex(in: bytes, from: runStart)
        }
        if runStart == 0 { buffer.append(bytes) } else if bytes.count > runStart { buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// `text` escaped, as a string: `text` itself when nothing in it needs escaping.
    static func string(_ text: String) -> String {
        guard text.containsByte(in: special) else { return text }
        var result = TextBuffer(capacity: text.utf8.count + 16)
        Self(text).append(to: &result)
        return result.text
    }
}
