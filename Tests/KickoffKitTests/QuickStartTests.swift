import Foundation
import Testing
@testable import KickoffKit

/// The quick start leads the handout, and what it and every other sentence says stays true whatever day the
/// plan is regenerated on.
@Suite("The quick start, on any day")
struct QuickStartTests {
    func markdown(_ sample: String, asOf: Day?) throws -> (String, Plan) {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/\(sample)".relativeToRoot, asOf: asOf.map(AsOf.day) ?? .start)
        return (build.files["plan.md"]!, build.plan)
    }

    @Test func theQuickStartComesFirstWithThisWeeksTasksGoalsNextCallAndHelp() throws {
        let (plan, _) = try markdown("acme-outdoor.yaml", asOf: nil)
        let sections = plan.components(separatedBy: "\n## ")
        #expect(sections[1].hasPrefix("Start here\n"))
        let start = sections[1]
        #expect(start.contains("**This week (Tue 1 Dec – Fri 4 Dec):**"))
        #expect(start.contains("- **Tue 1 Dec** · Step 1: Create your account and invite your team · 15 min"))
        #expect(start.contains("- Send the first campaign to the whole list · by Mon 14 Dec · on track"))
        #expect(start.contains("**Next check-in:** Kickoff call, Tue 1 Dec at 10:00"))
        #expect(start.contains("**Questions?** Chris Park, chris@emailsaurus.example · help@emailsaurus.example"))
    }

    /// Every day from a week before the start to two weeks after the end: the quick start lists no task before
    /// the day and no check-in before it, and no sentence counts zero of anything.
    @Test(arguments: ["acme-outdoor.yaml", "pekarna-u-mlyna.yaml", "qinghe-tea.yaml", "harbor-clinic.yaml"])
    func everySentenceHoldsOnEveryDay(_ sample: String) throws {
        let (_, first) = try markdown(sample, asOf: nil)
        // From a week before the start (or the last day progress was recorded: a plan cannot be built before it).
        var day = max(first.start.adding(days: -7), first.steps.filter(\.done).map(\.end).max() ?? first.start)
        while day <= first.end.adding(days: 14) {
            let (text, plan) = try markdown(sample, asOf: day)
            let start = text.components(separatedBy: "\n## ")[1]
            let today = max(day, plan.start)
            // The tasks shown are the plan's steps still open on the day (or a well-done line when none is left).
            for line in start.split(separator: "\n") where line.hasPrefix("- **") {
                let shown = plan.steps.last { line.hasSuffix($0.title) || line.contains($0.title + " · ") }
                #expect(shown != nil && shown!.end >= today && !shown!.done, "\(sample) as of \(day.iso): \(line)")
            }
            if let call = plan.checkIns.first(where: { $0.day >= today }) {
                #expect(start.contains("check-in") || start.contains("schůzka") || start.contains("沟通"), "\(sample) as of \(day.iso)")
                #expect(call.day >= today)
            }
            for zero in [" 0 days", " 0 steps", " 0 working days", " 0 dní", " 0 kroků", " 0 天", " 0 个"] {
                #expect(!text.contains(zero), "\(sample) as of \(day.iso) says \"\(zero)\"")
            }
            day = day.adding(days: 1)
        }
    }
}

/// The timeline stays legible however long the plan: scaled to the handout's text column on a desktop screen,
/// its row labels are at least 11 px.
@Suite("The timeline's text size")
struct TimelineSizeTests {
    @Test(arguments: ["acme-outdoor.yaml", "qinghe-tea.yaml", "harbor-clinic.yaml"], [nil, "2026-12-15", "2027-02-01"])
    func rowLabelsAreAtLeastElevenPixels(_ sample: String, _ asOf: String?) throws {
        let pipeline = Pipeline(templates: Fixtures.templates)
        let build = try pipeline.build(profileAt: "plans/\(sample)".relativeToRoot, asOf: asOf.flatMap(Day.init(iso:)).map(AsOf.day) ?? .start)
        let html = build.files["plan.html"]!
        let pattern = try NSRegularExpression(pattern: #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 (\d+) \d+"[^>]*style="font-size: (\d+)px""#)
        let match = try #require(pattern.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)))
        let width = Int(html[Range(match.range(at: 1), in: html)!])!, font = Int(html[Range(match.range(at: 2), in: html)!])!
        let shown = Double(font) * TimelineSVG.readableWidth / Double(width)
        #expect(shown >= 11, "\(sample) as of \(asOf ?? "start"): labels shown at \(shown) px (font \(font), chart \(width) wide)")
    }
}
