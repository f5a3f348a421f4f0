import Foundation
import Testing
@testable import KickoffKit

/// Importing the weekly CRM export: files named after the whole account, every bad row reported, new accounts
/// created, existing profiles left alone, another account's profile never replaced.
@Suite("Importing again, week after week", .serialized)
struct ReimportTests {
    let command = CommandLineTests()

    func workspace(csv: String) throws -> URL {
        let folder = try command.temporaryFolder()
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("flows"), to: folder.appendingPathComponent("flows"))
        try csv.write(to: folder.appendingPathComponent("crm.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func accountsThatShareTheirLastWordGetTheirOwnFiles() throws {
        let folder = try workspace(csv: "Account Name,Start Date\nContoso Ltd / EU,2026-12-07\nFabrikam Inc / EU,2026-12-08\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try command.run(["import", "crm.csv", "--flow", "emailsaurus"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            column "Account Name" → account
            column "Start Date" → start
            wrote plans/contoso-ltd-eu.yaml (crm.csv line 2)
            wrote plans/fabrikam-inc-eu.yaml (crm.csv line 3)

            """)
    }

    @Test func everyBadRowIsReportedAndNothingIsWritten() throws {
        let folder = try workspace(csv: "account,start,experience\nGood,2026-12-07,Beginner\nBad date,2026-13-01,\nBad level,2026-12-01,wizard\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try command.run(["import", "crm.csv", "--flow", "emailsaurus"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: crm.csv:3:2: start: "2026-13-01" is not a date; use YYYY-MM-DD, like 2026-12-01
            error: crm.csv:4:3: experience: "wizard" is not one of beginner, intermediate, expert; use one of beginner | intermediate | expert
            nothing was written

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plans").path))
    }

    @Test func capitalisedWordsFromACRMAreAccepted() throws {
        let csv = "Company,Kickoff Date,Experience,Cadence,Working Days,Language\nAcme,2026-12-07,Beginner,Twice-Weekly,\"Mon, Tue, Wed\",ZH-HANS\n"
        let rows = try ProfileImport.rows(fromCSV: Data(csv.utf8), file: "crm.csv", flow: "emailsaurus")
        #expect(rows.errors.isEmpty)
        let profile = try Fixtures.profile(rows.profiles[0].yaml)
        #expect(profile.persona.experience == .beginner)
        #expect(profile.cadence == .twiceWeekly)
        #expect(profile.calendar.workingDays == [.mon, .tue, .wed])
        #expect(profile.locale == .zhHans)
        #expect(rows.headerNotes == ["column \"Company\" → account", "column \"Kickoff Date\" → start", "column \"Language\" → locale"])
    }

    @Test func nextWeeksExportCreatesNewAccountsAndKeepsExistingProfiles() throws {
        let folder = try workspace(csv: "account,start\nInitech,2026-12-07\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try command.run(["import", "crm.csv", "--flow", "emailsaurus"], in: folder).status == 0)
        // The CSM records progress by hand; next week's export must not undo it.
        let initech = folder.appendingPathComponent("plans/initech.yaml")
        let edited = try String(contentsOf: initech, encoding: .utf8) + "progress:\n  create-account: 2026-12-07\n"
        try edited.write(to: initech, atomically: true, encoding: .utf8)
        try "account,start\nInitech,2026-12-07\nUmbrella,2026-12-14\n".write(to: folder.appendingPathComponent("crm.csv"), atomically: true, encoding: .utf8)
        let again = try command.run(["import", "crm.csv", "--flow", "emailsaurus"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout == "kept plans/initech.yaml: the account already has a profile (crm.csv line 2)\nwrote plans/umbrella.yaml (crm.csv line 3)\n")
        #expect(try String(contentsOf: initech, encoding: .utf8) == edited)
        // Asked to, the account's own profile is replaced with its row.
        let forced = try command.run(["import", "crm.csv", "--flow", "emailsaurus", "--force"], in: folder)
        #expect(forced.stdout.hasPrefix("replaced plans/initech.yaml (crm.csv line 2)\n"))
        #expect(try String(contentsOf: initech, encoding: .utf8) != edited)
    }

    @Test func aFileOfAnotherAccountIsNeverReplacedEvenWithForce() throws {
        let folder = try workspace(csv: "account,start\nContoso Ltd / US,2026-12-07\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let mine = "account: Contoso Ltd US\nflow: emailsaurus\nstart: 2026-12-01\n"
        try mine.write(to: folder.appendingPathComponent("plans/Contoso-Ltd-US.yaml"), atomically: true, encoding: .utf8)
        for flags in [[], ["--force"]] {
            let result = try command.run(["import", "crm.csv", "--flow", "emailsaurus"] + flags, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr == "error: crm.csv:2: account: \"Contoso Ltd / US\" would be written to plans/Contoso-Ltd-US.yaml, which holds the profile of \"Contoso Ltd US\"; rename that file, or give the account a name that differs in letters or digits\nnothing was written\n")
            #expect(!result.stderr.contains("--force"))
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("plans/Contoso-Ltd-US.yaml"), encoding: .utf8) == mine)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("plans").path) == ["Contoso-Ltd-US.yaml"])
    }
}
