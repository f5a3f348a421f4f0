import Foundation

/// Gathers what the book's dashboard shows as a batch reports each account (small: not the plans), then writes
/// `out/index.html`. Used by `kickoff build` of a folder and by `kickoff serve` after each rebuild.
public final class BookDashboard: @unchecked Sendable {
    /// One row per account built, in the order reported.
    public private(set) var rows: [BookRow] = []
    /// The book's steps planned and done, by week (summed as accounts arrive, so rows keep no weeks of their own).
    public private(set) var weeks: [Int: BookRow.WeekCount] = [:]

    /// An empty dashboard.
    public init() {}

    /// Adds an account's row, if the batch built it with one (`withRows`).
    public func add(_ item: Batch.Item) {
        guard case .success(let built) = item.result, var row = built.row else { return }
        for (week, count) in row.weeks {
            weeks[week, default: BookRow.WeekCount()].planned += count.planned
            weeks[week, default: BookRow.WeekCount()].done += count.done
        }
        row.weeks = [:]
        rows.append(row)
    }

    /// Writes `out/index.html` in one rename, dated `built`.
    public func write(into out: String, built: Day, templates: Templates) throws {
        let page = DashboardPage.render(rows, weeks: weeks, built: built, templates: templates)
        try OutputFolder.replaceFile(named: "index.html", in: out, with: Data(page.utf8))
    }
}
