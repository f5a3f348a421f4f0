import Foundation
import Testing
@testable import KickoffKit

/// Each account's data stays its own: no two profiles share an output folder, no folder is taken over by another
/// profile, and no account is compared with another account's plan.
@Suite("Account isolation", .serialized)
struct AccountIsolationTests {
    let command = CommandLineTests()

    /// A workspace with `flows/testly.yaml` and one profile per (file name, account name).
    func workspace(_ profiles: [(file: String, account: String)]) throws -> URL {
        let root = try command.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try BadInputCorpusTests.defaultFlow.write(to: root.appendingPathComponent("flows/testly.yaml"), atomically: true, encoding: .utf8)
        for (file, account) in profiles {
            try "account: \(account)\nflow: testly\nstart: 2026-12-01\n".write(to: root.appendingPathComponent("plans/\(file)"), atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func profilesThatWouldShareAFolderAreRefusedBeforeAnythingIsWritten() throws {
        let root = try workspace([("Globex.yaml", "Globex"), ("globex.yaml", "Globex Asia"), ("a b.yaml", "AB"), ("a-b.yaml", "A-B"),
                                  ("a_b.yaml", "A_B"), ("ok.yaml", "Fine")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let fix = "output folders are named after profile files; rename one of the two files so their names differ in letters or digits"
        #expect(result.stderr == """
            error: plans/a-b.yaml: would be written to out/a-b/, like plans/a b.yaml; \(fix)
            error: plans/a_b.yaml: would be written to out/a-b/, like plans/a b.yaml; \(fix)
            error: plans/globex.yaml: would be written to out/globex/, like plans/Globex.yaml; \(fix)
            nothing was written

            """)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    @Test func namesWithoutLatinLettersGetTheirOwnFolders() throws {
        let root = try workspace([("!!!.yaml", "Bang"), ("???.yaml", "What"), ("北京.yaml", "Beijing Co"), ("上海.yaml", "Shanghai Co"),
                                  ("Škoda Auto.yaml", "Škoda")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let folders = try Fixtures.outputEntries(root.appendingPathComponent("out").path).sorted()
        #expect(folders == ["account-2d53a722", "account-7bcac794", "skoda-auto", "上海", "北京"])
        let plan = try PlanJSON.decode(Data(contentsOf: root.appendingPathComponent("out/北京/plan.json")))
        #expect(plan.account == "Beijing Co")
        #expect(plan.profile == "北京.yaml")
    }

    @Test func theSameProfileNamedTwiceIsBuiltOnce() throws {
        let root = try workspace([("acme.yaml", "Acme")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try command.run(["build", "plans/", "plans/acme.yaml", "./plans/acme.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("created: out/acme/"))
        #expect(result.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test func aFolderOfAnotherProfileIsNeverTakenOver() throws {
        let root = try workspace([("Globex.yaml", "Globex")])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try command.run(["build", "plans/Globex.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root).status == 0)
        let before = try Data(contentsOf: root.appendingPathComponent("out/globex/plan.json"))
        try FileManager.default.moveItem(at: root.appendingPathComponent("plans/Globex.yaml"), to: root.appendingPathComponent("plans/GLOBEX.yaml"))
        let result = try command.run(["build", "plans/GLOBEX.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "error: plans/GLOBEX.yaml: would be written to out/globex/, which holds the plan of another profile, \"Globex.yaml\" (account \"Globex\"); rename one of the two profile files so their names differ in letters or digits, or build into another --out\n")
        #expect(try Data(contentsOf: root.appendingPathComponent("out/globex/plan.json")) == before)
    }

    @Test func aPlanOfAnotherAccountIsNeverThePreviousVersion() throws {
        let root = try workspace([("acme.yaml", "Acme")])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try command.run(["build", "plans/acme.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root).status == 0)
        // The same file now describes another account: the old plan is neither compared with nor kept.
        try "account: Initech\nflow: testly\nstart: 2026-12-02\n".write(to: root.appendingPathComponent("plans/acme.yaml"), atomically: true, encoding: .utf8)
        let result = try command.run(["build", "plans/acme.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 0)
        #expect(result.stderr == "plans/acme.yaml: warning: out/acme/plan.json is the plan of account \"Acme\" (\"acme.yaml\"), not of \"Initech\"; the handout does not compare with it, and it is not kept\n")
        let plan = try PlanJSON.decode(Data(contentsOf: root.appendingPathComponent("out/acme/plan.json")))
        #expect(plan.account == "Initech")
        #expect(plan.changes == nil)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/acme/plan.previous.json").path))
    }

    @Test func sinceIsForOneAccountAndItsOwnPlan() throws {
        let root = try workspace([("acme.yaml", "Acme"), ("initech.yaml", "Initech")])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try command.run(["build", "plans/", "--out", "out", "--as-of", "2026-11-23"], in: root).status == 0)
        let folder = try command.run(["build", "plans/", "--out", "out", "--since", "out/acme/plan.json"], in: root)
        #expect(folder.status != 0)
        #expect(folder.stderr.hasPrefix("Error: --since compares one account with its earlier plan.json, and 2 profiles were named; name one profile, or leave --since out\n"))
        let other = try command.run(["build", "plans/initech.yaml", "--out", "out", "--since", "out/acme/plan.json", "--as-of", "2026-11-23"], in: root)
        #expect(other.status == 1)
        #expect(other.stderr == "error: plans/initech.yaml: out/acme/plan.json is the plan of account \"Acme\" (\"acme.yaml\"), not of \"Initech\"; name this account's own plan.json with --since\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/initech/plan.previous.json").path))
    }

    @Test func anEmptyOutFolderNameIsAUsageError() throws {
        let root = try workspace([("acme.yaml", "Acme")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try command.run(["build", "plans/acme.yaml", "--out", ""], in: root)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: --out: name a folder, like --out out\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["flows", "plans"])
    }

    @Test func aLinkedProfileIsFollowedButAFileThatIsNotAProfileIsNeverQuoted() throws {
        let root = try workspace([("acme.yaml", "Acme")])
        defer { try? FileManager.default.removeItem(at: root) }
        // A profile kept in a synced folder elsewhere is read through its link.
        let elsewhere = try command.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.moveItem(at: root.appendingPathComponent("plans/acme.yaml"), to: elsewhere.appendingPathComponent("acme.yaml"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("plans/acme.yaml").path,
                                                   withDestinationPath: elsewhere.appendingPathComponent("acme.yaml").path)
        #expect(try command.run(["build", "plans/acme.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root).status == 0)
        // A link to a password file is read, refused, and not one byte of it is printed.
        let secret = "root:$6$Zq8xJ2$verysecrethashverysecrethash:19000:0:99999:7:::"
        try (secret + "\n").write(to: elsewhere.appendingPathComponent("shadow"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("plans/x.yaml").path,
                                                   withDestinationPath: elsewhere.appendingPathComponent("shadow").path)
        let result = try command.run(["build", "plans/x.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "error: plans/x.yaml: is not an account profile: it has none of its fields (account, flow, start, …); check the file name; the README lists the fields\n")
        #expect(!result.stderr.contains("root") && !result.stderr.contains("secret"))
        // A link to a device is not read at all.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("plans/zero.yaml").path, withDestinationPath: "/dev/zero")
        let device = try command.run(["build", "plans/zero.yaml", "--out", "out", "--as-of", "2026-11-23"], in: root)
        #expect(device.stderr == "error: plans/zero.yaml: is not a regular file (a device, pipe or socket); name a .yaml file\n")
    }
}
