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

    /// Each step's number in plan order, by id (`Plan.stepNumbers`), made once for the handout, its timeline and
    /// its calendar.
    let stepNumbers: [String: Int]

    /// Names every sentence can use, as plain text (escaped by the sentence that uses them).
    let textCommon: PhraseValues

    /// The profile's pain points and goals, text by id.
    private let painTexts: [String: String], goalTexts: [String: String]

    /// Words the handout, its timeline and its calendar repeat for many steps, worded once: who does a step, each
    /// step's hands-on time by minutes, and each check-in's kind and name by number.
    private let ownerTexts: (customer: String, csm: String, together: String)
    private let effortTexts: [Int: String], checkInNames: [Int: (kind: CheckIn.Kind, name: String)]

    init(plan: Plan, profile: AccountProfile, flow: ProductFlow, strings: StringTable, days: DayFormat) {
        self.plan = plan
        self.profile = profile
        self.flow = flow
        self.strings = strings
        self.days = days
        stepNumbers = plan.stepNumbers
        textCommon = [
            "product": flow.product,
            "account": MarkdownText.isolatingDirection(profile.account),
            "contact": MarkdownText.isolatingDirection(profile.contact?.name ?? profile.account),
            "csm": profile.csm.map { MarkdownText.isolatingDirection($0.name) } ?? strings.text(.yourCsm),
            "start": days.long(plan.start),
            "end": days.long(plan.end),
            "updated": plan.asOf.map(days.long) ?? "",
        ]
        painTexts = Dictionary(profile.painPoints.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        goalTexts = Dictionary(profile.goals.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        let wording = Wording(strings: strings, days: days)
        let csm = profile.csm?.name
        ownerTexts = (wording.owner(.customer, csm: csm), wording.owner(.csm, csm: csm), wording.owner(.together, csm: csm))
        var efforts: [Int: String] = [:]
        for minutes in plan.steps.compactMap(\.effortMinutes) where efforts[minutes] == nil { efforts[minutes] = wording.effort(minutes: minutes) }
        effortTexts = efforts
        var names: [Int: (kind: CheckIn.Kind, name: String)] = [:]
        for checkIn in plan.checkIns { names[checkIn.number] = (checkIn.kind, wording.checkInName(checkIn.kind, number: checkIn.number)) }
        checkInNames = names
        firstWeekUsageDays = Self.firstWeekUsageDays(of: plan)
    }

    private func t(_ key: Phrase, _ extra: PhraseValues = [:], count: Int? = nil) -> String {
        strings.markdown(key, extra, defaults: textCommon, count: count)
    }

    /// The days of the plan's first week on which the customer has a task: how often they use the product then.
    private let firstWeekUsageDays: Int

    /// Counts `firstWeekUsageDays` (a week holds at most seven days: a list is all it takes to tell them apart).
    private static func firstWeekUsageDays(of plan: Plan) -> Int {
        let firstWeekEnd = plan.start.adding(days: 6)
        var days: [Day] = []
        for step in plan.steps where step.owner != .csm && step.start <= firstWeekEnd && !days.contains(step.start) { days.append(step.start) }
        return days.count
    }

    /// The day a step "moved from" in the handout: the day it has in the version the customer holds, so only on a
    /// regenerated plan (a first version has no earlier day the customer was given).
    private func shownMove(_ step: PlannedStep) -> Day? {
        plan.changesSince == nil ? nil : step.rescheduledFrom
    }

    /// The plan as typed sections, for `plan.md.mustache`.
    func document() -> PlanDocument {
        let hard = hardParts()
        let (changesIntro, changes) = changeLines()
        return PlanDocument(
            title: t(.title),
            // A regenerated plan says when it was updated, not only when it started.
            subtitle: (plan.asOf.map { $0 > plan.start } ?? false) ? t(.subtitleUpdated) : t(.subtitle),
            quickstart: quickStart(),
            welcome: WelcomeSection(
                heading: profile.contact == nil ? t(.welcomeHeadingNoContact) : t(.welcomeHeading),
                body: t(.welcomeBody),
                note: profile.notes.map { WelcomeSection.Note(from: t(.noteFrom), text: MarkdownText.block($0)) }),
            goals: GoalsSection(heading: t(.goalsHeading), intro: t(plan.goals.isEmpty ? .goalsNone : .goalsIntro),
                                items: goals()),
            pains: plan.painPoints.isEmpty ? nil
                : PainsSection(heading: t(.painsHeading), intro: t(.painsIntro), items: pains()),
            expect: ExpectSection(heading: t(.expectHeading), lines: expectations(),
                                  hard: hard.isEmpty ? nil : ListSection(heading: t(.expectHardHeading), intro: "", lines: hard)),
            timeline: TimelineSection(heading: t(.timelineHeading), weeks: weeks()),
            milestones: ListSection(heading: t(.milestonesHeading), intro: t(plan.milestones.isEmpty ? .milestonesNone : .milestonesIntro),
                                    lines: milestones()),
            guide: GuideSection(heading: t(.guideHeading), intro: t(.guideIntro), steps: guide()),
            checkins: CheckInsSection(
                heading: t(.checkinsHeading),
                intro: t(.checkinsIntro, ["cadence": strings.text(.cadence(plan.cadence))]),
                lines: checkInLines(),
                contacts: contacts()),
            resources: ListSection(heading: t(.resourcesHeading), intro: t(.resourcesIntro), lines: flow.resources.map(link)),
            success: ListSection(heading: t(.successHeading), intro: t(.successIntro), lines: success()),
            changes: ListSection(heading: t(.changesHeading), intro: changesIntro, lines: changes))
    }

    // MARK: Sections

    /// The check-ins, one line each; a long run of regular ones (daily check-ins) is said in one line.
    private func checkInLines() -> [String] {
        let line = { (checkIn: CheckIn) in self.t(.checkinLine, ["day": self.days.short(checkIn.day), "name": self.checkInName(checkIn)]) }
        let regular = plan.checkIns.filter { $0.kind == .checkIn }
        guard regular.count > 6, let first = regular.first, let last = regular.last else { return plan.checkIns.map(line) }
        return plan.checkIns.filter { $0.kind != .checkIn }.map(line).enumerated().flatMap { index, text -> [String] in
            // After the kickoff: the run of regular check-ins as one line.
            index == 0 ? [text, t(.checkinRun, ["from": days.short(first.day), "to": days.short(last.day),
                                                  "cadence": strings.text(.cadence(plan.cadence))], count: regular.count)] : [text]
        }
    }

    private func quickStart() -> QuickStartSection {
        // The week of the plan's day (its start, or the day it was regenerated): its open customer tasks, or the
        // next three when that week has none left.
        let today = max(plan.asOf ?? plan.start, plan.start)
        let weekEnd = today.startOfWeek.adding(days: 6)
        // The week as the customer works it: from the plan's day to the week's last working day.
        let calendar = plan.calendar
        let shownFrom = calendar.workingDay(onOrAfter: today)
        let shownTo = (0...6).map { weekEnd.adding(days: -$0) }.first(where: calendar.isWorkingDay) ?? weekEnd
        // The steps by their places in the plan (a step's number is its place, counted from 1).
        let steps = plan.steps
        let open = steps.indices.filter { steps[$0].owner != .csm && !steps[$0].done && steps[$0].end >= today }
        var tasks = open.filter { steps[$0].start <= weekEnd }
        let thisWeek = !tasks.isEmpty
        if !thisWeek { tasks = Array(open.prefix(3)) }
        let lines = tasks.map { index in
            t(steps[index].effortMinutes == nil ? .quickstartTaskNoEffort : .quickstartTask, taskValues(steps[index], number: index + 1, withEffort: true))
        }
        let goals = plan.goals.map { goal -> String in
            let state = strings.text(Self.statusPhrase(goal.status))
            return goal.by.map { t(.quickstartGoal, ["text": goal.text, "by": days.short($0), "status": state]) }
                ?? t(.quickstartGoalNoDate, ["text": goal.text, "status": state])
        }
        let call = plan.checkIns.first { $0.day >= today }.map { checkIn in
            plan.checkInTime.map { t(.quickstartCallTime, ["name": checkInName(checkIn), "day": days.short(checkIn.day), "time": $0]) }
                ?? t(.quickstartCall, ["name": checkInName(checkIn), "day": days.short(checkIn.day)])
        }
        var who: [String] = []
        if let csm = profile.csm { who.append(csm.email.map { "\(csm.name), \($0)" } ?? csm.name) }
        if let support = flow.support, let address = support.email ?? support.url.map(Self.withoutScheme) { who.append(address) }
        // A regenerated plan says so first, and where to read what changed.
        let notice = plan.changesSince.flatMap { since in plan.changes?.isEmpty == false ? t(.quickstartUpdated, ["since": days.short(since)]) : nil }
        return QuickStartSection(
            heading: t(.quickstartHeading), notice: notice,
            tasksLabel: thisWeek && shownFrom <= shownTo ? t(.quickstartWeek, ["from": days.short(shownFrom), "to": days.short(shownTo)]) : t(.quickstartNext),
            tasks: lines.isEmpty ? [t(.quickstartNothing)] : lines,
            goalsLabel: plan.goals.isEmpty ? nil : t(.quickstartGoals), goals: goals, call: call,
            help: who.isEmpty ? nil : t(.quickstartHelp, ["who": who.joined(separator: " · ")]))
    }

    /// What a sentence about one task names: its day, number, title, who does it and, when asked for and known,
    /// its effort.
    private func taskValues(_ step: PlannedStep, number: Int, withEffort: Bool) -> PhraseValues {
        var values: PhraseValues = ["day": days.short(step.start), "number": String(number), "title": step.title, "owner": ownerText(step.owner)]
        if withEffort, let minutes = step.effortMinutes { values["effort"] = effortText(minutes) }
        return values
    }

    /// A goal's state in a word.
    static func statusPhrase(_ status: GoalStatus.Status) -> Phrase {
        switch status {
        case .onTrack: return .stateOnTrack
        case .atRisk: return .stateAtRisk
        case .missed: return .stateMissed
        case .reached: return .stateReached
        case .unaddressed: return .stateUnaddressed
        }
    }

    /// `help.example.com/start` for `https://help.example.com/start`: how people say an address.
    static func withoutScheme(_ url: String) -> String {
        let shown = url.hasPrefix("https://") ? url.dropFirst(8) : url.hasPrefix("http://") ? url.dropFirst(7) : Substring(url)
        return String(shown.hasSuffix("/") ? shown.dropLast() : shown)
    }

    private func goals() -> [GoalsSection.Goal] {
        plan.goals.map { goal in
            var lines: [String] = []
            if let measure = goal.measure { lines.append(t(.goalMeasure, ["measure": measure])) }
            if let by = goal.by { lines.append(t(.goalTarget, ["by": days.long(by)])) }
            if let milestone = goal.milestone, goal.status != .reached { lines.append(t(.goalExpected, ["day": days.long(milestone)])) }
            switch goal.status {
            case .onTrack: lines.append(t(.goalOnTrack))
            case .atRisk: lines.append(t(.goalAtRisk, count: goal.workingDaysLate))
            case .missed: lines.append(t(.goalMissed))
            case .reached: lines.append(t(.goalReached))
            case .unaddressed: lines.append(t(.goalUnaddressed))
            }
            if !goal.steps.isEmpty { lines.append(t(.goalSteps, ["steps": stepList(goal.steps)])) }
            return GoalsSection.Goal(text: goal.text, lines: lines)
        }
    }

    private func pains() -> [PainsSection.Pain] {
        plan.painPoints.map { pain in
            let steps = pain.steps.map { id in
                var line = t(.painStep, ["title": plan.step(id)!.title, "number": String(stepNumbers[id]!)])
                if let value = flow.step(id)?.value { line += ": " + Self.indented(value, by: 4) }
                return line
            }
            return PainsSection.Pain(text: pain.text, unaddressed: steps.isEmpty ? t(.painUnaddressed) : nil, steps: steps)
        }
    }

    private func expectations() -> [String] {
        // (Counted without `filter`, which would copy each step into a new array.)
        var customer = 0, together = 0, csmOnly = 0
        for step in plan.steps {
            switch step.owner {
            case .customer: customer += 1
            case .together: together += 1
            case .csm: csmOnly += 1
            }
        }
        // The weeks the timeline shows: through the last step or the wrap-up, whichever is later.
        let last = max(plan.end, plan.checkIns.last?.day ?? plan.end)
        let weekCount = (last.startOfWeek.ordinal - plan.start.startOfWeek.ordinal) / 7 + 1
        let hands = plan.steps.reduce(0) { $0 + ($1.owner == .csm ? 0 : $1.effortMinutes ?? 0) }
        var lines = [
            t(.expectLength, ["steps": strings.text(.stepsCount, count: plan.steps.count),
                                "weeks": strings.text(.weeks, count: weekCount), "end": days.long(last)]),
            t(.expectSplit, ["parts": listText([
                (Phrase.expectSplitCustomer, customer), (.expectSplitTogether, together), (.expectSplitCsm, csmOnly),
            ].filter { $0.1 > 0 }.map { key, count in
                strings.text(key, ["steps": strings.text(.stepsCount, count: count)], defaults: textCommon)
            })]),
            t(.expectPace, ["effort": effortText(hands)], count: plan.pace),
        ]
        let weekdays = plan.workingDays.map { days.weekdayName($0) }.joined(separator: strings.text(.listSeparator))
        if plan.holidays.isEmpty {
            lines.append(t(.expectCalendarNoHolidays, ["days": weekdays]))
        } else {
            let shown = plan.holidays.filter { $0 >= plan.start && $0 <= plan.end }
            let holidays = (shown.isEmpty ? plan.holidays : shown).map(days.dayMonth).joined(separator: strings.text(.listSeparator))
            lines.append(t(.expectCalendar, ["days": weekdays, "holidays": holidays]))
        }
        // A plan regenerated after its first week has no first week ahead: no "0 days".
        if firstWeekUsageDays > 0 { lines.append(t(.expectFirstWeek, count: firstWeekUsageDays)) }
        let doneCount = plan.steps.reduce(0) { $0 + ($1.done ? 1 : 0) }
        if doneCount > 0 { lines.append(t(.expectDone, count: doneCount)) }
        return lines
    }

    private func hardParts() -> [String] {
        var lines: [String] = []
        // A step's number is its place in the plan, counted from 1.
        for (index, step) in plan.steps.enumerated() where !step.done {
            let flowStep = flow.step(step.id)!
            if flowStep.wait > 0 {
                lines.append(t(.expectWait, ["title": step.title, "number": String(index + 1)], count: flowStep.wait))
            }
            if let minutes = step.effortMinutes, minutes >= 120, step.owner != .csm {
                lines.append(t(.expectEffort, ["title": step.title, "number": String(index + 1), "effort": effortText(minutes)]))
            }
        }
        return lines
    }

    private func weeks() -> [TimelineSection.Week] {
        // Entries per day: check-ins first, then steps in plan order, then milestones.
        var entries: [(day: Day, rank: Int, text: String)] = []
        // Daily check-ins would bury the steps: the weeks show the kickoff and the wrap-up, the check-ins
        // section says the rest.
        for checkIn in plan.checkIns where plan.cadence != .daily || checkIn.kind != .checkIn {
            entries.append((checkIn.day, 0, t(.timelineCheckin, ["day": days.short(checkIn.day), "name": checkInName(checkIn)])))
        }
        for (index, step) in plan.steps.enumerated() {
            let key: Phrase = step.done ? .timelineStepDone : step.effortMinutes == nil ? .timelineStepNoEffort : .timelineStep
            var line = t(key, taskValues(step, number: index + 1, withEffort: !step.done))
            if let original = shownMove(step) { line += " · " + t(.rescheduledNote, ["day": days.short(original)]) }
            entries.append((step.start, 1, line))
        }
        for milestone in plan.milestones {
            let key: Phrase = milestone.kind == .step ? .timelineMilestone : .timelineGoal
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
                heading: t(.weekHeading, ["number": String(number), "range": range]),
                items: items.isEmpty ? [t(.timelineNothing)] : items,
                footnote: holidays.isEmpty ? nil : t(.weekHolidays, ["days": listText(holidays.map(days.short))], count: holidays.count)))
            weekStart = weekStart.adding(days: 7)
            number += 1
        }
        return weeks
    }

    private func milestones() -> [String] {
        plan.milestones.map { milestone in
            let line = t(milestone.kind == .step ? .milestoneStep : .milestoneGoal, ["day": days.short(milestone.day), "title": milestone.title])
            return milestone.reached ? line + " " + t(.milestoneReached) : line
        }
    }

    private func guide() -> [GuideSection.Step] {
        plan.steps.indices.map { index in
            let step = plan.steps[index], flowStep = flow.step(step.id)!
            let number = index + 1
            var meta: String
            if step.done {
                meta = t(.guideStepDone, ["day": days.long(step.end)])
            } else if let minutes = step.effortMinutes {
                meta = t(.guideStepMeta, ["day": days.long(step.start), "effort": effortText(minutes), "owner": ownerText(step.owner)])
            } else {
                meta = t(.guideStepMetaNoEffort, ["day": days.long(step.start), "owner": ownerText(step.owner)])
            }
            if let original = shownMove(step) { meta += " · " + t(.rescheduledNote, ["day": days.short(original)]) }
            return GuideSection.Step(
                heading: t(.guideStepHeading, ["number": String(number), "total": String(plan.steps.count), "title": step.title]),
                meta: meta,
                value: flowStep.value.map { Labelled(label: t(.guideWhy), text: $0) },
                reasons: t(.guideFor, ["reasons": reasonText(step.reasons)]),
                guide: flowStep.guide,
                milestone: flowStep.milestone.map { t(.guideMilestone, ["title": $0]) },
                resources: flowStep.resources.isEmpty ? nil : LabelledList(label: t(.guideMoreHelp), links: flowStep.resources.map(link)))
        }
    }

    private func contacts() -> [String] {
        var lines: [String] = []
        if let csm = profile.csm { lines.append(t(.contactCsm, ["name": csm.name]) + personDetails(csm)) }
        if let contact = profile.contact { lines.append(t(.contactChampion, ["name": contact.name]) + personDetails(contact)) }
        if let url = profile.meetingURL { lines.append(t(.contactMeeting) + " " + link(Resource(title: url, url: url))) }
        if let support = flow.support {
            var parts: [String] = []
            if let email = support.email { parts.append(mailLink(email)) }
            if let url = support.url { parts.append(link(Resource(title: url, url: url))) }
            if let phone = support.phone { parts.append(MarkdownText.inline(phone)) }
            if let hours = support.hours { parts.append(t(.supportHours, ["hours": hours])) }
            lines.append(t(.supportLine) + " " + parts.joined(separator: " · "))
        }
        return lines
    }

    private func success() -> [String] {
        var lines = plan.goals.map { goal -> String in
            if let measure = goal.measure { return t(.successGoal, ["text": goal.text, "measure": measure]) }
            return t(.successGoalNoMeasure, ["text": goal.text, "day": goal.by.map(days.long) ?? days.long(plan.end)])
        }
        if firstWeekUsageDays > 0 { lines.append(t(.successFirstWeek, count: firstWeekUsageDays)) }
        lines.append(t(.successStepsOnTime))
        lines.append(t(.successHabit))
        return lines
    }

    /// The "what changed" section: an opening sentence, then one line per change.
    private func changeLines() -> (String, [String]) {
        guard let changes = plan.changes, plan.changesSince != nil else { return (t(.changesFirst), []) }
        if changes.isEmpty { return (t(.changesNone), []) }
        var writer = ChangeText(strings: strings, days: days, product: flow.product, numbers: stepNumbers) { key, values, count in
            t(key, values, count: count)
        }
        writer.addressing = Dictionary(uniqueKeysWithValues: plan.painPoints.map { ($0.id, $0.steps.compactMap { stepNumbers[$0] }.sorted()) })
        return (t(.changesSince), writer.lines(changes))
    }

    // MARK: Explaining a step's day

    /// Why a step is on its day, sentence by sentence, as plain text.
    func explanation(of stepID: String) -> [String]? {
        guard let index = plan.steps.firstIndex(where: { $0.id == stepID }) else { return nil }
        let step = plan.steps[index]
        var lines = [strings.text(.explainHeading, ["number": String(index + 1), "total": String(plan.steps.count), "title": step.title, "day": days.long(step.start)])]
        lines.append(strings.text(.explainSelected, ["reasons": reasonText(step.reasons)]))
        if step.done {
            lines.append(strings.text(.explainDone, ["day": days.long(step.start)]))
            return lines
        }
        let why = step.scheduled
        if let prerequisite = why.prerequisite, let before = plan.step(prerequisite) {
            let values: PhraseValues = ["number": String(stepNumbers[prerequisite]!), "title": before.title, "day": days.long(before.end)]
            lines.append(why.wait > 0 ? strings.text(.explainPrerequisiteWait, values, count: why.wait) : strings.text(.explainPrerequisite, values))
        } else if let asOf = plan.asOf {
            lines.append(strings.text(.explainAsOf, ["day": days.long(asOf)]))
        } else {
            lines.append(strings.text(.explainStart, ["day": days.long(plan.start)]))
        }
        if let original = step.rescheduledFrom {
            lines.append(strings.text(.explainRescheduled, ["day": days.long(original)]))
        }
        if why.paceLimited {
            lines.append(strings.text(.explainPace, ["from": days.long(why.earliest), "to": days.long(step.start)], count: plan.pace))
        }
        if !why.skipped.isEmpty {
            let holidays = Set(plan.holidays)
            let skipped = why.skipped.map { day in
                holidays.contains(day) ? strings.text(.explainHoliday, ["day": days.short(day)]) : days.short(day)
            }
            lines.append(strings.text(.explainSkipped, ["days": listText(skipped)]))
        }
        if step.end > step.start {
            let length = plan.calendar.workingDaysBetween(step.start, step.end) + 1
            lines.append(strings.text(.explainEffort, ["day": days.long(step.end)], count: length))
        }
        return lines
    }

    // MARK: For the page and the calendar

    /// The visual timeline.
    func timeline() -> TimelineSVG { TimelineSVG(model: self) }

    /// The flow step with this id.
    func flowStep(_ id: String) -> Step? { flow.step(id) }

    /// The support box shown at the top of every handout (escaped by the page template).
    func supportLines() -> [HandoutPage.SupportLine] {
        var lines: [HandoutPage.SupportLine] = []
        if let csm = profile.csm {
            lines.append(HandoutPage.SupportLine(label: csm.name, detail: csm.email ?? "", href: csm.email.map { "mailto:" + $0 }))
        }
        if let support = flow.support {
            if let email = support.email { lines.append(HandoutPage.SupportLine(label: flow.product, detail: email, href: "mailto:" + email)) }
            // The address reads without its scheme, so it fits the box unbroken; the link keeps it.
            if let url = support.url { lines.append(HandoutPage.SupportLine(label: "", detail: Self.withoutScheme(url), href: url)) }
            if let hours = support.hours { lines.append(HandoutPage.SupportLine(label: "", detail: hours, href: nil)) }
        }
        return lines
    }

    // MARK: Pieces

    /// The words of the handout's language.
    var wording: Wording { Wording(strings: strings, days: days) }

    func checkInName(_ checkIn: CheckIn) -> String {
        if let known = checkInNames[checkIn.number], known.kind == checkIn.kind { return known.name }
        return wording.checkInName(checkIn.kind, number: checkIn.number)
    }

    private func ownerText(_ owner: Owner) -> String {
        switch owner {
        case .customer: ownerTexts.customer
        case .csm: ownerTexts.csm
        case .together: ownerTexts.together
        }
    }

    /// Hands-on time in words: `15 min`, `2 hours`.
    func effortText(_ minutes: Int) -> String { effortTexts[minutes] ?? wording.effort(minutes: minutes) }

    /// Step numbers as a list: `3, 4 and 7`.
    private func stepList(_ ids: [String]) -> String {
        wording.stepNumbers(ids.compactMap { stepNumbers[$0] })
    }

    /// `a, b and c` in the handout's language.
    private func listText(_ items: [String]) -> String { wording.list(items) }

    /// The working days of a week that the plan covers: `1 Dec – 4 Dec`, or one day.
    private func weekRange(from: Day, to: Day) -> String {
        let first = plan.workingDays.contains(from.weekday) ? from : profile.calendar.workingDay(onOrAfter: from)
        var last = to
        while last > first && !profile.calendar.isWorkingDay(last) { last = last.adding(days: -1) }
        if first >= last || first > to { return days.dayMonth(min(first, to)) }
        return strings.text(.range, ["from": days.dayMonth(first), "to": days.dayMonth(last)])
    }

    private func reasonText(_ reasons: [SelectionReason]) -> String {
        var parts: [String] = []
        for reason in reasons {
            switch reason.kind {
            case .required: parts.append(strings.text(.reasonRequired, ["product": flow.product]))
            case .solves: parts.append(strings.text(.reasonSolves, ["text": painTexts[reason.id!] ?? reason.id!]))
            case .serves: parts.append(strings.text(.reasonServes, ["text": goalTexts[reason.id!] ?? reason.id!]))
            case .done: parts.append(strings.text(.reasonDone))
            case .prerequisite: continue
            }
        }
        let needed = reasons.filter { $0.kind == .prerequisite }.compactMap { $0.id }
        if !needed.isEmpty {
            parts.append(strings.text(.reasonPrerequisite, ["steps": stepList(needed)], count: needed.count))
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

    /// A Markdown link to a checked address (profile emails and flow URLs are validated on load), written as
    /// people read it: the plain form when the address allows, `<…>` otherwise.
    private func link(_ resource: Resource) -> String {
        let plain = !resource.url.utf8.contains { $0 == 0x20 || $0 == 0x28 || $0 == 0x29 || $0 == 0x3C || $0 == 0x3E || $0 == 0x5C }
        return "[\(MarkdownText.inline(resource.title))](\(plain ? resource.url : "<\(resource.url)>"))"
    }

    private func mailLink(_ email: String) -> String {
        link(Resource(title: email, url: "mailto:" + email))
    }

    /// Flow Markdown placed inside a list item must be indented to stay in it.
    static func indented(_ markdown: String, by spaces: Int) -> String {
        // One line is only trimmed: the padding goes before it, and trimming takes it off again.
        if !markdown.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return markdown.trimmingWhitespace() }
        let pad = String(repeating: " ", count: spaces)
        if markdown.utf8.contains(0x0D) {
            // "\r\n" is one Character: such a line is split where a Character is "\n", as before.
            return markdown.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : pad + $0 }
                .joined(separator: "\n")
                .trimmingWhitespace()
        }
        var result = ""
        result.reserveCapacity(markdown.utf8.count + 64)
        // Line by line over the UTF-8 bytes ("\n" never occurs inside a multi-byte sequence).
        for (index, line) in markdown.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += "\n" }
            if !line.isEmpty {
                result += pad
                result += Substring(line)
            }
        }
        return result.trimmingWhitespace()
    }
}
