import Foundation

/// `out/index.html`: the book at a glance, self-contained like the handouts (inline CSS, an inline SVG chart,
/// no script, a Content-Security-Policy that forbids every request).
public struct DashboardPage: TemplateModel {
    /// One account's row.
    public struct Row: TemplateModel {
        public var account: String
        /// The handout, relative to index.html.
        public var link: String
        public var done: String
        public var total: String
        public var percent: String
        public var next: String
        public var late: String
        public var goals: String
        /// `ok`, `risk`, `missed` or `none`: how the goals badge looks.
        public var goalClass: String
        /// `urgent`, `watch` or empty: how much the row stands out.
        public var attention: String

        /// How messages about a template name this value.
        public static let templateName = "an account row"
        /// The names a template may use for this value, and how each renders.
        public static let templateFields: [String: TemplateField<Row>] = [
            "account": .text(\.account), "link": .text(\.link), "done": .text(\.done), "total": .text(\.total), "percent": .text(\.percent),
            "next": .text(\.next), "late": .text(\.late), "goals": .text(\.goals), "goal_class": .text(\.goalClass), "attention": .text(\.attention),
        ]
    }

    public var accounts: String
    public var built: String
    public var css: String
    public var donePercent: String
    public var overdue: String
    public var goalsMissed: String
    public var goalsAtRisk: String
    /// Median and spread of days to the first goal.
    public var firstValue: String
    public var rows: [Row]
    /// The week-by-week chart, as SVG Kickoff drew.
    public var chart: String
    public var risks: [String]

    /// How messages about a template name this value.
    public static let templateName = "the dashboard"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<DashboardPage>] = [
        "accounts": .text(\.accounts), "built": .text(\.built), "css": .markdown(\.css), "done_percent": .text(\.donePercent),
        "overdue": .text(\.overdue), "goals_missed": .text(\.goalsMissed), "goals_at_risk": .text(\.goalsAtRisk),
        "first_value": .text(\.firstValue), "rows": .list(\.rows), "chart": .markdown(\.chart), "risks": .texts(\.risks, markdown: false),
        "has_risks": .flag { !$0.risks.isEmpty },
    ]

    /// The page for `rows` (any order; shown by attention) and the book's `weeks`, built on `day`.
    public static func render(_ rows: [BookRow], weeks: [Int: BookRow.WeekCount], built day: Day, templates: Templates) -> String {
        let sorted = rows.sorted { ($0.attention, $1.account) > ($1.attention, $0.account) }
        let planned = rows.reduce(0) { $0 + $1.total }, done = rows.reduce(0) { $0 + $1.done }
        let firstValue = rows.compactMap(\.daysToFirstValue).sorted()
        let spread: String
        if let first = firstValue.first, let last = firstValue.last {
            spread = "\(firstValue[firstValue.count / 2]) days (median; \(first) to \(last))"
        } else {
            spread = "no goals yet"
        }
        let page = DashboardPage(
            accounts: String(rows.count), built: day.iso, css: templates.dashboardStylesheet,
            donePercent: String(StatusTable.percentDone(done, of: planned)),
            overdue: String(rows.reduce(0) { $0 + $1.slipped }),
            goalsMissed: String(rows.reduce(0) { $0 + $1.goalsMissed }),
            goalsAtRisk: String(rows.reduce(0) { $0 + $1.goalsAtRisk }),
            firstValue: spread,
            rows: sorted.map(row),
            chart: chart(weeks),
            risks: sorted.flatMap { row in
                row.risks.map { "\(row.account): \($0.state == "missed" ? "missed" : "at risk") — \($0.text)" }
            })
        return templates.dashboardPage.render(page)
    }

    static func row(_ row: BookRow) -> Row {
        let goals: (String, String) = row.goalsMissed > 0 ? ("\(row.goalsMissed) missed", "missed")
            : row.goalsAtRisk > 0 ? ("\(row.goalsAtRisk) at risk", "risk")
            : row.goals == 0 ? ("no goals", "none")
            : row.goalsReached == row.goals ? ("reached", "ok") : ("on track", "ok")
        return Row(
            account: row.account, link: row.slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed).map { $0 + "/plan.html" } ?? "",
            done: String(row.done), total: String(row.total), percent: String(StatusTable.percentDone(row.done, of: row.total)),
            next: row.next.map { "\($0.number). \($0.title) (\($0.day.iso))" } ?? "all done",
            late: row.slipped == 0 ? "—" : "\(row.slipped) steps, up to \(row.worstSlip) working days",
            goals: goals.0, goalClass: goals.1,
            attention: row.goalsMissed > 0 || row.worstSlip >= 5 ? "urgent" : row.slipped > 0 || row.goalsAtRisk > 0 ? "watch" : "")
    }

    /// Steps planned to end, and steps done, in each week across the book: bars side by side.
    static func chart(_ counts: [Int: BookRow.WeekCount]) -> String {
        let weeks = counts.keys.sorted()
        guard let first = weeks.first, let last = weeks.last else { return "<p>No steps yet.</p>" }
        let count = min((last - first) / 7 + 1, 104)
        let top = max(counts.values.map { max($0.planned, $0.done) }.max() ?? 1, 1)
        let width = 110 + count * 24, height = 180
        var svg = "<figure><svg class=\"chart\" width=\"\(width)\" height=\"\(height + 30)\" viewBox=\"0 0 \(width) \(height + 30)\" role=\"img\" aria-label=\"Steps planned and done per week\">\n"
        for index in 0..<count {
            let week = first + index * 7
            let x = 50 + index * 24
            let p = counts[week]?.planned ?? 0, d = counts[week]?.done ?? 0
            let ph = p * height / top, dh = d * height / top
            svg += "<rect class=\"planned\" x=\"\(x)\" y=\"\(height - ph)\" width=\"10\" height=\"\(ph)\"><title>\(Day(ordinal: week).iso): \(p) planned</title></rect>"
            svg += "<rect class=\"done\" x=\"\(x + 10)\" y=\"\(height - dh)\" width=\"10\" height=\"\(dh)\"><title>\(Day(ordinal: week).iso): \(d) done</title></rect>\n"
            if index % 4 == 0 { svg += "<text x=\"\(x)\" y=\"\(height + 16)\">\(Day(ordinal: week).iso)</text>\n" }
        }
        svg += "<text x=\"0\" y=\"12\">\(top)</text><text x=\"0\" y=\"\(height)\">0</text>\n</svg>\n"
        svg += "<figcaption class=\"legend\"><span><i style=\"background:#c9d6ee\"></i>planned to end that week</span><span><i style=\"background:#1f7a4d\"></i>done that week</span></figcaption></figure>"
        return svg
    }
}
