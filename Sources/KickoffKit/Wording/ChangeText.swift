/// Sentences for what changed between two versions of a plan, in the handout's language.
///
/// `render` writes one string-table entry: Markdown for the handout, plain text for `kickoff diff`.
struct ChangeText {
    let strings: StringTable
    let days: DayFormat
    let product: String
    /// Step numbers in the newer plan.
    let numbers: [String: Int]
    /// Step numbers addressing each pain point in the newer plan.
    var addressing: [String: [Int]] = [:]
    let render: (_ key: Phrase, _ values: PhraseValues, _ count: Int?) -> String

    /// One sentence per change; three or more steps that moved by the same amount for the same reason share one.
    func lines(_ changes: [PlanChange]) -> [String] {
        var lines: [String] = []
        var index = 0
        while index < changes.count {
            let change = changes[index]
            var group = [change]
            if change.kind == .stepMoved {
                while index + group.count < changes.count {
                    let next = changes[index + group.count]
                    guard next.kind == .stepMoved, next.workingDays == change.workingDays, next.reason == change.reason else { break }
                    group.append(next)
                }
            }
            if group.count >= 3, let shift = change.workingDays {
                let values: PhraseValues = [
                    "steps": numberRuns(group.compactMap { numbers[$0.id] }).joined(separator: strings.text(.listSeparator)),
                    "shift": strings.text(shift < 0 ? .shiftEarlier : .shiftLater, count: abs(shift)),
                    "day": change.to.map(days.short) ?? "",
                ]
                lines.append(render(change.reason == .late ? .changeStepsMovedLate : .changeStepsMoved, values, group.count))
                index += group.count
            } else {
                lines.append(line(change))
                index += 1
            }
        }
        return lines
    }

    func line(_ change: PlanChange) -> String {
        var values: PhraseValues = ["title": change.title, "number": String(numbers[change.id] ?? 0), "product": product]
        if let from = change.from { values["from"] = days.short(from) }
        if let to = change.to { values["to"] = days.short(to); values["day"] = days.short(to) }
        if let shift = change.workingDays {
            values["shift"] = strings.text(shift < 0 ? .shiftEarlier : .shiftLater, count: abs(shift))
        }
        if let reason = change.reason {
            values["reason"] = strings.text(Self.phrase(for: reason, dropped: change.kind == .stepDropped), ["about": change.about ?? "", "product": product])
        }
        switch change.kind {
        case .stepDone: return render(.changeStepDone, values, nil)
        case .stepAdded: return render(.changeStepAdded, values, nil)
        case .stepDropped:
            values["day"] = change.from.map(days.short) ?? ""
            return render(.changeStepDropped, values, nil)
        case .stepMoved: return render(change.reason == .late ? .changeStepMovedLate : .changeStepMoved, values, nil)
        case .milestoneMoved: return render(.changeMilestoneMoved, values, nil)
        case .goalAdded: return render(.changeGoalAdded, values, nil)
        case .goalDropped: return render(.changeGoalDropped, values, nil)
        case .goalDateMoved: return render(.changeGoalDateMoved, values, nil)
        case .goalAtRisk: return render(.changeGoalAtRisk, values, change.workingDays ?? 0)
        case .goalOnTrack: return render(.changeGoalOnTrack, values, nil)
        case .goalReached: return render(.changeGoalReached, values, nil)
        case .goalMissed: return render(.changeGoalMissed, values, nil)
        case .painPointAdded:
            let steps = numbers.isEmpty ? [] : addressing[change.id] ?? []
            values["steps"] = numberRuns(steps).joined(separator: strings.text(.listSeparator))
            return render(steps.isEmpty ? .changePainAddedUncovered : .changePainAdded, values, steps.count)
        case .painPointDropped: return render(.changePainDropped, values, nil)
        case .checkInMoved, .checkInAdded, .checkInDropped:
            values["name"] = checkInName(id: change.id)
            if change.kind == .checkInDropped { values["day"] = change.from.map(days.short) ?? "" }
            let key: Phrase = change.kind == .checkInMoved ? .changeCheckinMoved : change.kind == .checkInAdded ? .changeCheckinAdded : .changeCheckinDropped
            return render(key, values, nil)
        }
    }

    /// Why a step was added or moved, or (`dropped`) why it left the plan.
    static func phrase(for reason: PlanChange.Reason, dropped: Bool) -> Phrase {
        switch reason {
        case .goal: return dropped ? .changeReasonGoalGone : .changeReasonGoal
        case .painPoint: return dropped ? .changeReasonPainGone : .changeReasonPain
        case .prerequisite: return dropped ? .changeReasonPrerequisiteGone : .changeReasonPrerequisite
        case .flow: return dropped ? .changeReasonFlowGone : .changeReasonFlow
        case .audience: return dropped ? .changeReasonAudienceGone : .changeReasonAudience
        case .done: return dropped ? .changeReasonDoneGone : .changeReasonDone
        case .late: return dropped ? .changeReasonLateGone : .changeReasonLate
        }
    }

    /// A check-in's name from its key in a change (`kickoff`, `check-in-3`, `wrap-up`).
    private func checkInName(id: String) -> String {
        let wording = Wording(strings: strings, days: days)
        if id == CheckIn.Kind.kickoff.rawValue { return wording.checkInName(.kickoff, number: 1) }
        if id == CheckIn.Kind.wrapUp.rawValue { return wording.checkInName(.wrapUp, number: 0) }
        // Keys count regular check-ins from 1; their names count from the kickoff.
        return wording.checkInName(.checkIn, number: (Int(id.split(separator: "-").last ?? "") ?? 0) + 1)
    }
}

extension Templates {
    /// What changed from one plan to another, as plain-text sentences in English (for `kickoff diff`).
    public func describeChanges(from old: Plan, to new: Plan) -> [String] {
        let strings = self.strings[.en]!
        let days = dayFormat(for: .en) ?? DayFormat(strings: strings)
        let numbers = new.stepNumbers
        var writer = ChangeText(strings: strings, days: days, product: new.product, numbers: numbers) { key, values, count in
            strings.text(key, values, count: count)
        }
        writer.addressing = Dictionary(uniqueKeysWithValues: new.painPoints.map { ($0.id, $0.steps.compactMap { numbers[$0] }.sorted()) })
        return writer.lines(Changes.between(old, new))
    }
}
