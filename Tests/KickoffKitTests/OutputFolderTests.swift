import Foundation
import Testing
@testable import KickoffKit

@Suite("Writing output folders")
struct OutputFolderTests {
    @Test("Slugs never leave the output folder", arguments: [
        ("plans/acme-outdoor.yaml", "acme-outdoor"),
        ("plans/Acme Outdoor Co.yaml", "acme-outdoor-co"),
        ("../../etc/passwd.yaml", "passwd"),
        ("/abs/path/..yaml", "account-2b0c98f1"),
        ("plans/CON.yaml", "con-plan"),
        ("plans/Škoda Auto.yaml", "skoda-auto"),
        ("plans/Žluťoučký kůň.yaml", "zlutoucky-kun"),
        ("plans/北京.yaml", "北京"),
        ("plans/上海.yaml", "上海"),
        ("plans/!!!.yaml", "account-2d53a722"),
        ("plans/???.yaml", "account-7bcac794"),
        ("plans/a\\..\\b.yaml", "a-b"),
    ])
    func slug(_ path: String, _ expected: String) {
        #expect(Slug.make(fromFileAt: path) == expected)
    }

    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func createsUpdatesAndLeavesUnchangedFoldersAlone() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try OutputFolder.write(["plan.md": "one"], slug: "acme", into: out) == .created)
        #expect(try OutputFolder.write(["plan.md": "one"], slug: "acme", into: out) == .unchanged)
        #expect(try OutputFolder.write(["plan.md": "two", "plan.json": "{}"], slug: "acme", into: out) == .updated)
        #expect(try String(contentsOfFile: "\(out)/acme/plan.md", encoding: .utf8) == "two")
        // No staging or old folders are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["acme"])
    }

    @Test func refusesToReplaceAFileThatIsNotAFolder() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try "mine".write(toFile: "\(out)/acme", atomically: true, encoding: .utf8)
        #expect(throws: KickoffError.self) { try OutputFolder.write(["plan.md": "x"], slug: "acme", into: out) }
        #expect(try String(contentsOfFile: "\(out)/acme", encoding: .utf8) == "mine")
    }

    @Test func replacesASymlinkedFolderWithoutWritingThroughIt() throws {
        let out = try temporaryFolder()
        let elsewhere = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: elsewhere) }
        try "precious".write(toFile: "\(elsewhere)/plan.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(out)/acme", withDestinationPath: elsewhere)
        #expect(throws: KickoffError.self) { try OutputFolder.write(["plan.md": "x"], slug: "acme", into: out) }
        #expect(try String(contentsOfFile: "\(elsewhere)/plan.md", encoding: .utf8) == "precious")
    }
}
