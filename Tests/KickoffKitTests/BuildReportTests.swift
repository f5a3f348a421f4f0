import Foundation
import Testing
@testable import KickoffKit

/// What `kickoff build` tells the CSM: one summary line even when quiet, each error once, leftovers cleaned.
@Suite("What a build reports", .serialized)
struct BuildReportTests {
    let command = CommandLineTests()

    func workspace(profiles: Int, flow: String = BadInputCorpusTests.defaultFlow) throws -> URL {
        let root = try command.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try flow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        for index in 1...profiles {
            try "account: Account \(index)\nflow: testly\nstart: 2026-12-01\n".write(to: root.appendingPathComponent("plans/a\(index).yaml"), atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func quietKeepsTheSummaryLineAndDoubleQuietPrintsNothing() throws {
        let root = try workspace(profiles: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let quiet = try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23", "--quiet"], in: root)
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "2 accounts: 2 created, 0 updated, 0 unchanged, 0 failed; 0 goal(s) at risk\n")
        let one = try command.run(["build", "plans/a1.yaml", "--out", "out", "--as-of", "2026-11-23", "-q"], in: root)
        #expect(one.stdout == "1 account: 0 created, 0 updated, 1 unchanged, 0 failed; 0 goal(s) at risk\n")
        let silent = try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23", "-qq"], in: root)
        #expect(silent.status == 0)
        #expect(silent.stdout.isEmpty && silent.stderr.isEmpty)
    }

    @Test func anErrorInTheFlowIsPrintedOnceForAllItsAccounts() throws {
        let root = try workspace(profiles: 5, flow: BadInputCorpusTests.defaultFlow + "    owner: boss\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "error: flows/testly.yaml:10: steps[0].owner: \"boss\" is not one of customer, csm, together; use one of customer | csm | together (stopped 5 accounts: plans/a1.yaml, plans/a2.yaml, plans/a3.yaml, …)\n")
        #expect(result.stdout == "5 accounts: 0 created, 0 updated, 0 unchanged, 5 failed; 0 goal(s) at risk\n")
    }

    @Test func foldersLeftByAnEarlierBuildAreRemovedEvenWhenReadOnly() throws {
        let out = try command.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let leftover = out.appendingPathComponent(".acme.new-123-456/inner")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try "old".write(to: leftover.appendingPathComponent("plan.md"), atomically: true, encoding: .utf8)
        chmod(leftover.path, 0o555)
        chmod(leftover.deletingLastPathComponent().path, 0o555)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("acme"), withIntermediateDirectories: true)
        #expect(OutputFolder.removeLeftovers(in: out.path) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["acme"])
    }
}

/// One writer per output folder.
@Suite("Builds at the same time", .serialized)
struct ConcurrentBuildTests {
    @Test func twoBuildsOnOneOutputFolderBothFinishWithCompleteFolders() throws {
        let command = CommandLineTests()
        let root = try BuildReportTests().workspace(profiles: 60)
        defer { try? FileManager.default.removeItem(at: root) }
        func start(_ asOf: String) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["build", "plans/", "--out", "out", "--as-of", asOf]
            process.currentDirectoryURL = root
            var environment = ProcessInfo.processInfo.environment
            environment["KICKOFF_TEMPLATES"] = Fixtures.root.appendingPathComponent("templates").path
            process.environment = environment
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            return (process, err)
        }
        _ = command
        // Two different as-of days, so both really write every folder.
        let runs = [try start("2026-11-23"), try start("2026-12-02")]
        var messages = ""
        for (process, err) in runs {
            messages += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let lines = messages.split(separator: "\n")
        #expect(lines.count <= 1, "at most one message: \(messages)")
        #expect(lines.allSatisfy { $0.hasPrefix("waiting for another kickoff build") && $0.hasSuffix("to finish writing out/") }, "\(messages)")
        let folders = try Fixtures.outputEntries(root.appendingPathComponent("out").path)
        #expect(folders.count == 60)
        for folder in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out/\(folder)").path).sorted()
            #expect(files.starts(with: ["plan.html", "plan.ics", "plan.json", "plan.md"]), "\(folder): \(files)")
        }
    }

    @Test func aBuildThatCannotGetTheLockInTimeSaysWhoHasIt() throws {
        let out = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let held = try OutputLock.acquire(in: out.path)
        defer { held.release() }
        var told: [Int32?] = []
        #expect(throws: KickoffError(file: out.path, problem: "is being written by another kickoff build (process \(getpid()))",
                                     fix: "wait for it to finish and run this build again")) {
            _ = try OutputLock.acquire(in: out.path, timeout: 0.2) { told.append($0) }
        }
        #expect(told == [getpid()])
    }
}
