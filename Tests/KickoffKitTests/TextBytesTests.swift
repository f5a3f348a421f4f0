import Foundation
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

    @Test func aTextBufferWritesWhatAnInterpolationWould() {
        for value in [0, 7, -7, 10, 99, 1_000_000, Int.max, Int.min] {
            var buffer = TextBuffer()
            buffer.append(value)
            #expect(buffer.text == String(value))
        }
        var buffer = TextBuffer()
        let x = 42, title = "Čaj & <tea> 清河"
        buffer.write("<rect x=\"", x, "\" y=\"", -3, "\">", title, "</rect>\n")
        buffer.append(literal: "😀")
        var other = TextBuffer()
        other.append("end")
        buffer.append(other)
        #expect(buffer.text == "<rect x=\"\(x)\" y=\"-3\">\(title)</rect>\n😀end")
    }

    @Test func aCopiedTextBufferKeepsItsOwnText() {
        var first = TextBuffer(capacity: 1)
        first.append("shared")
        var second = first
        second.append(" and more")
        first.append("!")
        #expect(first.text == "shared!")
        #expect(second.text == "shared and more")
        var third = second
        third.removeAll()
        #expect(third.text.isEmpty && second.text == "shared and more")
        // Growing far past the first room keeps every byte.
        var long = TextBuffer()
        for index in 0..<1_000 { long.write(index, ",") }
        #expect(long.text == (0..<1_000).map { "\($0)," }.joined())
    }

    @Test func digitsAreWrittenAsFormatWouldWriteThem() {
        for value in [0, 7, 10, 59, 255, 4_096] {
            #expect(Digits.two(value) == String(format: "%02d", value))
            #expect(Digits.hex(UInt64(value), width: 2) == String(format: "%02x", value))
        }
        #expect(Digits.hex(UInt64.max, width: 16) == "ffffffffffffffff")
        #expect(Digits.hex(0x1F, width: 16) == "000000000000001f")
        #expect(Digits.clock(minutes: 9 * 60 + 5) == "09:05")
    }
}
