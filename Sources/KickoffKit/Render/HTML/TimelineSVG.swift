import Foundation

/// The handout's visual timeline: an inline SVG (no script, no external file) with one row per step grouped in
/// phase bands, one row per goal, day columns with non-working days shaded, check-ins and today's line, followed
/// by a table of the same data for screen readers. The page inserts it around libcmark's output.
///
/// Geometry is computed here and written as markup directly (a template engine is too slow for hundreds of tiny
/// elements); every text goes through `HTMLText.escape`, and every word comes from the string table.
struct TimelineSVG {
    let model: HandoutModel
    private var plan: Plan { model.plan }
    private var strings: StringTable { model.strings }
    private var days: DayFormat { model.days }

    static let dayWidth = 24
    /// The width the chart is shown at on a desktop screen (the handout's text column), and the smallest text
    /// size it must keep there.
    static let readableWidth = 784.0, smallestText = 11.5

    /// How much larger than their base sizes (12 px text, 24 px rows, a 320 px label column) the chart draws its
    /// text, rows and labels, so that once the whole chart is scaled to `readableWidth` its row labels are still
    /// `smallestText`: a longer plan has more days to fit, so it draws larger. At least 1.
    static func scale(dayCount: Int) -> Double {
        let days = Double(dayCount * dayWidth + 8)
        return max(1, smallestText * days / (12 * readableWidth - smallestText * 320))
    }

    private func text(_ key: Phrase, _ values: PhraseValues = [:], count: Int? = nil) -> String {
        HTMLText.escape(strings.text(key, values, defaults: model.textCommon, count: count))
    }

    func render() -> TextBuffer {
        let calendar = model.profile.calendar
        let firstDay = ([plan.start] + plan.steps.map(\.start)).min()!.startOfWeek
        // The chart ends with the wrap-up; goal targets after it are flagged at the right edge.
        let lastDay = ([plan.end] + plan.checkIns.map(\.day)).max()!
        let dayCount = (lastDay.startOfWeek.ordinal - firstDay.ordinal) + 7
        let k = Self.scale(dayCount: dayCount)
        func u(_ base: Double) -> Int { Int((base * k).rounded()) }
        let labelWidth = u(320), rowHeight = u(24), headerHeight = u(48)
        func x(_ day: Day) -> Int { labelWidth + (day.ordinal - firstDay.ordinal) * Self.dayWidth }
        func center(_ day: Day) -> Int { x(day) + Self.dayWidth / 2 }
        let width = x(firstDay.adding(days: dayCount)) + 8
        let numbers = model.stepNumbers
        let milestoneSteps = Set(plan.milestones.filter { $0.kind == .step }.map(\.id))

        // Rows first, to know the chart's height.
        var bands = TextBuffer(capacity: 1024), rows = TextBuffer(capacity: 8192), goals = TextBuffer(capacity: 2048)
        var y = headerHeight
        var bandCount = 0
        func band(top: Int, title: String) {
            bands.write("<rect class=\"band", bandCount % 2 == 1 ? " band-odd" : "", "\" x=\"0\" y=\"", top, "\" width=\"", width, "\" height=\"", y - top, "\"/>\n")
            bands.write("<text class=\"band-title\" x=\"", u(6), "\" y=\"", top + u(16), "\">", HTMLText.Escaped(title), "</text>\n")
            bandCount += 1
        }
        let stepsByPhase = Dictionary(grouping: plan.steps, by: \.phase)
        for phase in model.flow.phases {
            guard let steps = stepsByPhase[phase.id] else { continue }
            let top = y
            y += rowHeight
            for step in steps {
                let number = numbers[step.id]!
                let title = strings.text(.timelineStep, [
                    "day": days.short(step.start), "number": String(number), "title": step.title,
                    "owner": strings.text(.owner(step.owner), model.textCommon),
                    "effort": step.effortMinutes.map(model.effortText) ?? "",
                ], defaults: model.textCommon)
                let barWidth = (step.end.ordinal - step.start.ordinal + 1) * Self.dayWidth - 4
                rows.write("<text class=\"row-label\" x=\"", u(14), "\" y=\"", y + u(16), "\">", HTMLText.Escaped(Self.shortened("\(number). \(step.title)", to: 44)), "</text>\n")
                rows.write("<rect class=\"bar bar-", step.owner.rawValue, step.done ? " bar-done" : "", "\" x=\"", x(step.start) + 2, "\" y=\"", y + u(5), "\" ")
                rows.write("width=\"", barWidth, "\" height=\"", rowHeight - u(10), "\" rx=\"3\"><title>", HTMLText.Escaped(title), "</title></rect>\n")
                if milestoneSteps.contains(step.id) {
                    let mx = x(step.end) + Self.dayWidth - 2, my = y + rowHeight / 2, r = u(7)
                    rows.write("<polygon class=\"milestone\" points=\"", mx, ",", my - r, " ", mx + r, ",", my, " ", mx, ",", my + r, " ", mx - r, ",", my, "\"/>\n")
                }
                y += rowHeight
            }
            band(top: top, title: phase.title)
        }
        if !plan.goals.isEmpty {
            let top = y
            y += rowHeight
            for goal in plan.goals {
                goals.write("<text class=\"row-label\" x=\"", u(14), "\" y=\"", y + u(16), "\"><title>", HTMLText.Escaped(goal.text), "</title>", HTMLText.Escaped(Self.shortened(goal.text, to: 44)), "</text>\n")
                if let by = goal.by {
                    let beyond = by.ordinal >= firstDay.ordinal + dayCount
                    let tx = beyond ? x(firstDay.adding(days: dayCount)) - 12 : center(by)
                    goals.write("<line class=\"target\" x1=\"", tx, "\" y1=\"", y + u(3), "\" x2=\"", tx, "\" y2=\"", y + rowHeight - u(3), "\"/>")
                    goals.write("<polygon class=\"target-flag\" points=\"", tx, ",", y + u(3), " ", tx + u(9), ",", y + u(7), " ", tx, ",", y + u(11), "\"/>")
                    if beyond { goals.write("<text class=\"later-label\" x=\"", tx - 4, "\" y=\"", y + u(16), "\">", HTMLText.Escaped("→ " + days.short(by)), "</text>") }
                    goals.append("\n")
                }
                if let milestone = goal.milestone {
                    goals.write("<polygon class=\"goal-star", goal.status == .atRisk || goal.status == .missed ? " at-risk" : "", "\" points=\"",
                                Self.star(cx: center(milestone), cy: y + rowHeight / 2, radius: u(8)), "\"/>\n")
                }
                y += rowHeight
            }
            band(top: top, title: strings.text(.goalsHeading, model.textCommon))
        }
        let chartBottom = y, chartHeight = y - headerHeight
        // Below the chart: room for the "today" label, clear of the day numbers.
        let showsToday = plan.asOf.map { $0 >= firstDay && $0.ordinal < firstDay.ordinal + dayCount } ?? false
        if showsToday { y += u(18) }

        var svg = TextBuffer(capacity: 32 * 1024)
        svg.append("<figure class=\"timeline\">\n")
        // Text sizes are in em of the chart's own size, which grows with `k`.
        svg.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", width, " ", y + 8, "\" width=\"", width, "\" height=\"", y + 8, "\" role=\"img\" ")
        svg.write("style=\"font-size: ", u(12), "px\" ")
        svg.write("aria-label=\"", text(.timelineSummary, ["steps": String(plan.steps.count)]), "\">\n")
        svg.append("<defs>\n")
        svg.append("<pattern id=\"hatch-together\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"hatch-bg\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line\"/></pattern>\n")
        svg.append("<pattern id=\"hatch-off\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" class=\"off-line\"/></pattern>\n")
        svg.append("</defs>\n")
        svg.append(bands)
        var weekLines = TextBuffer(capacity: 2048), dayLabels = TextBuffer(capacity: 4096)
        // Shown on a desktop screen, a day is this many pixels wide: day numbers need room for two digits, and a
        // week label for its words; a long plan shows its weeks by date only.
        let shownDay = Double(Self.dayWidth) * Self.readableWidth / Double(width)
        let dayNumbers = shownDay >= 14
        for offset in 0..<dayCount {
            let day = firstDay.adding(days: offset)
            if !calendar.isWorkingDay(day) {
                let holiday = calendar.workingDays.contains(day.weekday)
                svg.write("<rect class=\"off", holiday ? " holiday" : "", "\" x=\"", x(day), "\" y=\"", headerHeight, "\" width=\"", Self.dayWidth, "\" height=\"", chartHeight, "\"/>\n")
            }
            if day.weekday == .mon {
                let full = strings.text(.weekHeading, ["number": String(offset / 7 + 1), "range": days.dayMonth(day)], defaults: model.textCommon)
                let fits = Double(TextWidth.of(full)) * 0.62 * Self.smallestText + 8 <= shownDay * 7
                let label = HTMLText.escape(fits ? full : days.dayMonth(day))
                weekLines.write("<line class=\"week-line\" x1=\"", x(day), "\" y1=\"0\" x2=\"", x(day), "\" y2=\"", chartBottom, "\"/>\n")
                weekLines.write("<text class=\"week-label\" x=\"", x(day) + 4, "\" y=\"", u(16), "\">", label, "</text>\n")
            }
            if dayNumbers { dayLabels.write("<text class=\"day-label\" x=\"", center(day), "\" y=\"", u(38), "\">", day.components.day, "</text>\n") }
        }
        svg.append(weekLines)
        svg.append(dayLabels)
        for checkIn in plan.checkIns {
            let title = HTMLText.escape("\(days.short(checkIn.day)) — \(model.checkInName(checkIn))")
            svg.write("<g class=\"checkin\"><title>", title, "</title>\n")
            svg.write("<line x1=\"", center(checkIn.day), "\" y1=\"", headerHeight, "\" x2=\"", center(checkIn.day), "\" y2=\"", chartBottom, "\"/>\n")
            svg.write("<circle cx=\"", center(checkIn.day), "\" cy=\"", headerHeight, "\" r=\"", u(4), "\"/>\n</g>\n")
        }
        svg.append(rows)
        svg.append(goals)
        if let asOf = plan.asOf, asOf >= firstDay, asOf.ordinal < firstDay.ordinal + dayCount {
            svg.write("<line class=\"today\" x1=\"", center(asOf), "\" y1=\"", headerHeight, "\" x2=\"", center(asOf), "\" y2=\"", chartBottom, "\"/>\n")
            svg.write("<text class=\"today-label\" x=\"", center(asOf), "\" y=\"", chartBottom + u(14), "\">", text(.timelineToday, ["day": days.short(asOf)]), "</text>\n")
        }
        svg.append("</svg>\n")
        legend(into: &svg)
        svg.append("</figure>\n")
        table(numbers: numbers, into: &svg)
        return svg
    }

    private func legend(into html: inout TextBuffer) {
        html.append("<figcaption class=\"legend\">\n")
        for (style, key) in [("bar-customer", Phrase.legendCustomer), ("bar-together", .legendTogether), ("bar-csm", .legendCsm)] {
            html.write("<span><svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect class=\"bar ", style, "\" x=\"1\" y=\"1\" width=\"20\" height=\"10\" rx=\"2\"/></svg>", text(key), "</span>\n")
        }
        html.write("<span><svg width=\"16\" height=\"14\" aria-hidden=\"true\"><polygon class=\"milestone\" points=\"8,1 14,7 8,13 2,7\"/></svg>", text(.legendMilestone), "</span>\n")
        html.write("<span><svg width=\"16\" height=\"16\" aria-hidden=\"true\"><polygon class=\"goal-star\" points=\"", Self.star(cx: 8, cy: 8, radius: 7), "\"/></svg>", text(.legendGoal), "</span>\n")
        if plan.goals.contains(where: { $0.status == .atRisk || $0.status == .missed }) {
            html.write("<span><svg width=\"16\" height=\"16\" aria-hidden=\"true\"><polygon class=\"goal-star at-risk\" points=\"", Self.star(cx: 8, cy: 8, radius: 7), "\"/></svg>", text(.legendGoalAtRisk), "</span>\n")
        }
        html.write("<span><svg width=\"12\" height=\"14\" aria-hidden=\"true\"><line class=\"target\" x1=\"2\" y1=\"1\" x2=\"2\" y2=\"13\"/><polygon class=\"target-flag\" points=\"2,1 10,4 2,7\"/></svg>", text(.legendTarget), "</span>\n")
        html.write("<span><svg width=\"12\" height=\"14\" aria-hidden=\"true\"><line class=\"checkin-key\" x1=\"6\" y1=\"1\" x2=\"6\" y2=\"13\"/><circle class=\"checkin-key\" cx=\"6\" cy=\"4\" r=\"3\"/></svg>", text(.legendCheckin), "</span>\n")
        html.write("<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect class=\"off\" x=\"0\" y=\"0\" width=\"14\" height=\"14\"/></svg>", text(.legendOff), "</span>\n")
        html.append("</figcaption>\n")
    }

    /// The same data as a table, for screen readers and for readers who prefer text.
    private func table(numbers: [String: Int], into html: inout TextBuffer) {
        let phases = Dictionary(uniqueKeysWithValues: model.flow.phases.map { ($0.id, $0.title) })
        html.write("<table class=\"timeline-table\">\n<caption>", text(.tableCaption), "</caption>\n<thead><tr>")
        for key in [Phrase.tableStep, .tablePhase, .tableOwner, .tableDays] { html.write("<th scope=\"col\">", text(key), "</th>") }
        html.append("</tr></thead>\n<tbody>\n")
        for step in plan.steps {
            let done = step.done ? " ✓ " + text(.statusDone) : ""
            html.write("<tr><td>", numbers[step.id]!, ". ", HTMLText.Escaped(step.title), done, "</td><td>", HTMLText.Escaped(phases[step.phase] ?? step.phase), "</td>")
            // One day, or the first and last: a one-day step does not repeat its day.
            let shown = step.start == step.end ? days.short(step.start) : strings.text(.range, ["from": days.short(step.start), "to": days.short(step.end)])
            html.write("<td>", text(.owner(step.owner)), "</td><td class=\"day\">", HTMLText.Escaped(shown), "</td></tr>\n")
        }
        html.append("</tbody>\n</table>\n")
    }

    /// Bytes that start a line break: 0x0A–0x0D, and 0xC2/0xE2 that start U+0085 and U+2028/2029.
    private static let lineBreakStart = ByteSet { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }

    static func shortened(_ text: String, to length: Int) -> String {
        // Short text on one line (no line break byte, nor 0xC2/0xE2 that start U+0085 and U+2028/2029) stays as it is.
        if text.utf8.count <= length, !text.containsByte(in: lineBreakStart) { return text }
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return single.count <= length ? single : String(single.prefix(length - 1)) + "…"
    }

    /// A five-pointed star's polygon points.
    static func star(cx: Int, cy: Int, radius: Int) -> String {
        stars.value(for: [cx, cy, radius]) { starPoints(cx: cx, cy: cy, radius: radius) }
    }

    /// Stars already drawn, by centre and radius: a book's timelines draw the same ones again and again.
    private static let stars = SharedCache<[Int], String>(limit: 50_000)

    private static func starPoints(cx: Int, cy: Int, radius: Int) -> String {
        (0..<10).map { index -> String in
            let angle = Double(index) * .pi / 5 - .pi / 2
            let r = index % 2 == 0 ? Double(radius) : Double(radius) * 0.45
            return String(format: "%.1f,%.1f", Double(cx) + r * cos(angle), Double(cy) + r * sin(angle))
        }.joined(separator: " ")
    }
}
