/// Step 5: the kickoff call, regular check-ins at the account's cadence, and a wrap-up review.
enum CheckIns {
    static func derive(kickoff: Day, lastStepEnd: Day, cadence: Cadence, calendar: WorkingCalendar) -> [CheckIn] {
        var days: [Day] = [calendar.workingDay(onOrAfter: kickoff)]
        let wrapUp = calendar.adding(workingDays: 1, to: max(lastStepEnd, days[0]))
        var offset = 0
        var turn = 0
        while true {
            switch cadence {
            case .daily: offset += 1
            case .twiceWeekly: offset += turn % 2 == 0 ? 3 : 4
            case .weekly: offset += 7
            case .biweekly: offset += 14
            }
            turn += 1
            let day = calendar.workingDay(onOrAfter: kickoff.adding(days: offset))
            if day >= wrapUp { break }
            if day > days.last! { days.append(day) }
        }
        var checkIns = days.enumerated().map { index, day in
            CheckIn(kind: index == 0 ? .kickoff : .checkIn, number: index + 1, day: day)
        }
        checkIns.append(CheckIn(kind: .wrapUp, number: checkIns.count + 1, day: wrapUp))
        return checkIns
    }
}
