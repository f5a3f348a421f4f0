/// Geometry of the handout's visual timeline, for `templates/timeline.html.mustache`:
/// one row per step grouped in phase bands, one row per goal, day columns with non-working days shaded.
struct TimelineModel {
    let model: HandoutModel
    private var plan: Plan { model.plan }
    private var flow: ProductFlow { model.flow }
    private var strings: StringTable { model.strings }
    private var days: DayFormat { model.days }
    private var calendar: WorkingCalendar { model.profile.calendar }
    private var common: [String: Any] { model.textCommon }

    static let labelWidth = 260
    static let dayWidth = 24
    static let rowHeight = 24
    static let headerHeight = 48

    func context() -> [String: Any] {
        let firstDay = ([plan.start] + plan.steps.map(\.start)).min()!.startOfWeek
        // The chart ends with the wrap-up; goal targets after it are flagged at the right edge.
        let lastDay = ([plan.end] + plan.checkIns.map(\.day)).max()!
        let dayCount = (lastDay.startOfWeek.ordinal - firstDay.ordinal) + 7
        func x(_ day: Day) -> Int { Self.labelWidth + (day.ordinal - firstDay.ordinal) * Self.dayWidth }
        func center(_ day: Day) -> Int { x(day) + Self.dayWidth / 2 }

        var rows: [[String: Any]] = []
        var y = Self.headerHeight
        var bands: [[String: Any]] = []
        let numbers = Dictionary(uniqueKeysWithValues: plan.steps.enumerated().map { ($1.id, $0 + 1) })
        let milestoneSteps = Set(plan.milestones.filter { $0.kind == .step }.map(\.id))
        for phase in flow.phases {
            let steps = plan.steps.filter { $0.phase == phase.id }
            guard !steps.isEmpty else { continue }
            let bandTop = y
            y += Self.rowHeight
            for step in steps {
                let number = numbers[step.id]!
                var row: [String: Any] = [
                    "y": y, "text_y": y + 16, "bar_y": y + 5, "bar_height": Self.rowHeight - 10,
                    "label": Self.shortened("\(number). \(step.title)", to: 34),
                    "title": strings.text("timeline_step", [
                        "day": days.short(step.start), "number": number, "title": step.title,
                        "owner": strings.text("owner_" + step.owner.rawValue, common),
                        "effort": step.effortMinutes.map(model.effortText) ?? "",
                    ], defaults: common),
                    "x": x(step.start) + 2,
                    "width": (step.end.ordinal - step.start.ordinal + 1) * Self.dayWidth - 4,
                    "owner": step.owner.rawValue,
                    "done": step.done,
                    "milestone": false,
                ]
                if milestoneSteps.contains(step.id) {
                    let mx = x(step.end) + Self.dayWidth - 2, my = y + Self.rowHeight / 2
                    row["milestone"] = ["points": "\(mx),\(my - 7) \(mx + 7),\(my) \(mx),\(my + 7) \(mx - 7),\(my)"]
                }
                rows.append(row)
                y += Self.rowHeight
            }
            bands.append(["y": bandTop, "height": y - bandTop, "title": phase.title, "text_y": bandTop + 16, "odd": bands.count % 2 == 1])
        }

        var goals: [[String: Any]] = []
        if !plan.goals.isEmpty {
            let bandTop = y
            y += Self.rowHeight
            for goal in plan.goals {
                var row: [String: Any] = [
                    "y": y, "text_y": y + 16, "label": Self.shortened(goal.text, to: 34), "title": goal.text,
                    "target": false, "star": false, "at_risk": goal.status == .atRisk,
                ]
                let cy = y + Self.rowHeight / 2
                if let by = goal.by {
                    let beyond = by.ordinal >= firstDay.ordinal + dayCount
                    let tx = beyond ? x(firstDay.adding(days: dayCount)) - 12 : center(by)
                    row["target"] = ["x": tx, "y1": y + 3, "y2": y + Self.rowHeight - 3,
                                     "flag": "\(tx),\(y + 3) \(tx + 9),\(y + 7) \(tx),\(y + 11)",
                                     "later": beyond ? ["x": tx - 4, "y": y + 16, "label": "→ " + days.short(by)] : false]
                }
                if let milestone = goal.milestone {
                    row["star"] = ["points": Self.star(cx: center(milestone), cy: cy, radius: 8)]
                }
                goals.append(row)
                y += Self.rowHeight
            }
            bands.append(["y": bandTop, "height": y - bandTop, "title": strings.text("goals_heading", common), "text_y": bandTop + 16, "odd": bands.count % 2 == 1])
        }

        var columns: [[String: Any]] = []
        var weeks: [[String: Any]] = []
        for offset in 0..<dayCount {
            let day = firstDay.adding(days: offset)
            let nonWorking = !calendar.isWorkingDay(day)
            if nonWorking {
                columns.append(["x": x(day), "holiday": calendar.workingDays.contains(day.weekday)])
            }
            if day.weekday == .mon {
                let number = offset / 7 + 1
                weeks.append(["x": x(day) + 4, "line_x": x(day), "label": strings.text("week_heading", ["number": number, "range": days.dayMonth(day)], defaults: common)])
            }
        }
        let dayLabels: [[String: Any]] = (0..<dayCount).map { offset in
            let day = firstDay.adding(days: offset)
            return ["x": center(firstDay.adding(days: offset)), "label": String(day.components.day)]
        }
        let checkIns: [[String: Any]] = plan.checkIns.map { checkIn in
            let name: String
            switch checkIn.kind {
            case .kickoff: name = strings.text("checkin_kickoff")
            case .checkIn: name = strings.text("checkin_regular", ["number": checkIn.number - 1])
            case .wrapUp: name = strings.text("checkin_wrap_up")
            }
            return ["x": center(checkIn.day), "title": "\(days.short(checkIn.day)) — \(name)"]
        }
        let width = x(firstDay.adding(days: dayCount)) + 8
        var context: [String: Any] = [
            "width": width, "height": y + 8, "label_width": Self.labelWidth - 8, "chart_bottom": y,
            "header_y": Self.headerHeight, "rows": rows, "goals": goals, "bands": bands,
            "columns": columns, "day_labels": dayLabels, "weeks": weeks, "checkins": checkIns,
            "column_width": Self.dayWidth,
            "summary": strings.text("timeline_summary", ["steps": plan.steps.count], defaults: common),
            "today": false,
        ]
        if let asOf = plan.asOf, asOf >= firstDay, asOf.ordinal < firstDay.ordinal + dayCount {
            context["today"] = ["x": center(asOf), "label": strings.text("timeline_today", ["day": days.short(asOf)])]
        }
        context["legend"] = [
            ["class": "bar-customer", "label": strings.text("legend_customer", common)],
            ["class": "bar-together", "label": strings.text("legend_together", common)],
            ["class": "bar-csm", "label": strings.text("legend_csm", common)],
        ]
        context["legend_milestone"] = strings.text("legend_milestone", common)
        context["legend_goal"] = strings.text("legend_goal", common)
        context["legend_target"] = strings.text("legend_target", common)
        context["legend_checkin"] = strings.text("legend_checkin", common)
        context["legend_off"] = strings.text("legend_off", common)
        context["table"] = table(numbers: numbers)
        return context
    }

    /// The same data as a table, for screen readers and for readers who prefer text.
    private func table(numbers: [String: Int]) -> [String: Any] {
        let phases = Dictionary(uniqueKeysWithValues: flow.phases.map { ($0.id, $0.title) })
        let rows: [[String: Any]] = plan.steps.map { step in
            [
                "number": numbers[step.id]!, "title": step.title, "phase": phases[step.phase] ?? step.phase,
                "owner": strings.text("owner_" + step.owner.rawValue, common),
                "start": days.short(step.start), "end": days.short(step.end),
                "done": step.done ? strings.text("status_done") : false,
            ]
        }
        return [
            "caption": strings.text("table_caption", common),
            "headers": ["table_step", "table_phase", "table_owner", "table_start", "table_end"].map { strings.text($0) },
            "rows": rows,
        ]
    }

    static func shortened(_ text: String, to length: Int) -> String {
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return single.count <= length ? single : String(single.prefix(length - 1)) + "…"
    }

    /// A five-pointed star's polygon points.
    static func star(cx: Int, cy: Int, radius: Int) -> String {
        let points = (0..<10).map { index -> String in
            let angle = Double(index) * .pi / 5 - .pi / 2
            let r = index % 2 == 0 ? Double(radius) : Double(radius) * 0.45
            return String(format: "%.1f,%.1f", Double(cx) + r * cos(angle), Double(cy) + r * sin(angle))
        }
        return points.joined(separator: " ")
    }
}

import Foundation
