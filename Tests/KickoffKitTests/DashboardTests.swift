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

    /// A book larger than the page is written in pieces: rows come back from the scratch file in attention order,
    /// then by name, each once, with the risk lines in the same order, and the figures are the book's sums.
    @Test func aLongBookIsWrittenRowByRowInAttentionOrder() throws {
        let flow = Fixtures.flowYAML(steps: """
              - {id: a, title: Create the account, phase: setup, effort: 10m, required: true}
              - {id: b, title: Send the first campaign, phase: first-value, effort: 30m, required: true, after: [a]}
            """)
        let plan = try Fixtures.plan(profile: Fixtures.profileYAML("goals:\n  - {id: launch, text: Launch, by: 2026-12-04}\n"), flow: flow,
                                     asOf: Fixtures.day("2026-12-01"))
        let template = BookRow(plan: plan)
        let dashboard = BookDashboard()
        var expected: [(attention: Int, account: String, risk: String?)] = []
        for index in 0..<600 {
            var row = template
            // Names out of order, some shared attention, non-ASCII and markup in a few.
            row.account = index % 50 == 0 ? "Zürich <\(index)>" : "Account \((index * 7919) % 600)"
            row.slug = "account-\(index)"
            row.goalsMissed = index % 3 == 0 ? 1 : 0
            row.slipped = index % 5
            row.worstSlip = index % 4
            row.risks = row.goalsMissed > 0 ? [(text: "Launch \(index)", state: "missed")] : []
            dashboard.add(row)
            expected.append((row.attention, row.account, row.risks.first?.text))
        }
        let out = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try dashboard.write(into: out.path, built: Fixtures.day("2026-12-01"), templates: Fixtures.templates)
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.utf8.count > 128 * 1024, "the page is long enough to be written in several pieces")
        #expect(page.hasSuffix("</html>\n"))
        let sorted = expected.sorted { ($0.attention, $1.account) > ($1.attention, $0.account) }
        let names = page.components(separatedBy: "<td data-label=\"Account\"><a href=\"").dropFirst().map {
            $0.components(separatedBy: "\">")[1].components(separatedBy: "</a>")[0]
        }
        #expect(names == sorted.map { HTMLText.escape($0.account) })
        let risks = page.components(separatedBy: "<li>").dropFirst().compactMap { $0.components(separatedBy: "</li>").first }
            .filter { $0.contains(": missed — ") }
        #expect(risks == sorted.compactMap { row in row.risk.map { HTMLText.escape("\(row.account): missed — \($0)") } })
        #expect(risks.count == 200)
        #expect(page.contains("<title>Onboarding book: 600 accounts</title>"))
        #expect(page.contains("<strong>200</strong> goals missed"))
        // Nothing of the scratch file or the page's staging file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.html"])
    }

    /// Names are ordered as Swift orders strings, also where bytes would order them otherwise (combining marks,
    /// precomposed letters, CJK).
    @Test func namesAreOrderedAsStrings() {
        let pieces = ["a", "B", "z", "é", "e\u{0301}", "\u{0301}", "北", "京", " ", "-", "0", "Å", "A\u{030A}", "ß", "\u{1F600}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let first = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let second = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let precedes = Array(first.utf8).withUnsafeBufferPointer { a in
                Array(second.utf8).withUnsafeBufferPointer { b in TextOrder.precedes(a[...], b[...]) }
            }
            #expect(precedes == (first < second), "\(first.debugDescription) < \(second.debugDescription)")
        }
    }

    /// The days to first value are kept as counts; their median, least and most are those of the list of days.
    @Test func theMedianOfCountsIsTheMedianOfTheDays() {
        #expect(DashboardPage.median(of: [:]) == nil)
        for _ in 0..<500 {
            let days = (0..<Int.random(in: 1...40)).map { _ in Int.random(in: -3...30) }
            let counts = Dictionary(days.map { ($0, 1) }, uniquingKeysWith: +)
            let sorted = days.sorted()
            let median = DashboardPage.median(of: counts)
            #expect(median?.median == sorted[sorted.count / 2] && median?.least == sorted.first && median?.most == sorted.last, "\(sorted)")
        }
    }

    /// The scratch store gives back exactly what it was given, from its unlinked file (written in pieces) or from
    /// memory when no file can be made.
    @Test(arguments: [true, false])
    func theRowStoreGivesBackEveryList(inFile: Bool) throws {
        let store = RowStore(folder: inFile ? NSTemporaryDirectory() : "/nonexistent-\(UUID().uuidString)")
        #expect(store.usesFile == inFile)
        var records: [(RowStore.Record, [String])] = []
        for index in 0..<3_000 {
            let texts = ["Account \(index)", "", "北京茶业 \(index)", String(repeating: "x", count: index % 97), "a\u{0}b"]
            records.append((store.append(texts), texts))
        }
        for (record, texts) in records.shuffled() { #expect(try store.texts(at: record) == texts) }
        // Lists appended after reading still come back.
        let late = store.append(["late"])
        #expect(try store.texts(at: late) == ["late"])
        #expect(try store.texts(at: records[0].0) == records[0].1)
    }
}

