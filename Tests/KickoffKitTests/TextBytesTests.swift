import Testing
@testable import KickoffKit

@Suite("Byte-level text checks")
struct TextBytesTests {
    @Test func aByteSetHoldsExactlyItsBytes() {
        let set = ByteSet { $0 == 0x26 || $0 >= 0xF0 || $0 < 0x03 }
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == (byte == 0x26 || byte >= 0xF0 || byte < 0x03), "byte \(byte)")
        }
    }

    @Test func containsByteReadsSmallLargeAndBridgedText() {
        let set = ByteSet { $0 == 0x26 }
        #expect("R&D".containsByte(in: set))
        #expect(!"Research".containsByte(in: set))
        #expect(String(repeating: "x", count: 500).appending("&").containsByte(in: set))
        #expect(!String(repeating: "Čá", count: 500).containsByte(in: set))
        #expect("a long line of text & more"[...].containsByte(in: set))
        #expect("Škoda".isASCII == false && "Skoda".isASCII && "tab\there".isPrintableASCII == false && "plain text".isPrintableASCII)
    }

    /// The quick check before looking at each character must never let an unshowable character through.
    @Test func everyUnshowableCharacterStartsWithAFlaggedByte() {
        var missed: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), YAMLValue.isUnshowable(scalar) else { continue }
            let first = String(Character(scalar)).utf8.first!
            if !YAMLValue.unshowableStart.contains(first) { missed.append(value) }
        }
        #expect(missed.isEmpty)
    }
}
