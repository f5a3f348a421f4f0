/// The values `plan.md.mustache` renders: every sentence of the handout in the account's language.
///
/// Profile text reaches Markdown only through the string table (escaped by `MarkdownText`) or through
/// `{{value}}` in the template (escaped the same way). Flow `value` and `guide` are Markdown and pass through.
struct HandoutModel {
    let plan: Plan
    let profile: AccountProfile
    let flow: ProductFlow
    let strings: StringTable
    let days: DayFormat

    /// The flow's steps by id.
    let flowSteps: [String: Step]

    /// Names every sentence can use, as plain text (escaped by the sentence that uses them).
    let textCommon: [String: Any]

    init(plan: Plan, profile: AccountProfile, flow: ProductFlow, strings: StringTable, days: DayFormat) {
        self.plan = plan
        self.profile = profile
        self.flow = flow
        self.strings = strings
        self.days = days
        flowSteps = Dictionary(flow.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        textCommon = [
            "product": flow.product,
            "account": MarkdownText.isolatingDirection(profile.account),
            "contact": MarkdownText.isolatingDirection(profile.contact?.name ?? profile.account),
            "csm": profile.csm.map { MarkdownText.isolatingDirection($0.name) } ?? strings.text("your_csm"),
            "start": days.long(plan.start),
            "end": days.long(plan.end),
            "updated": plan.asOf.map(days.long) ?? "",
        ]
    }

    private func t(_ key: String, _ extra: [String: Any] = [:], count: Int? = nil) -> String {
        strings.markdown(key, extra, defaults: textCommon, count: count)
    }

    /// Step numbers in plan order, 1-based.
    private var numbers: [String: Int] {
        Dictionary(uniqueKeysWithValues: plan.steps.enumerated().map { ($1.id, $0 + 1) })
    }

    /// The plan as typed sections, for `plan.md.mustache`.
    func document() -> PlanDocument {
        let numbers = self.numbers
        let flowSteps = self.flowSteps
        let hard = hardParts(numbers: numbers, flowSteps: flowSteps)
        let (changesIntro, changes) = changeLines(numbers: numbers)
        return PlanDocument(
            title: t("title"),
            subtitle: t("subtitle"),
            welcome: WelcomeSection(
                heading: profile.contact == nil ? t("welcome_heading_no_contact") : t("welcome_heading"),
                body: t("welcome_body"),
                note: profile.notes.map { WelcomeSection.Note(from: t("note_from"), text: MarkdownText.block($0)) }),
            goals: GoalsSection(heading: t("goals_heading"), intro: t(plan.goals.isEmpty ? "goals_none" : "goals_intro"),
                                items: goals(numbers: numbers)),
            pains: plan.painPoints.isEmpty ? nil
                : PainsSection(heading: t("pains_heading"), intro: t("pains_intro"), items: pains(numbers: numbers, flowSteps: flowSteps)),
            expect: ExpectSection(heading: t("expect_heading"), lines: expectations(),
                                  hard: hard.isEmpty ? nil : ListSection(heading: t("expect_hard_heading"), intro: "", lines: hard)),
            timeline: TimelineSection(heading: t("timeline_heading"), weeks: weeks(numbers: numbers, flowSteps: flowSteps)),
            milestones: ListSection(heading: t("milestones_heading"), intro: t(plan.milestones.isEmpty ? "milestones_none" : "milestones_intro"),
                                    lines: milestones()),
            guide: GuideSection(heading: t("guide_heading"), intro: t("guide_intro"), steps: guide(numbers: numbers, flowSteps: flowSteps)),
            checkins: CheckInsSection(
                heading: t("checkins_heading"),
                intro: t("checkins_intro", ["cadence": strings.text("cadence_" + plan.cadence.rawValue.replacingOccurrences(of: "-", with: "_"))]),
                lines: plan.checkIns.map { t("checkin_line", ["day": days.short($0.day), "name": checkInName($0)]) },
                contacts: contacts()),
            resources: ListSection(heading: t("resources_heading"), intro: t("resources_intro"), lines: flow.resources.map(link)),
            success: ListSection(heading: t("success_heading"), intro: t("success_intro"), lines: success()),
            changes: ListSection(heading: t("changes_heading"), intro: changesIntro, lines: changes))
    }

    // MARK: Sections

    private func goals(numbers: [String: Int]) -> [GoalsSection.Goal] {
        plan.goals.map { goal in
            var lines: [String] = []
            if let measure = goal.measure { lines.append(t("goal_measure", ["measure": measure])) }
            if let by = goal.by { lines.append(t("goal_target", ["by": days.long(by)])) }
            if let milestone = goal.milestone, goal.status != .reached { lines.append(t("goal_expected", ["day": days.long(milestone)])) }
            switch goal.status {
            case .onTrack: lines.append(t("goal_on_track"))
            case .atRisk: lines.append(t("goal_at_risk", count: goal.workingDaysLate))
            case .reached: lines.append(t("goal_reached"))
            case .unaddressed: lines.append(t("goal_unaddressed"))
            }
            if !goal.steps.isEmpty { lines.append(t("goal_steps", ["steps": stepList(goal.steps, numbers)])) }
            return GoalsSection.Goal(text: goal.text, lines: lines)
        }
    }

    private func pains(numbers: [String: Int], flowSteps: [String: Step]) -> [PainsSection.Pain] {
        plan.painPoints.map { pain in
            let steps = pain.steps.map { id in
                var line = t("pain_step", ["title": plan.step(id)!.title, "number": numbers[id]!])
                if let value = flowSteps[id]?.value { line += ": " + Self.indented(value, by: 4) }
                return line
            }
            return PainsSection.Pain(text: pain.text, unaddressed: steps.isEmpty ? t("pain_unaddressed") : nil, steps: steps)
        }
    }

    private func expectations() -> [String] {
        let customer = plan.steps.filter { $0.owner == .customer }.count
        let together = plan.steps.filter { $0.owner == .together }.count
        let csmOnly = plan.steps.filter { $0.owner == .csm }.count
        let weekCount = (plan.end.startOfWeek.ordinal - plan.start.startOfWeek.ordinal) / 7 + 1
        let hands = plan.steps.filter { $0.owner != .csm }.compactMap(\.effortMinutes).reduce(0, +)
        var lines = [
            t("expect_length", ["steps": strings.text("steps_count", count: plan.steps.count),
                                "weeks": strings.text("weeks", count: weekCount)]),
            t("expect_split", ["parts": listText([
                ("expect_split_customer", customer), ("expect_split_together", together), ("expect_split_csm", csmOnly),
            ].filter { $0.1 > 0 }.map { key, count in
                strings.text(key, ["steps": strings.text("steps_count", count: count)], defaults: textCommon)
            })]),
            t("expect_pace", ["effort": effortText(hands)], count: plan.pace),
        ]
        let weekdays = plan.workingDays.map { days.weekdayName($0) }.joined(separator: strings.text("list_separator"))
        if plan.holidays.isEmpty {
            lines.append(t("expect_calendar_no_holidays", ["days": weekdays]))
        } else {
            let shown = plan.holidays.filter { $0 >= plan.start && $0 <= plan.end }
            let holidays = (shown.isEmpty ? plan.holidays : shown).map(days.dayMonth).joined(separator: strings.text("list_separator"))
            lines.append(t("expect_calendar", ["days": weekdays, "holidays": holidays]))
        }
        let firstWeekEnd = plan.start.adding(days: 6)
        let usageDays = Set(plan.steps.filter { $0.owner != .csm && $0.start <= firstWeekEnd }.map(\.start)).count
        lines.append(t("expect_first_week", count: usageDays))
        let doneCount = plan.steps.filter(\.done).count
        if doneCount > 0 { lines.append(t("expect_done", count: doneCount)) }
        return lines
    }

    private func hardParts(numbers: [String: Int], flowSteps: [String: Step]) -> [String] {
        var lines: [String] = []
        for step in plan.steps where !step.done {
            let flowStep = flowSteps[step.id]!
            if flowStep.wait > 0 {
                lines.append(t("expect_wait", ["title": step.title, "number": numbers[step.id]!], count: flowStep.wait))
            }
            if let minutes = step.effortMinutes, minutes >= 120, step.owner != .csm {
                lines.append(t("expect_effort", ["title": step.title, "number": numbers[step.id]!, "effort": effortText(minutes)]))
            }
        }
        return lines
    }

    private func weeks(numbers: [String: Int], flowSteps: [String: Step]) -> [TimelineSection.Week] {
        // Entries per day: check-ins first, then steps in plan order, then milestones.
        var entries: [(day: Day, rank: Int, text: String)] = []
        for checkIn in plan.checkIns {
            entries.append((checkIn.day, 0, t("timeline_checkin", ["day": days.short(checkIn.day), "name": checkInName(checkIn)])))
        }
        for step in plan.steps {
            let number = numbers[step.id]!
            var values: [String: Any] = ["day": days.short(step.start), "number": number, "title": step.title, "owner": ownerText(step.owner)]
            let key: String
            if step.done {
                key = "timeline_step_done"
            } else if let minutes = step.effortMinutes {
                key = "timeline_step"
                values["effort"] = effortText(minutes)
            } else {
                key = "timeline_step_no_effort"
            }
            var line = t(key, values)
            if let original = step.rescheduledFrom { line += " · " + t("rescheduled_note", ["day": days.short(original)]) }
            entries.append((step.start, 1, line))
        }
        for milestone in plan.milestones {
            let key = milestone.kind == .step ? "timeline_milestone" : "timeline_goal"
            entries.append((milestone.day, 2, t(key, ["day": days.short(milestone.day), "title": milestone.title])))
        }
        let firstWeek = plan.start.startOfWeek
        let lastDay = max(plan.end, plan.checkIns.last?.day ?? plan.end)
        var weeks: [TimelineSection.Week] = []
        var weekStart = firstWeek
        var number = 1
        let sorted = entries.enumerated().sorted { ($0.element.day, $0.element.rank, $0.offset) < ($1.element.day, $1.element.rank, $1.offset) }.map(\.element)
        let byWeek = Dictionary(grouping: sorted, by: { $0.day.startOfWeek })
        let holidaysByWeek = Dictionary(grouping: plan.holidays.filter { plan.workingDays.contains($0.weekday) }, by: \.startOfWeek)
        while weekStart <= lastDay {
            let weekEnd = weekStart.adding(days: 6)
            let items = (byWeek[weekStart] ?? []).map(\.text)
            let range = weekRange(from: max(weekStart, plan.start), to: min(weekEnd, lastDay))
            let holidays = holidaysByWeek[weekStart] ?? []
            weeks.append(TimelineSection.Week(
                heading: t("week_heading", ["number": number, "range": range]),
                items: items.isEmpty ? [t("timeline_nothing")] : items,
                footnote: holidays.isEmpty ? nil : t("week_holidays", ["days": listText(holidays.map(days.short))], count: holidays.count)))
            weekStart = weekStart.adding(days: 7)
            number += 1
        }
        return weeks
    }

    private func milestones() -> [String] {
        plan.milestones.map { milestone in
            let line = t(milestone.kind == .step ? "milestone_step" : "milestone_goal", ["day": days.short(milestone.day), "title": milestone.title])
            return milestone.reached ? line + " " + t("milestone_reached") : line
        }
    }

    private func guide(numbers: [String: Int], flowSteps: [String: Step]) -> [GuideSection.Step] {
        plan.steps.map { step in
            let flowStep = flowSteps[step.id]!
            let number = numbers[step.id]!
            var meta: String
            if step.done {
                meta = t("guide_step_done", ["day": days.long(step.end)])
            } else if let minutes = step.effortMinutes {
                meta = t("guide_step_meta", ["day": days.long(step.start), "effort": effortText(minutes), "owner": ownerText(step.owner)])
            } else {
                meta = t("guide_step_meta_no_effort", ["day": days.long(step.start), "owner": ownerText(step.owner)])
            }
            if let original = step.rescheduledFrom { meta += " · " + t("rescheduled_note", ["day": days.short(original)]) }
            return GuideSection.Step(
                heading: t("guide_step_heading", ["number": number, "total": plan.steps.count, "title": step.title]),
                meta: meta,
                value: flowStep.value.map { Labelled(label: t("guide_why"), text: $0) },
                reasons: t("guide_for", ["reasons": reasonText(step.reasons, numbers)]),
                guide: flowStep.guide,
                milestone: flowStep.milestone.map { t("guide_milestone", ["title": $0]) },
                resources: flowStep.resources.isEmpty ? nil : LabelledList(label: t("guide_more_help"), links: flowStep.resources.map(link)))
        }
    }

    private func contacts() -> [String] {
        var lines: [String] = []
        if let csm = profile.csm { lines.append(t("contact_csm", ["name": csm.name]) + personDetails(csm)) }
        if let contact = profile.contact { lines.append(t("contact_champion", ["name": contact.name]) + personDetails(contact)) }
        if let support = flow.support {
            var parts: [String] = []
            if let email = support.email { parts.append(mailLink(email)) }
            if let url = support.url { parts.append(link(Resource(title: url, url: url))) }
            if let phone = support.phone { parts.append(MarkdownText.inline(phone)) }
            if let hours = support.hours { parts.append(t("support_hours", ["hours": hours])) }
            lines.append(t("support_line") + " " + parts.joined(separator: " · "))
        }
        return lines
    }

    private func success() -> [String] {
        var lines = plan.goals.map { goal -> String in
            if let measure = goal.measure { return t("success_goal", ["text": goal.text, "measure": measure]) }
            return t("success_goal_no_measure", ["text": goal.text, "day": goal.by.map(days.long) ?? days.long(plan.end)])
        }
        let firstWeekEnd = plan.start.adding(days: 6)
        let usageDays = Set(plan.steps.filter { $0.owner != .csm && $0.start <= firstWeekEnd }.map(\.start)).count
        lines.append(t("success_first_week", count: max(usageDays, 1)))
        lines.append(t("success_steps_on_time"))
        lines.append(t("success_habit"))
        return lines
    }

    /// The "what changed" section: an opening sentence, then one line per change.
    private func changeLines(numbers: [String: Int]) -> (String, [String]) {
        guard let changes = plan.changes, plan.changesSince != nil else { return (t("changes_first"), []) }
        if changes.isEmpty { return (t("changes_none"), []) }
        var writer = ChangeText(strings: strings, days: days, product: flow.product, numbers: numbers) { key, values, count in
            t(key, values, count: count)
        }
        writer.addressing = Dictionary(uniqueKeysWithValues: plan.painPoints.map { ($0.id, $0.steps.compactMap { numbers[$0] }.sorted()) })
        return (t("changes_since"), writer.lines(changes))
    }

    // MARK: Explaining a step's day

    /// Why a step is on its day, sentence by sentence, as plain text.
    func explanation(of stepID: String) -> [String]? {
        guard let index = plan.steps.firstIndex(where: { $0.id == stepID }) else { return nil }
        let step = plan.steps[index]
        let numbers = self.numbers
        var lines = [strings.text("explain_heading", ["number": index + 1, "total": plan.steps.count, "title": step.title, "day": days.long(step.start)])]
        lines.append(strings.text("explain_selected", ["reasons": reasonText(step.reasons, numbers)]))
        if step.done {
            lines.append(strings.text("explain_done", ["day": days.long(step.start)]))
            return lines
        }
        let why = step.scheduled
        if let prerequisite = why.prerequisite, let before = plan.step(prerequisite) {
            let values: [String: Any] = ["number": numbers[prerequisite]!, "title": before.title, "day": days.long(before.end)]
            lines.append(why.wait > 0 ? strings.text("explain_prerequisite_wait", values, count: why.wait) : strings.text("explain_prerequisite", values))
        } else if let asOf = plan.asOf {
            lines.append(strings.text("explain_as_of", ["day": days.long(asOf)]))
        } else {
            lines.append(strings.text("explain_start", ["day": days.long(plan.start)]))
        }
        if let original = step.rescheduledFrom {
            lines.append(strings.text("explain_rescheduled", ["day": days.long(original)]))
        }
        if why.paceLimited {
            lines.append(strings.text("explain_pace", ["from": days.long(why.earliest), "to": days.long(step.start)], count: plan.pace))
        }
        if !why.skipped.isEmpty {
            let holidays = Set(plan.holidays)
            let skipped = why.skipped.map { day in
                holidays.contains(day) ? strings.text("explain_holiday", ["day": days.short(day)]) : days.short(day)
            }
            lines.append(strings.text("explain_skipped", ["days": listText(skipped)]))
        }
        if step.end > step.start {
            let length = plan.calendar.workingDaysBetween(step.start, step.end) + 1
            lines.append(strings.text("explain_effort", ["day": days.long(step.end)], count: length))
        }
        return lines
    }

    // MARK: For the page and the calendar

    /// The visual timeline.
    func timeline() -> TimelineSVG { TimelineSVG(model: self) }

    /// The flow step with this id.
    func flowStep(_ id: String) -> Step? { flowSteps[id] }

    /// The support box shown at the top of every handout (escaped by the page template).
    func supportLines() -> [HandoutPage.SupportLine] {
        var lines: [HandoutPage.SupportLine] = []
        if let csm = profile.csm {
            lines.append(HandoutPage.SupportLine(label: csm.name, detail: csm.email ?? "", href: csm.email.map { "mailto:" + $0 }))
        }
        if let support = flow.support {
            if let email = support.email { lines.append(HandoutPage.SupportLine(label: flow.product, detail: email, href: "mailto:" + email)) }
            if let url = support.url { lines.append(HandoutPage.SupportLine(label: "", detail: url, href: url)) }
            if let hours = support.hours { lines.append(HandoutPage.SupportLine(label: "", detail: hours, href: nil)) }
        }
        return lines
    }

    // MARK: Pieces

    func checkInName(_ checkIn: CheckIn) -> String {
        switch checkIn.kind {
        case .kickoff: return strings.text("checkin_kickoff")
        case .checkIn: return strings.text("checkin_regular", ["number": checkIn.number - 1])
        case .wrapUp: return strings.text("checkin_wrap_up")
        }
    }

    private func ownerText(_ owner: Owner) -> String {
        strings.text("owner_" + owner.rawValue, ["csm": profile.csm?.name ?? strings.text("your_csm")])
    }

    /// Hands-on time in words: `15 min`, `2 hours`.
    func effortText(_ minutes: Int) -> String {
        if minutes < 60 { return strings.text("minutes", count: minutes) }
        let hours = (minutes + 30) / 60
        return strings.text("hours", count: hours)
    }

    /// Step numbers as a list: `3, 4 and 7`.
    private func stepList(_ ids: [String], _ numbers: [String: Int]) -> String {
        listText(numberRuns(ids.compactMap { numbers[$0] }))
    }

    /// `a, b and c` in the handout's language.
    private func listText(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return strings.text("list_and", ["list": items.dropLast().joined(separator: strings.text("list_separator")), "last": items.last!])
    }

    /// The working days of a week that the plan covers: `1 Dec – 4 Dec`, or one day.
    private func weekRange(from: Day, to: Day) -> String {
        let first = plan.workingDays.contains(from.weekday) ? from : profile.calendar.workingDay(onOrAfter: from)
        var last = to
        while last > first && !profile.calendar.isWorkingDay(last) { last = last.adding(days: -1) }
        if first >= last || first > to { return days.dayMonth(min(first, to)) }
        return strings.text("range", ["from": days.dayMonth(first), "to": days.dayMonth(last)])
    }

    private func reasonText(_ reasons: [SelectionReason], _ numbers: [String: Int]) -> String {
        let pains = Dictionary(uniqueKeysWithValues: profile.painPoints.map { ($0.id, $0.text) })
        let goals = Dictionary(uniqueKeysWithValues: profile.goals.map { ($0.id, $0.text) })
        var parts: [String] = []
        for reason in reasons {
            switch reason.kind {
            case .required: parts.append(strings.text("reason_required", ["product": flow.product]))
            case .solves: parts.append(strings.text("reason_solves", ["text": pains[reason.id!] ?? reason.id!]))
            case .serves: parts.append(strings.text("reason_serves", ["text": goals[reason.id!] ?? reason.id!]))
            case .done: parts.append(strings.text("reason_done"))
            case .prerequisite: continue
            }
        }
        let needed = reasons.filter { $0.kind == .prerequisite }.compactMap { $0.id }
        if !needed.isEmpty {
            parts.append(strings.text("reason_prerequisite", ["steps": stepList(needed, numbers)], count: needed.count))
        }
        return listText(parts)
    }

    private func personDetails(_ person: Person) -> String {
        var parts: [String] = []
        if let role = person.role { parts.append(MarkdownText.inline(role)) }
        if let email = person.email { parts.append(mailLink(email)) }
        if let phone = person.phone { parts.append(MarkdownText.inline(phone)) }
        return parts.isEmpty ? "" : " · " + parts.joined(separator: " · ")
    }

    /// A link to a checked address (profile emails and flow URLs are validated on load).
    private func link(_ resource: Resource) -> String {
        "[\(MarkdownText.inline(resource.title))](<\(resource.url)>)"
    }

    private func mailLink(_ email: String) -> String {
        "[\(MarkdownText.inline(email))](<mailto:\(email)>)"
    }

    /// Flow Markdown placed inside a list item must be indented to stay in it.
    static func indented(_ markdown: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return markdown.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
            .trimmingWhitespace()
    }
}
