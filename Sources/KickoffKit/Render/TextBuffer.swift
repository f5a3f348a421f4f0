/// Output text assembled as UTF-8 bytes. Appending copies the piece's bytes and nothing else, where appending to a
/// `String` checks its storage's uniqueness, capacity and ASCII-ness again for every piece (about 1,800
/// instructions for one `"key" : ` of `plan.json`), and an interpolated string is a new string of its own first.
struct TextBuffer {
    /// The text so far, as UTF-8.
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends text as it is.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends one character.
    mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { bytes.append($0) }
    }

    /// Appends an integer in decimal digits.
    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[(20 - count)...]).assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Appends another buffer's text.
    mutating func append(_ other: TextBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Appends text already in UTF-8.
    mutating func append(_ utf8: [UInt8]) { bytes.append(contentsOf: utf8) }

    /// Appends one byte of UTF-8.
    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Empties the buffer, keeping its room for the next text.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends each piece in turn: `svg.write("<rect x=\"", x, "\"/>")` writes what the interpolation
    /// `"<rect x=\"\(x)\"/>"` says, without making a string of it first.
    mutating func write<each Piece: TextPiece>(_ pieces: repeat each Piece) {
        repeat (each pieces).append(to: &self)
    }

    /// The text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
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
