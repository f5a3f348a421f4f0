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

    /// The page for `rows` (any order; shown by attention), built on `day`.
    public static func render(_ rows: [BookRow], built day: Day, templates: Templates) -> String {
        let sorted = rows.sorted { (attention($0), $1.status.account) > (attention($1), $0.status.account) }
        let planned = rows.reduce(0) { $0 + $1.status.total }, done = rows.reduce(0) { $0 + $1.status.done }
        let firstValue = rows.compactMap(\.daysToFirstValue).sorted()
        let spread: String
        if firstValue.isEmpty {
            spread = "no goals yet"
        } else {
            let median = firstValue[firstValue.count / 2]
            spread = "\(median) days (median; \(firstValue.first!) to \(firstValue.last!))"
        }
        let page = DashboardPage(
            accounts: String(rows.count), built: day.iso, css: templates.dashboardStylesheet,
            donePercent: String(planned == 0 ? 0 : done * 100 / planned),
            overdue: String(rows.reduce(0) { $0 + $1.slipped }),
            goalsMissed: String(rows.reduce(0) { $0 + $1.status.count(.missed) }),
            goalsAtRisk: String(rows.reduce(0) { $0 + $1.status.count(.atRisk) }),
            firstValue: spread,
            rows: sorted.map(row),
            chart: chart(rows),
            risks: sorted.flatMap { row in
                zip(row.status.goals, row.status.goals.indices).compactMap { state, _ in
                    state == .missed || state == .atRisk ? "\(row.status.account): a goal \(state == .missed ? "missed" : "at risk")" : nil
                }
            })
        return templates.dashboardPage.render(page)
    }

    /// Missed goals first, then how far the plan slipped, then goals at risk.
    static func attention(_ row: BookRow) -> Int {
        row.status.count(.missed) * 1_000 + row.worstSlip * 20 + row.slipped * 5 + row.status.count(.atRisk) * 3
    }

    static func row(_ row: BookRow) -> Row {
        let status = row.status
        let goals: (String, String) = status.count(.missed) > 0 ? ("\(status.count(.missed)) missed", "missed")
            : status.count(.atRisk) > 0 ? ("\(status.count(.atRisk)) at risk", "risk")
            : status.goals.isEmpty ? ("no goals", "none")
            : status.count(.reached) == status.goals.count ? ("reached", "ok") : ("on track", "ok")
        return Row(
            account: status.account, link: row.slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed).map { $0 + "/plan.html" } ?? "",
            done: String(status.done), total: String(status.total), percent: String(StatusTable.percent(status)),
            next: status.next.map { "\($0.number). \($0.title) (\($0.day.iso))" } ?? "all done",
            late: row.slipped == 0 ? "—" : "\(row.slipped) steps, up to \(row.worstSlip) working days",
            goals: goals.0, goalClass: goals.1,
            attention: status.count(.missed) > 0 || row.worstSlip >= 5 ? "urgent" : row.slipped > 0 || status.count(.atRisk) > 0 ? "watch" : "")
    }

    /// Steps planned to end, and steps done, in each week across the book: bars side by side.
    static func chart(_ rows: [BookRow]) -> String {
        var planned: [Int: Int] = [:], done: [Int: Int] = [:]
        for row in rows {
            for step in row.steps {
                planned[step.planned.startOfWeek.ordinal, default: 0] += 1
                if let day = step.done { done[day.startOfWeek.ordinal, default: 0] += 1 }
            }
        }
        let weeks = Array(Set(planned.keys).union(done.keys)).sorted()
        guard let first = weeks.first, let last = weeks.last else { return "<p>No steps yet.</p>" }
        let count = min((last - first) / 7 + 1, 104)
        let top = max(planned.values.max() ?? 1, done.values.max() ?? 1)
        let width = 110 + count * 24, height = 180
        var svg = "<figure><svg class=\"chart\" width=\"\(width)\" height=\"\(height + 30)\" viewBox=\"0 0 \(width) \(height + 30)\" role=\"img\" aria-label=\"Steps planned and done per week\">\n"
        for index in 0..<count {
            let week = first + index * 7
            let x = 50 + index * 24
            let p = planned[week] ?? 0, d = done[week] ?? 0
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
