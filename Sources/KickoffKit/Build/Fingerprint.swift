import Foundation

/// Kickoff's version, part of every plan's fingerprint: a new version renders every plan again.
public enum KickoffVersion {
    /// This version.
    public static let current = "0.4.0"
}

/// A 128-bit digest of bytes (two FNV-1a lanes with different bases): enough to tell whether an input changed.
/// Not a cryptographic hash; nothing here defends against someone crafting a collision in their own profile.
struct Digest {
    private var low: UInt64 = 0xCBF2_9CE4_8422_2325
    private var high: UInt64 = 0x6C62_272E_07BB_0142

    /// Adds bytes, then a separator.
    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add(bytes: $0) }
    }

    /// Adds text as UTF-8, then a separator.
    mutating func add(_ text: String) {
        text.withUTF8Bytes { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    private mutating func add(bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_0193
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        low = (low ^ 0xFF) &* 0x0000_0100_0000_01B3
        high = (high ^ 0xFE) &* 0x0000_0100_0000_0193
    }

    /// The digest as 32 hexadecimal digits.
    var hex: String { Digits.hex(high, width: 16) + Digits.hex(low, width: 16) }
}

/// Reads a top-level `key: value` of a profile without parsing the YAML: fast enough to decide whether a build
/// can be skipped. A value written in any other way is simply not found (and the account is built).
enum TopLevelScan {
    static func value(of key: String, in data: Data) -> String? {
        let prefix = Array((key + ":").utf8)
        var found: String?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            bytes.forEachLine { line in
                guard line.hasPrefix(prefix) else { return true }
                // The value ends where a comment (` #`) begins.
                var end = line.count
                for index in prefix.count..<max(prefix.count, line.count - 1) where line[index] == 0x20 && line[index + 1] == 0x23 {
                    end = index
                    break
                }
                var value = line.text(from: prefix.count, count: end - prefix.count)
                value = value.trimmingWhitespace()
                if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                    value = String(value.dropFirst().dropLast())
                }
                found = value
                return false
            }
        }
        return found
    }
}
