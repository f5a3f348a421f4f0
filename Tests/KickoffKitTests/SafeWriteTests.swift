import Foundation
import Testing
@testable import KickoffKit

/// A build killed at any moment leaves each account's folder as the old version or the new one, never a mix.
@Suite("Safe writes", .serialized)
struct SafeWriteTests {
    func copyFolder(_ from: URL, _ to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        try FileManager.default.copyItem(at: from, to: to)
    }

    func contents(of folder: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? Data(contentsOf: folder.appendingPathComponent($0))) ?? Data()) })
    }

    @Test func aKilledBatchLeavesEveryFolderOldOrNew() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        for index in 0..<300 {
            try """
            account: Account \(index)
            flow: \(index % 2 == 0 ? "emailsaurus" : "deskpilot")
            start: 2026-12-01
            goals:
              - id: \(index % 2 == 0 ? "first-campaign" : "one-inbox")
                text: Goal \(index)
            """.write(to: root.appendingPathComponent(String(format: "plans/account-%03d.yaml", index)), atomically: true, encoding: .utf8)
        }
        let cli = CommandLineTests()
        // The old version of every account.
        #expect(try cli.run(["build", "plans", "--out", "out", "--as-of", "2026-11-23", "--quiet"], in: root).status == 0)
        let old = root.appendingPathComponent("old"), new = root.appendingPathComponent("new")
        try copyFolder(root.appendingPathComponent("out"), old)
        // The new version, built without interruption from the same starting point: regenerated mid-way, every plan changes.
        try copyFolder(old, root.appendingPathComponent("out-new"))
        #expect(try cli.run(["build", "plans", "--out", "out-new", "--as-of", "2026-12-10", "--quiet"], in: root).status == 0)
        try FileManager.default.moveItem(at: root.appendingPathComponent("out-new"), to: new)

        var sawOld = 0, sawNew = 0
        for delay in [0.15, 0.4, 0.8] {
            try copyFolder(old, root.appendingPathComponent("out"))
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["build", "plans", "--out", "out", "--as-of", "2026-12-10", "--quiet"]
            process.currentDirectoryURL = root
            process.environment = ["KICKOFF_TEMPLATES": Fixtures.root.appendingPathComponent("templates").path, "PATH": "/usr/bin:/bin"]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let out = root.appendingPathComponent("out")
            let folders = try Fixtures.outputEntries(out.path).filter { !$0.hasPrefix(".") }
            #expect(folders.count == 300, "every account still has a folder")
            for name in folders {
                let now = contents(of: out.appendingPathComponent(name))
                if now == contents(of: old.appendingPathComponent(name)) { sawOld += 1 }
                else if now == contents(of: new.appendingPathComponent(name)) { sawNew += 1 }
                else { Issue.record("\(name) is neither the old nor the new version after a kill at \(delay)s") }
            }
        }
        // The kills landed mid-way: some folders were already new, some still old.
        #expect(sawOld > 0 && sawNew > 0, "old \(sawOld), new \(sawNew)")

        // The next run finishes the job and tidies what the killed one left.
        #expect(try cli.run(["build", "plans", "--out", "out", "--as-of", "2026-12-10", "--quiet"], in: root).status == 0)
        #expect(try Fixtures.outputEntries(root.appendingPathComponent("out").path).allSatisfy { !$0.hasPrefix(".") })
        for index in [0, 150, 299] {
            let name = String(format: "account-%03d", index)
            #expect(contents(of: root.appendingPathComponent("out/\(name)")) == contents(of: new.appendingPathComponent(name)))
        }
    }
}
