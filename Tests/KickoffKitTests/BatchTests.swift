import Foundation
import Testing
@testable import KickoffKit

/// A whole book of accounts at once: in parallel, one failure does not stop the others, a re-run rewrites nothing.
@Suite("Building a book of accounts")
struct BatchTests {
    @Test func twoHundredAccountsWithOneBrokenProfile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-book-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let plans = root.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: root.appendingPathComponent("flows"))
        let experiences = ["beginner", "intermediate", "expert"]
        var paths: [String] = []
        for index in 0..<200 {
            let start = Fixtures.day("2026-12-01").adding(days: (index % 4) * 7)
            let yaml = index == 137
                ? "account: Broken 137\nflow: emailsaurus\nstart: \(start.iso)\npace: 0\n"
                : """
                account: Account \(index)
                flow: \(index % 2 == 0 ? "emailsaurus" : "deskpilot")
                start: \(start.iso)
                persona:
                  experience: \(experiences[index % 3])
                pain_points:
                  - id: \(index % 2 == 0 ? "low-open-rates" : "slow-response")
                    text: Pain \(index)
                goals:
                  - id: \(index % 2 == 0 ? "first-campaign" : "faster-response")
                    text: Goal \(index)
                    by: \(1 + index % 4)w
                """
            let path = plans.appendingPathComponent(String(format: "account-%03d.yaml", index)).path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let out = root.appendingPathComponent("out").path
        let pipeline = Pipeline(templates: Fixtures.templates)
        let items = try Batch.run(paths, pipeline: pipeline, out: out)
        let summary = Batch.Summary(items)
        #expect(summary.created == 199)
        #expect(summary.failed == 1)
        #expect(items.map(\.profilePath) == paths)
        if case .failure(let error) = items[137].result {
            #expect(error.description == "\(paths[137]):4: pace: 0 is out of range; use a number from 1 to 10")
        } else {
            Issue.record("the broken profile was built")
        }
        let folders = try Fixtures.outputEntries(out)
        #expect(folders.count == 199)
        #expect(!folders.contains("account-137"))
        #expect(!folders.contains { $0.hasPrefix(".") })

        // A second run over unchanged inputs rewrites nothing.
        let stamp = try FileManager.default.attributesOfItem(atPath: "\(out)/account-000/plan.html")[.modificationDate] as? Date
        let again = Batch.Summary(try Batch.run(paths, pipeline: pipeline, out: out))
        #expect(again.unchanged == 199)
        #expect(again.failed == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: "\(out)/account-000/plan.html")[.modificationDate] as? Date == stamp)
    }
}

@Suite("Importing profiles from a CRM export")
struct ProfileImportTests {
    let header = "account,start,contact_name,contact_email,pain_points,goals,goal_dates,goal_measures,notes\n"

    @Test func turnsRowsIntoProfilesTheLoaderAccepts() throws {
        let csv = header + [
            #"Initech,2026-12-07,Bill,bill@initech.example,"low-open-rates: Open rates ~5%; small-list: Only 300",first-campaign: Launch,first-campaign: 2w,first-campaign: Sent to all,"Line one"#,
            #"Line two""#,
            #""Umbrella ""Health""",2026-12-08,Alice,alice@umbrella.example,,,,,"#,
        ].joined(separator: "\n") + "\n"
        let profiles = try ProfileImport.profiles(fromCSV: Data(csv.utf8), file: "accounts.csv", flow: "emailsaurus")
        #expect(profiles.map(\.fileName) == ["initech.yaml", "umbrella-health.yaml"])
        #expect(profiles.map(\.line) == [2, 4])
        let initech = try Fixtures.profile(profiles[0].yaml)
        #expect(initech.painPoints == [PainPoint(id: "low-open-rates", text: "Open rates ~5%"), PainPoint(id: "small-list", text: "Only 300")])
        #expect(initech.goals[0].by?.iso == "2026-12-21")
        #expect(initech.goals[0].measure == "Sent to all")
        #expect(initech.notes == "Line one\nLine two")
        #expect(try Fixtures.profile(profiles[1].yaml).account == "Umbrella \"Health\"")
    }

    @Test("Bad rows are reported at their line and column", arguments: [
        ("Hooli,2026-12-07,Gavin,gavin@hooli.example,,launch: Launch,launch: 2026-12-01,,\n",
         "accounts.csv:2:7: goal_dates: 2026-12-01 is before the start (2026-12-07); use a day on or after 2026-12-07"),
        ("Hooli,2026-12-07,Gavin,gavin at hooli,,,,,\n",
         "accounts.csv:2:4: contact_email: \"gavin at hooli\" is not an email address; use one address like name@example.com"),
        ("Hooli,2026-12-07,,gavin@hooli.example,,,,,\n",
         "accounts.csv:2:3: contact_name: is required; fill in contact_name for this account"),
        ("Hooli,2026-12-07,Gavin,gavin@hooli.example,slow replies,,,,\n",
         "accounts.csv:2:5: pain_points: \"slow replies\" is not an id: text pair; write each as id: text, separated by ; or one per line, like low-open-rates: Open rates are below 10%"),
        ("Hooli,tomorrow,Gavin,gavin@hooli.example,,,,,\n",
         "accounts.csv:2:2: start: \"tomorrow\" is not a date; use YYYY-MM-DD, like 2026-12-01"),
    ])
    func reportsBadRows(_ row: String, _ message: String) {
        #expect(throws: Error.self) { try ProfileImport.profiles(fromCSV: Data((header + row).utf8), file: "accounts.csv", flow: "emailsaurus") }
        do {
            _ = try ProfileImport.profiles(fromCSV: Data((header + row).utf8), file: "accounts.csv", flow: "emailsaurus")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func anErrorOnALaterLineAfterAMultiLineCellHasTheRightLine() {
        let csv = header + "A,2026-12-07,Ann,ann@a.example,,,,,\"one\ntwo\nthree\"\nB,2026-13-07,Bob,bob@b.example,,,,,\n"
        #expect(Fixtures.message { _ = try ProfileImport.profiles(fromCSV: Data(csv.utf8), file: "accounts.csv", flow: "emailsaurus") }
            == "accounts.csv:5:2: start: \"2026-13-07\" is not a date; use YYYY-MM-DD, like 2026-12-01")
    }

    @Test func refusesUnknownColumnsAndTwoAccountsWithOneFile() {
        #expect(Fixtures.message { _ = try ProfileImport.profiles(fromCSV: Data("acount,start\n".utf8), file: "a.csv", flow: "f") }?
            .hasPrefix("a.csv:1:1: acount: unknown column; did you mean account?") == true)
        let csv = "account,start\nAcme,2026-12-07\nACME,2026-12-08\n"
        #expect(Fixtures.message { _ = try ProfileImport.profiles(fromCSV: Data(csv.utf8), file: "a.csv", flow: "f") }
            == "a.csv:3:1: account: \"ACME\" would be written to acme.yaml, like the account on line 2; give each account its own name")
    }

    @Test func writesAllOrNothingAndNeverOverwritesWithoutForce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-import-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ProfileFiles.write([("\(folder)/a.yaml", "mine")], force: false)
        #expect(throws: KickoffError(file: "\(folder)/a.yaml", problem: "already exists", fix: "move it away, or choose another name or --into folder")) {
            try ProfileFiles.write([("\(folder)/b.yaml", "new"), ("\(folder)/a.yaml", "theirs")], force: false)
        }
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/b.yaml"))
        #expect(try String(contentsOfFile: "\(folder)/a.yaml", encoding: .utf8) == "mine")
        try ProfileFiles.write([("\(folder)/a.yaml", "theirs")], force: true)
        #expect(try String(contentsOfFile: "\(folder)/a.yaml", encoding: .utf8) == "theirs")
    }
}

@Suite("Scaffolding and checking flows")
struct ScaffoldTests {
    @Test func aNewProfileListsTheFlowsIDsAndIsRefusedUntilFilledIn() throws {
        let flow = try Pipeline(templates: Fixtures.templates).loadFlow(named: "emailsaurus", besideProfilesIn: "plans".relativeToRoot)
        let text = try ProfileScaffold.text(account: "Globex \"Corp\"", flowName: "emailsaurus", flow: flow, start: Fixtures.day("2026-12-01"),
                                            file: "plans/globex-corp.yaml", templates: Fixtures.templates)
        // Untouched, the template never reaches a customer.
        #expect(Fixtures.profileError(text) == "plans/acme.yaml:13: contact.name: is still a placeholder from kickoff new (\"FILL IN: the contact's name\"); write the real text, or remove the field")
        // Every placeholder is marked; filled in, the profile is valid.
        let placeholders = text.components(separatedBy: "\n").filter { !$0.hasPrefix("#") && ($0.contains("FILL IN") || $0.contains("fill-in.invalid")) }
        #expect(placeholders.count == 9)
        var filled = text.replacingOccurrences(of: "FILL IN: ", with: "").replacingOccurrences(of: "@fill-in.invalid", with: "@globex.example")
        #expect(Fixtures.profileError(text.replacingOccurrences(of: "FILL IN: ", with: "")) ==
                "plans/acme.yaml:14: contact.email: \"champion@fill-in.invalid\" is still a placeholder address; write the real address")
        filled = filled.replacingOccurrences(of: "Replace every  (validate", with: "Replace every (validate")
        let profile = try Fixtures.profile(filled)
        #expect(profile.account == "Globex \"Corp\"")
        #expect(text.contains("#   spam-folder  (Verify your sending domain; Deliverability review with your CSM)"))
        #expect(text.contains("#   automation  ("))
    }

    @Test func warnsAboutStepsNoPlanCanInclude() throws {
        let flow = try Fixtures.flow(Fixtures.flowYAML(steps: """
          - id: base
            title: Base
            phase: setup
          - id: used
            title: Used
            phase: setup
            after: [base]
            serves: [g]
          - id: orphan
            title: Orphan
            phase: habit
          - id: nobody
            title: Nobody
            phase: habit
            serves: [g]
            audience:
              roles: []
        """))
        #expect(FlowLoader.warnings(for: flow).map(\.field) == ["steps.orphan", "steps.nobody"])
    }

    /// A profile named twice, through another spelling of its path, a symbolic link or a hard link, is one account;
    /// two different files whose names make the same folder are refused together.
    @Test func aFileNamedTwiceIsOneAccountAndTwoFilesForOneFolderAreRefused() throws {
        let root = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plans = root.appendingPathComponent("plans"), other = root.appendingPathComponent("other")
        for folder in [plans, other] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let acme = plans.appendingPathComponent("acme.yaml").path
        try Fixtures.profileYAML().write(toFile: acme, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: other.appendingPathComponent("acme.yaml").path, withDestinationPath: acme)
        try FileManager.default.linkItem(atPath: acme, toPath: other.appendingPathComponent("Acme.yaml").path)
        let named = [acme, plans.path + "/../plans/acme.yaml", other.appendingPathComponent("acme.yaml").path, other.appendingPathComponent("Acme.yaml").path]
        let folders = try Batch.accounts(for: PathList(named), out: "out")
        #expect(folders.map(\.slug) == ["acme"])
        #expect(folders.map(\.profile) == [acme])
        // A different file with a name that makes the same folder.
        let twin = other.appendingPathComponent("ACME.yaml").path
        try Fixtures.profileYAML().write(toFile: twin, atomically: true, encoding: .utf8)
        #expect(throws: Batch.FolderClash.self) { try Batch.accounts(for: PathList([acme, twin]), out: "out") }
        do {
            _ = try Batch.accounts(for: PathList([acme, twin]), out: "out")
        } catch let clash as Batch.FolderClash {
            #expect(clash.errors.map(\.file) == [twin])
            #expect(clash.description.contains("like \(acme)"))
        }
    }
}


/// A book's list of profile paths, kept as folder names and bytes, gives back each path as the list of strings
/// it replaces did; its accounts are each file once, with clashes reported in order against the first owner.
@Suite("A book's list of profiles")
struct PathListTests {
    @Test func givesBackEveryPathAsWritten() {
        var list = PathList()
        var expected: [String] = []
        list.append("acme.yaml")
        expected.append("acme.yaml")
        for folder in ["plans", "plans/", ".", "/abs/olute", "北京/茶业", ""] {
            let names = ["a.yaml", "Zürich é.yml", "北京茶业.yaml", "n\u{0301}.yaml"]
            list.append(contentsOf: names, in: folder)
            let written = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            expected += names.map { "\(written)/\($0)" }
            list.append("../x\(folder).yaml")
            expected.append("../x\(folder).yaml")
        }
        #expect(Array(list) == expected)
        #expect(list.count == expected.count)
        #expect(list[5] == expected[5])
        #expect(PathList(expected) == PathList(expected))
        #expect(Array(PathList(expected)) == expected)
        // Paths that differ only in Unicode form stay apart.
        #expect(Array(PathList(["e\u{0301}.yaml", "\u{00E9}.yaml"])).map { Array($0.utf8) } == [Array("e\u{0301}.yaml".utf8), Array("\u{00E9}.yaml".utf8)])
    }

    /// A folder's profiles, listed from its bytes, are those Foundation's listing gives, filtered and sorted as
    /// strings: hidden files, other extensions, names that differ only in Unicode form, CJK, a `.` with a mark
    /// joined to it, a mark before the extension's `.`, and a folder whose names are not all UTF-8.
    @Test func aFolderListsItsProfilesAsFoundationWould() throws {
        let root = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let names = ["b.yaml", "a.yml", "A.yaml", "_x.yaml", "10.yaml", "9.yaml", ".hidden.yaml", "notes.txt", "x.yaml.bak", "\u{00E9}.yaml",
                     "e\u{0301}.yaml", "北京.yaml", "z\u{00E9}.yaml", ".\u{0301}mark.yaml", "\u{0600}.yaml", "a\u{0308}.yml", "ZZ.YAML", "folder.yaml"]
        for name in names where name != "folder.yaml" {
            try Data("account: x\n".utf8).write(to: root.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
        func foundation(_ folder: String) throws -> [String] {
            let written = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter(ProfileFolder.isProfileName).sorted().map { "\(written)/\($0)" }
        }
        for folder in [root.path, root.path + "/"] {
            var list = PathList()
            let count = try ProfileFolder.list(folder, into: &list)
            #expect(Array(list) == (try foundation(folder)))
            #expect(count == list.count)
            #expect(count == 13)
            #expect(list.contains { $0.hasSuffix("/.\u{0301}mark.yaml") } && !list.contains { $0.hasSuffix("\u{0600}.yaml") })
        }
        // A name that is not UTF-8: the folder is listed through Foundation.
        let raw = Array(root.path.utf8) + [0x2F, 0x62, 0xFF, 0x2E, 0x79, 0x61, 0x6D, 0x6C, 0x00]
        let descriptor = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        var list = PathList()
        _ = try ProfileFolder.list(root.path, into: &list)
        #expect(Array(list) == (try foundation(root.path)))
        // A folder that cannot be read fails as Foundation's listing does.
        var none = PathList()
        let missing = root.path + "/missing"
        #expect(throws: (any Error).self) { try ProfileFolder.list(missing, into: &none) }
        #expect(none.isEmpty)
    }

    @Test func eachFileOnceAndEveryClashAgainstItsFirstOwnerInOrder() throws {
        // Files that do not exist are told apart by their paths, so nothing needs to be on disk.
        let root = "/nonexistent-\(UUID().uuidString)"
        let named = ["a/acme.yaml", "b/x.yaml", "a/acme.yaml", "c/Acme.yaml", "d/x.yaml", "a/./acme.yaml", "e/ACME.yml", "f/y.yaml"].map { "\(root)/\($0)" }
        do {
            _ = try Batch.accounts(for: PathList(named), out: "out")
            Issue.record("the clashes were not refused")
        } catch let clash as Batch.FolderClash {
            #expect(clash.errors.map(\.file) == [named[3], named[4], named[6]])
            #expect(clash.errors.map(\.problem) == ["would be written to out/acme/, like \(named[0])", "would be written to out/x/, like \(named[1])",
                                                     "would be written to out/acme/, like \(named[0])"])
        }
        let distinct = ["a/acme.yaml", "b/x.yaml", "a/acme.yaml", "c/z.yaml", "a/./acme.yaml"].map { "\(root)/\($0)" }
        let accounts = try Batch.accounts(for: PathList(distinct), out: "out")
        #expect(accounts.map(\.profile) == [distinct[0], distinct[1], distinct[3]])
        #expect(accounts.map(\.slug) == ["acme", "x", "z"])
        let all = try Batch.accounts(for: PathList(distinct[...1]), out: "out")
        #expect(all.map(\.profile) == Array(distinct[...1]))
    }
}

/// The path helpers a book uses per account agree with Foundation's on every kind of path.
@Suite("Path names")
struct PathNameTests {
    @Test(arguments: ["plans/acme.yaml", "acme.yaml", "/abs/olute/x.yml", "a//b.yaml", "plans/", "/", "", ".yaml", "plans/.hidden",
                      "a.b.c.yaml", "trailing.", "plans/acme", "北京/茶业.yaml", "./x.yaml", "../up/y.yaml", "dir.d/file"])
    func nameAndStemAreFoundationsAnswers(path: String) {
        let name = (path as NSString).lastPathComponent
        #expect(FilePaths.name(of: path) == name)
        #expect(FilePaths.stem(of: name) == (name as NSString).deletingPathExtension)
    }
}
