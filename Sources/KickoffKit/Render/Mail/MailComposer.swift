import Foundation

/// The kinds of message Kickoff writes to a customer.
public enum MailKind: String, Sendable, CaseIterable, Codable {
    /// The plan was not sent yet: the quick start, with the handout attached.
    case welcome
    /// The working day after a check-in: what was done, what to celebrate, what comes next.
    case recap
    /// A customer step 2 or more working days past its planned end: one friendly note about that task.
    case nudge
    /// The plan changed since the customer received it: what changed, with the new handout.
    case changed
}

/// Writes each kind of message in the account's language, from the plan as last built (`model.plan`), the
/// profile as it is now, and the progress recorded in it.
struct MailComposer {
    /// The plan as last built, with the profile and flow as they are now.
    let model: HandoutModel
    /// The day the message is for.
    let asOf: Day
    /// Whether `plan.pdf` is attached too.
    var withPDF = false

    private var strings: StringTable { model.strings }
    private var days: DayFormat { model.days }
    private var plan: Plan { model.plan }
    private var wording: Wording { model.wording }

    private func t(_ key: Phrase, _ values: PhraseValues = [:], count: Int? = nil) -> String {
        strings.text(key, values, defaults: model.textCommon, count: count)
    }

    /// Progress recorded in the profile up to the day, by step.
    private var recorded: [String: Day] {
        Dictionary(model.profile.progress.filter { $0.day <= asOf }.map { ($0.step, $0.day) }, uniquingKeysWith: { first, _ in first })
    }

    /// The day a step was done, from the plan or the profile, if it was.
    private func doneDay(_ step: PlannedStep, _ recorded: [String: Day]) -> Day? {
        step.done ? step.end : recorded[step.id]
    }

    private func content(_ subject: String, _ blocks: [MailContent.Block]) -> MailContent {
        let greeting = model.profile.contact == nil ? t(.mailGreetingNoName) : t(.mailGreeting)
        let signature = t(.mailSignOff) + "\n" + (model.profile.csm?.name ?? t(.yourCsm))
        return MailContent(subject: subject, language: plan.locale.rawValue, accent: model.flow.brand?.accent,
                           blocks: [.paragraph(greeting)] + blocks + [.paragraph(signature)])
    }

    // MARK: Kinds

    /// The quick start: goals and their dates, this week's tasks, the next call, how to get help.
    func welcome() -> MailContent {
        var blocks: [MailContent.Block] = [.paragraph(t(.mailWelcomeIntro)), .paragraph(t(withPDF ? .mailAttachedPdf : .mailAttached))]
        if !plan.goals.isEmpty {
            blocks.append(.heading(t(.mailGoalsHeading)))
            blocks.append(.list(plan.goals.map { goal in
                goal.by.map { t(.mailGoalLine, ["goal": goal.text, "by": days.long($0)]) } ?? goal.text
            }))
        }
        blocks += weekTasks()
        blocks += nextCall()
        blocks += help()
        return content(t(.mailWelcomeSubject), blocks)
    }

    /// The recap of the check-in on `checkIn`'s day, written the working day after it.
    func recap(of checkIn: CheckIn) -> MailContent {
        let recorded = self.recorded
        let numbers = plan.stepNumbers
        let index = plan.checkIns.firstIndex(of: checkIn) ?? 0
        let previous = index > 0 ? plan.checkIns[index - 1].day : plan.start.adding(days: -1)
        let done = plan.steps.filter { doneDay($0, recorded) != nil }
        var blocks: [MailContent.Block] = [.paragraph(t(.mailRecapIntro, ["day": days.long(checkIn.day)]) + " "
            + t(.mailProgress, ["done": String(done.count)], count: plan.steps.count))]

        // Done on the day of the last call counts as since it: it was most likely done at or after that call.
        let doneSince = plan.steps.filter { step in doneDay(step, recorded).map { $0 >= previous && $0 <= asOf } ?? false }
        blocks.append(.heading(t(.mailRecapDoneHeading)))
        blocks.append(doneSince.isEmpty ? .paragraph(t(.mailRecapDoneNone))
            : .list(doneSince.map { wording.stepHeading(number: numbers[$0.id]!, total: plan.steps.count, title: $0.title, defaults: model.textCommon) }))

        // Milestones of the steps done since, and goals whose last step is among them: by name.
        var celebrate: [String] = []
        for milestone in plan.milestones where milestone.kind == .step {
            if let step = plan.step(milestone.id), let day = doneDay(step, recorded), day >= previous, day <= asOf {
                celebrate.append(t(.mailRecapCelebrateLine, ["title": milestone.title, "day": days.long(day)]))
            }
        }
        let states = AccountStatus(profile: model.profile.file, plan: plan, progress: model.profile.progress, asOf: asOf, lastBuilt: nil).goals
        for (goal, state) in zip(plan.goals, states) where state == .reached {
            let last = goal.steps.compactMap { id in plan.step(id).flatMap { doneDay($0, recorded) } }.max()
            if let last, last >= previous { celebrate.append(t(.mailRecapCelebrateLine, ["title": goal.text, "day": days.long(last)])) }
        }
        if !celebrate.isEmpty {
            blocks.append(.heading(t(.mailRecapCelebrateHeading)))
            blocks.append(.list(celebrate))
        }

        let following = plan.checkIns.first { $0.day >= asOf }
        let upcoming = plan.steps.filter { $0.owner != .csm && doneDay($0, recorded) == nil && $0.start <= (following?.day ?? plan.end) }
        blocks.append(.heading(t(.mailRecapNextHeading)))
        blocks.append(upcoming.isEmpty ? .paragraph(t(.mailRecapNextNone)) : taskTable(Array(upcoming.prefix(6)), numbers: numbers))

        let risky = zip(plan.goals, states).filter { $0.1 == .atRisk || $0.1 == .missed }
        if !risky.isEmpty {
            blocks.append(.heading(t(.mailRecapRiskHeading)))
            blocks.append(.list(risky.map { goal, state in
                let by = goal.by.map(days.long) ?? ""
                return t(state == .missed ? .mailRecapMissedLine : .mailRecapRiskLine, ["goal": goal.text, "by": by])
            }))
        }
        if following == nil { blocks.append(.paragraph(t(.mailRecapLastCall))) } else { blocks += nextCall() }
        blocks += help()
        return content(t(.mailRecapSubject, ["name": model.checkInName(checkIn), "day": days.short(checkIn.day)]), blocks)
    }

    /// A friendly note about one late step, with its guide.
    func nudge(_ step: PlannedStep) -> MailContent {
        let number = (plan.steps.firstIndex(of: step) ?? 0) + 1
        let values: PhraseValues = ["number": String(number), "title": step.title, "day": days.long(step.end)]
        var blocks: [MailContent.Block] = [.paragraph(t(.mailNudgeBody, values))]
        if let minutes = step.effortMinutes { blocks.append(.paragraph(t(.mailNudgeEffort, ["effort": wording.effort(minutes: minutes)]))) }
        blocks.append(.paragraph(t(.mailNudgeOffer)))
        if let guide = model.flowStep(step.id)?.guide, !guide.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            blocks.append(.heading(t(.mailNudgeGuideHeading)))
            blocks.append(.guide(markdown: guide))
        }
        blocks += help()
        return content(t(.mailNudgeSubject, values), blocks)
    }

    /// What changed since the plan the customer holds (`sent`, received on `sentOn`), with the new handout.
    func changed(from sent: Plan, sentOn: Day, invitations: Bool) -> MailContent {
        let numbers = plan.stepNumbers
        var writer = ChangeText(strings: strings, days: days, product: plan.product, numbers: numbers) { key, values, count in
            strings.text(key, values, defaults: model.textCommon, count: count)
        }
        writer.addressing = Dictionary(uniqueKeysWithValues: plan.painPoints.map { ($0.id, $0.steps.compactMap { numbers[$0] }.sorted()) })
        let changes = writer.lines(Changes.between(sent, plan))
        var blocks: [MailContent.Block] = [.paragraph(t(.mailChangedIntro, ["sent": days.long(sentOn)]))]
        blocks.append(changes.isEmpty ? .paragraph(t(.mailChangedNone)) : .list(changes))
        if invitations { blocks.append(.paragraph(t(.mailChangedCalendar))) }
        blocks.append(.paragraph(t(withPDF ? .mailAttachedPdf : .mailAttached)))
        blocks += weekTasks()
        blocks += help()
        return content(t(.mailChangedSubject), blocks)
    }

    // MARK: Parts

    /// The customer's tasks in the week of the day (or the plan's first week, before it starts), as a table.
    private func weekTasks() -> [MailContent.Block] {
        let recorded = self.recorded
        let numbers = plan.stepNumbers
        let weekStart = max(asOf, plan.start).startOfWeek
        let tasks = plan.steps.filter { step in
            step.owner != .csm && doneDay(step, recorded) == nil && step.start <= weekStart.adding(days: 6) && step.end >= weekStart
        }
        return [.heading(t(.mailWeekHeading)), tasks.isEmpty ? .paragraph(t(.mailWeekNone)) : taskTable(tasks, numbers: numbers)]
    }

    /// Steps as a table: day, numbered title, time.
    private func taskTable(_ steps: [PlannedStep], numbers: [String: Int]) -> MailContent.Block {
        .table(header: [t(.mailTableDay), t(.mailTableTask), t(.mailTableEffort)], rows: steps.map { step in
            [days.short(step.start),
             wording.stepHeading(number: numbers[step.id] ?? 0, total: plan.steps.count, title: step.title, defaults: model.textCommon),
             step.effortMinutes.map(wording.effort(minutes:)) ?? ""]
        })
    }

    /// The next check-in on or after the day, with its time and meeting link.
    private func nextCall() -> [MailContent.Block] {
        guard let checkIn = plan.checkIns.first(where: { $0.day >= asOf }) else { return [] }
        var blocks: [MailContent.Block] = [.heading(t(.mailNextCallHeading))]
        let name = model.checkInName(checkIn)
        if let time = plan.checkInTime {
            blocks.append(.paragraph(t(.mailCallLineTime, ["name": name, "day": days.long(checkIn.day), "time": time, "zone": plan.timezone])))
        } else {
            blocks.append(.paragraph(t(.mailCallLine, ["name": name, "day": days.long(checkIn.day)])))
        }
        if let url = model.profile.meetingURL { blocks.append(.link(text: t(.mailMeetingLink, ["url": url]), url: url)) }
        return blocks
    }

    /// Reply to the CSM; the product's support, its hours.
    private func help() -> [MailContent.Block] {
        var lines: [String] = []
        if model.profile.csm != nil { lines.append(t(.mailHelpReply)) }
        if let support = model.flow.support {
            let channels = [support.email, support.url, support.phone].compactMap { $0 }
            if !channels.isEmpty { lines.append(t(.mailHelpSupport, ["channels": channels.joined(separator: strings.text(.listSeparator))])) }
            if let hours = support.hours { lines.append(t(.mailHelpHours, ["hours": hours])) }
        }
        return lines.isEmpty ? [] : [.heading(t(.mailHelpHeading)), .list(lines)]
    }
}
