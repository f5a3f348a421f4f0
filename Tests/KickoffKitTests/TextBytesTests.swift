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

    @Test func aByteSetFindsTheFirstOfItsBytesFromAnyStart() {
        let set = ByteSet { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 == 0xE2 }
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 7, 64, 300] {
            let bytes = (0..<length).map { _ in [UInt8(0x22), 0x5C, 0x0A, 0xE2, 0x41, 0x7A, 0xC3, 0x20][Int.random(in: 0..<8, using: &generator)] }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...length {
                    let expected = bytes[start...].firstIndex(where: set.contains) ?? length
                    #expect(set.firstIndex(in: buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    /// Escapers copy the runs between special bytes and write each special byte their way: at the start, at the
    /// end, side by side, and in text with none.
    @Test func escapersWriteRunsAndSpecialBytes() {
        #expect(HTMLText.escape("") == "")
        #expect(HTMLText.escape("plain") == "plain")
        #expect(HTMLText.escape("<a href=\"x\">R&D's</a>") == "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        #expect(HTMLText.escape("&&") == "&amp;&amp;")
        #expect(JSONText.Escaped.string("\"q\"\\\n\r\t\u{1}end") == "\\\"q\\\"\\\\\\n\\r\\t\\u0001end")
        #expect(JSONText.Escaped.string("Čaj 清河 \u{1F}") == "Čaj 清河 \\u001f")
        #expect(PlanCalendar.Escaped.string(",a;b\\c\nd\u{2028}e\u{2029}\u{7}f — g,") == "\\,a\\;b\\\\c\\nd\\ne\\nf — g\\,")
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

    /// A scalar set answers as the character set it was made from: for every ASCII scalar from its table, and for
    /// text with and without characters beyond ASCII.
    @Test func aScalarSetAnswersAsItsCharacterSet() {
        let characters = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: "<>()[]\\,;:\"'`"))
        let scalars = ScalarSet(characters)
        var differ: [UInt32] = []
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalars.contains(scalar) != characters.contains(scalar) { differ.append(value) }
        }
        #expect(differ.isEmpty)
        for text in ["priya@example.com", "priya @example.com", "pri\tya@example.com", "<priya@example.com>", "a;b@example.com",
                     "jana.nováková@example.cz", "jana\u{00A0}nová@example.cz", "li\u{3000}@example.cn", "x\u{200B}y@example.com",
                     "许@例子.中国", "", "\u{7F}"] {
            #expect(scalars.containsAny(of: text) == text.unicodeScalars.contains { characters.contains($0) }, "\(text.debugDescription)")
        }
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
