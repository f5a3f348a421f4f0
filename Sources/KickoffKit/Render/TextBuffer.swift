/// Output text assembled as UTF-8 bytes. Appending copies the piece's bytes and nothing else, where appending to a
/// `String` checks its storage's uniqueness, capacity and ASCII-ness again for every piece (about 1,800
/// instructions for one `"key" : ` of `plan.json`).
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
    mutating func append(_ value: Int) { append(String(value)) }

    /// The text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
