import Foundation
import Testing
@testable import KickoffKit

/// `kickoff build` of a folder writes the book's dashboard, `out/index.html`: self-contained, every account
/// linked, names escaped.
@Suite("The book's dashboard", .serialized)
struct DashboardTests {
    func build(_ root: URL, _ arguments: [String]) throws -> String? {
        let result = try CommandLineTests().run(["build"] + arguments + ["--out", "out", "--as-of", "2026-12-08", "-q"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        return try? String(contentsOf: root.appendingPathComponent("out/index.html"), encoding: .utf8)
    }

    @Test func aFolderBuildWritesTheDashboardAndAOneAccountBuildDoesNot() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("out"))
        #expect(try build(root, ["plans/acme.yaml"]) == nil)
        let page = try #require(try build(root, ["plans/"]))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(!page.contains("<script"))
        #expect(page.contains("<a href=\"acme/plan.html\">Acme</a>"))
        #expect(page.contains("<a href=\"beijing/plan.html\">北京茶业</a>"))
        // A name with markup characters stays text.
        #expect(page.contains("<a href=\"zeta/plan.html\">Zeta, &quot;Ltd&quot;</a>"))
        #expect(page.components(separatedBy: "<tr class=").count - 1 == 3)
        #expect(page.contains("<title>Onboarding book: 3 accounts</title>"))
    }

    @Test func theRowsCarryProgressAndTheAccountsThatNeedYouComeFirst() throws {
        let root = try StatusTests().book()
        defer { try? FileManager.default.removeItem(at: root) }
        // Rebuilt a week in: Acme has done three steps, Zeta none, so Zeta's plan moved further.
        let page = try #require(try build(root, ["plans/"]))
        let rows = page.components(separatedBy: "<tr class=").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
        #expect(rows.count == 3)
        #expect(rows[0].contains(">Zeta, &quot;Ltd&quot;<"))
        #expect(rows[0].contains("1 missed"))
        #expect(rows.last?.contains(">Acme<") == true)
        #expect(rows.last?.contains("3/4") == true)
        #expect(rows.last?.contains("style=\"width: 75%\"") == true)
        #expect(page.contains("steps moved later than first planned"))
        // The goals that need attention are named.
        #expect(page.contains("<li>Zeta, &quot;Ltd&quot;: missed — Launch</li>"))
    }
}
