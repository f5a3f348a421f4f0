import Foundation

/// `out/index.html`: the book at a glance, self-contained like the handouts (inline CSS, an inline SVG chart,
/// no script, a Content-Security-Policy that forbids every request).
public struct DashboardPage: TemplateModel {
    /// One account's row.
    public struct Row: TemplateModel {
        /// The account's name.
        public var account: String
        /// The handout, relative to index.html.
        public var link: String
        /// Steps done.
        public var done: String
        /// Steps in the plan.
        public var total: String
        /// Steps done, in percent of the plan.
        public var percent: String
        /// The next step not done and its day, or `all done`.
        public var next: String
        /// How many steps moved later, and by how much, or a dash.
        public var late: String
        /// Where the goals stand, in words.
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

        /// The fields in a fixed order, to be kept outside memory until the page is written.
        var texts: [String] { [account, link, done, total, percent, next, late, goals, goalClass, attention] }
        /// How many texts `texts` has.
        static let textCount = 10

        init(account: String, link: String, done: String, total: String, percent: String, next: String, late: String, goals: String,
             goalClass: String, attention: String) {
            (self.account, self.link, self.done, self.total, self.percent) = (account, link, done, total, percent)
            (self.next, self.late, self.goals, self.goalClass, self.attention) = (next, late, goals, goalClass, attention)
        }

        /// The row whose `texts` these are (the first `textCount`).
        init?(texts: [String]) {
            guard texts.count >= Self.textCount else { return nil }
            self.init(account: texts[0], link: texts[1], done: texts[2], total: texts[3], percent: texts[4], next: texts[5], late: texts[6],
                      goals: texts[7], goalClass: texts[8], attention: texts[9])
        }
    }

    /// How many accounts the book has.
    public var accounts: String
    /// The day the page was built (ISO 8601).
    public var built: String
    /// The page's stylesheet.
    public var css: String
    /// Steps done across the book, in percent of the steps planned.
    public var donePercent: String
    /// Steps moved later than first planned, across the book.
    public var overdue: String
    /// Goals missed, across the book.
    public var goalsMissed: String
    /// Goals at risk, across the book.
    public var goalsAtRisk: String
    /// Median and spread of days to the first goal.
    public var firstValue: String
    /// The accounts, most in need first, read back one at a time.
    public var rows: TemplateStream<Row>
    /// The week-by-week chart, as SVG Kickoff drew.
    public var chart: String
    /// The goals missed or at risk, each with its account.
    var risks: TemplateStream<TextLine>
    /// Whether any goal is missed or at risk (the section shows only then).
    public var hasRisks: Bool

    /// How messages about a template name this value.
    public static let templateName = "the dashboard"
    /// The names a template may use for this value, and how each renders.
    public static let templateFields: [String: TemplateField<DashboardPage>] = [
        "accounts": .text(\.accounts), "built": .text(\.built), "css": .markdown(\.css), "done_percent": .text(\.donePercent),
        "overdue": .text(\.overdue), "goals_missed": .text(\.goalsMissed), "goals_at_risk": .text(\.goalsAtRisk),
        "first_value": .text(\.firstValue), "rows": .stream(\.rows), "chart": .markdown(\.chart), "risks": .stream(\.risks),
        "has_risks": .flag(\.hasRisks),
    ]

    /// Writes the page of the book `book` gathered, built on `day`, to `file`: rows by attention, each read back
    /// and written out in turn.
    static func write(_ book: BookDashboard, built day: Day, templates: Templates, to file: FileWriter) throws {
        book.sortByAttention()
        let sorted = book.entries
        let spread = median(of: book.daysToFirstValue).map { "\($0.median) days (median; \($0.least) to \($0.most))" } ?? "no goals yet"
        let store = StoreReader(book: book, file: file)
        let page = DashboardPage(
            accounts: String(book.count), built: day.iso, css: templates.dashboardStylesheet,
            donePercent: String(StatusTable.percentDone(book.done, of: book.planned)),
            overdue: String(book.slipped), goalsMissed: String(book.goalsMissed), goalsAtRisk: String(book.goalsAtRisk),
            firstValue: spread,
            rows: TemplateStream(isEmpty: sorted.isEmpty) { output, render in
                for entry in sorted {
                    guard let row = store.row(of: entry) else { return }
                    render(row, &output)
                    store.flush(&output)
                }
            },
            chart: chart(book.weeks),
            risks: TemplateStream(isEmpty: book.risks == 0) { output, render in
                for entry in sorted where entry.risks > 0 {
                    guard let texts = store.texts(of: entry) else { return }
                    for line in texts.dropFirst(Row.textCount) { render(TextLine(text: line), &output) }
                    store.flush(&output)
                }
            },
            hasRisks: book.risks > 0)
        var output = TextBuffer(capacity: 128 * 1024)
        templates.dashboardPage.render(page, into: &output)
        file.append(output)
        try store.throwIfFailed()
        try file.throwIfFailed()
    }

    /// The middle value (the upper of the two middle ones when the count is even), the least and the most of
    /// values given as how many times each occurs; nil when there are none.
    static func median(of counts: [Int: Int]) -> (median: Int, least: Int, most: Int)? {
        let values = counts.keys.sorted()
        guard let least = values.first, let most = values.last else { return nil }
        let middle = counts.values.reduce(0, +) / 2
        var seen = 0
        for value in values {
            seen += counts[value]!
            if seen > middle { return (value, least, most) }
        }
        return (most, least, most)
    }

    /// Reads rows back for a page being written, and writes out what is rendered so far once it is long.
    private final class StoreReader: @unchecked Sendable {
        let book: BookDashboard
        let file: FileWriter
        var failure: Error?

        init(book: BookDashboard, file: FileWriter) {
            self.book = book
            self.file = file
        }

        func texts(of entry: BookDashboard.Entry) -> [String]? {
            guard failure == nil else { return nil }
            do { return try book.texts(of: entry) } catch { failure = error; return nil }
        }

        func row(of entry: BookDashboard.Entry) -> Row? {
            guard let texts = texts(of: entry) else { return nil }
            guard let row = Row(texts: texts) else {
                failure = KickoffError(file: NSTemporaryDirectory(), problem: "the dashboard's scratch file lost the row of \(book.account(of: entry))",
                                       fix: "build the book again")
                return nil
            }
            return row
        }

        func flush(_ output: inout TextBuffer) {
            guard output.count >= 64 * 1024 else { return }
            file.append(output)
            output.removeAll()
        }

        func throwIfFailed() throws {
            if let failure { throw failure }
        }
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
