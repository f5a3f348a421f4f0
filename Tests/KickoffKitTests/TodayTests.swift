import Foundation
import Testing
@testable import KickoffKit

/// `kickoff today`: the CSM's agenda across the book, a week after kickoff.
@Suite("Today's agenda", .serialized)
struct TodayTests {
    @Test func aWeekInTheAgendaNamesEachAccountAndWhatToDo() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandLineTests().run(["today", "plans/", "--as-of", "2026-12-08"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Today, 2026-12-08

            Nudge: customer steps 2+ working days late
              Acme: 1 step late, the oldest by 2 working days: step 4 "Automations"
                no step done for 5 days
              北京茶业: 3 steps late, the oldest by 4 working days: step 2 "Import contacts"
                no step done for 7 days
              Zeta, "Ltd": 4 steps late, the oldest by 5 working days: step 1 "Create the a…
                no step done for 7 days

            Celebrate
              Acme, 2026-12-03: "Launch"

            Goals now at risk
              北京茶业: missed, target 2026-12-04: "Launch"
              Zeta, "Ltd": missed, target 2026-12-04: "Launch"

            """)
        #expect(result.stdout.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 80 })
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func checkInsTodayAndOnTheNextWorkingDaySayWhatToCover() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Friday 4 December: the wrap-up review is on Monday, the next working day.
        let result = try CommandLineTests().run(["today", "plans/acme.yaml", "plans/zeta.yaml", "--as-of", "2026-12-04"], in: root)
        let checkIns = result.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("Check-ins") }
        #expect(checkIns == """
            Check-ins
              Acme: wrap-up review on 2026-12-07
                done since the last one: Import contacts; First campaign
                next: Automations
              Zeta, "Ltd": wrap-up review on 2026-12-07
                next: Create the account; Import contacts; First campaign; Automations
            """)
    }

    @Test func jsonListsEveryItemForScripts() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        let json = try CommandLineTests().run(["today", "plans/", "--as-of", "2026-12-04", "--json"], in: root).stdout
        let items = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        let actions = items.map { $0["action"] as? String ?? "" }
        #expect(actions.filter { $0 == "check-in" }.count == 3)
        #expect(items.allSatisfy { $0["asOf"] as? String == "2026-12-04" })
        #expect(actions.filter { $0 == "nudge" }.count == 3)
        #expect(items.contains { $0["action"] as? String == "celebrate" && $0["title"] as? String == "Launch" })
        #expect(items.contains { $0["action"] as? String == "goal-at-risk" && $0["state"] as? String == "at-risk" })
    }

    @Test func anAccountNeverBuiltIsListed() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        try "account: New Co\nflow: testly\nstart: 2026-12-07\n".write(to: root.appendingPathComponent("plans/new.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineTests().run(["today", "plans/new.yaml", "--as-of", "2026-12-08"], in: root)
        #expect(result.stdout == "Today, 2026-12-08\n\nHandout not sent yet\n  New Co (plans/new.yaml): not built yet: run kickoff build\n")
    }

    @Test func withAnOutboxTheAccountsNotSentTheirPlanAreListed() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Acme was sent its welcome; the others were not.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        try "{\"message_id\":\"<2026-11-23.welcome.acme@x.example>\",\"kind\":\"welcome\",\"account\":\"acme\",\"to\":\"a\",\"day\":\"2026-11-23\",\"sent_at\":\"2026-11-23T08:00:00Z\",\"status\":\"sent\",\"error\":null}\n"
            .write(to: root.appendingPathComponent("outbox/sent.jsonl"), atomically: true, encoding: .utf8)
        let result = try CommandLineTests().run(["today", "plans/", "--as-of", "2026-11-24"], in: root)
        #expect(result.stdout.hasSuffix("""
            Handout not sent yet
              北京茶业 (plans/beijing.yaml): welcome not sent yet (kickoff mail)
              Zeta, "Ltd" (plans/zeta.yaml): welcome not sent yet (kickoff mail)

            """), "\(result.stdout)")
        let json = try CommandLineTests().run(["today", "plans/", "--as-of", "2026-12-08", "--json"], in: root).stdout
        let items = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        #expect(items.contains { $0["action"] as? String == "nudge" && $0["account"] as? String == "Acme" && $0["daysSinceProgress"] as? Int == 5 && $0["slip"] as? Int == 0 })
    }
}
