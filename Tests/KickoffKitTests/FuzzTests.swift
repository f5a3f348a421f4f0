import Foundation
import Testing
@testable @_spi(Fuzzing) import KickoffKit

/// Mutated sample inputs through the whole pipeline: every outcome is a plan or one KickoffError, never a crash.
/// (`make fuzz` runs the same entry point under libFuzzer for longer.)
@Suite("Fuzzing the loaders and the build")
struct FuzzTests {
    static let tokens = ["\t", "\u{FEFF}", "&a ", "*a", "---\n", "- ", ": ", "{", "}", "[", "]", "\"", "'", "|\n", ">\n", "#", "\\u0000",
                         "2026-02-30", "-3d", "0w", "~", "null", "yes", "9999999999999999999999", "\u{202E}", "<script>", "\r\n", "\n  ", "after: [", "steps:\n"]

    static func mutate(_ data: Data, with generator: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<Int(1 + generator.next() % 4) {
            guard !bytes.isEmpty else { break }
            let at = Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 5 {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            case 1: bytes.insert(contentsOf: Array(tokens[Int(generator.next() % UInt64(tokens.count))].utf8), at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int(generator.next() % 40)))
            case 3:
                let end = min(bytes.count, at + Int(generator.next() % 80))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            default:
                // Drop a whole line.
                let lineStart = bytes[..<at].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let lineEnd = bytes[at...].firstIndex(of: 10) ?? bytes.count
                bytes.removeSubrange(lineStart..<lineEnd)
            }
        }
        return Data(bytes)
    }

    @Test func mutatedProfilesAndFlowsNeverCrash() throws {
        let profiles = try FileManager.default.contentsOfDirectory(atPath: "plans".relativeToRoot).sorted()
            .map { try Data(contentsOf: URL(fileURLWithPath: "plans/\($0)".relativeToRoot)) }
        let flows = try ["emailsaurus", "deskpilot"].map { try Data(contentsOf: URL(fileURLWithPath: "flows/\($0).yaml".relativeToRoot)) }
        var generator = SplitMix64(seed: 0x5EED_F00D)
        var built = 0, refused = 0
        for round in 0..<400 {
            let mutateFlow = round % 4 == 3
            let profileData = mutateFlow ? profiles[round % profiles.count] : Self.mutate(profiles[round % profiles.count], with: &generator)
            let flowData = mutateFlow ? Self.mutate(flows[round % 2], with: &generator) : flows[round % 2]
            switch FuzzEntry.run(profile: profileData, flow: flowData, templates: Fixtures.templates) {
            case .built: built += 1
            case .refused(let error): refused += 1; #expect(!error.description.isEmpty)
            case .unexpected(let error): Issue.record("round \(round): not a KickoffError: \(error)")
            }
        }
        // Both paths were exercised.
        #expect(built > 20 && refused > 20, "built \(built), refused \(refused)")
    }
}
