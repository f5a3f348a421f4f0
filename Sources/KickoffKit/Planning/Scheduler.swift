/// Step 3: days for each step on the account's working calendar, at the account's pace.
struct Scheduler {
    let calendar: WorkingCalendar
    /// New customer tasks allowed per working day.
    let pace: Int
    /// No remaining work is scheduled before this day.
    let firstDay: Day

    /// A step's days and why it starts on its first.
    typealias Slot = (start: Day, end: Day, why: ScheduleReason)

    /// Schedules the steps at `ordered` (places in `flow.steps`, in dependency order); done steps (`done`, by place)
    /// keep the day they were done. The result has a slot for each scheduled place.
    func schedule(_ ordered: [Int], in flow: ProductFlow, done: [Day?]) -> [Slot?] {
        var result = [Slot?](repeating: nil, count: flow.steps.count)
        var capacity = PaceLedger(pace: pace)
        // Days with work already done are taken before anything new is placed, whatever order the steps come in.
        for position in ordered where flow.steps[position].owner.countsTowardPace {
            if let day = done[position] { capacity.take(day) }
        }

        for position in ordered {
            if let day = done[position] {
                result[position] = (day, day, ScheduleReason(earliest: day, prerequisite: nil, wait: 0, paceLimited: false, skipped: []))
                continue
            }
            // Earliest: the working day after each prerequisite ends, plus that prerequisite's wait.
            var earliest = calendar.workingDay(onOrAfter: firstDay)
            var binding: Int?
            var bindingEnd = firstDay.adding(days: -1)
            for before in flow.prerequisitePositions[position] {
                guard let scheduled = result[before] else { continue }
                let ready = calendar.adding(workingDays: 1 + flow.steps[before].wait, to: scheduled.end)
                if ready > earliest || (ready == earliest && binding == nil) {
                    earliest = ready
                    binding = before
                    bindingEnd = scheduled.end
                }
            }
            var start = earliest
            let owner = flow.steps[position].owner
            if owner.countsTowardPace {
                start = capacity.firstOpenDay(onOrAfter: earliest, calendar: calendar)
                capacity.take(start)
            }
            let end = calendar.adding(workingDays: (flow.steps[position].effort?.workingDays ?? 1) - 1, to: start)
            let skippedFrom = binding == nil ? earliest.adding(days: -1) : bindingEnd
            let why = ScheduleReason(
                earliest: earliest,
                prerequisite: binding.map { flow.steps[$0].id },
                wait: binding.map { flow.steps[$0].wait } ?? 0,
                paceLimited: start > earliest,
                skipped: calendar.skippedDays(after: skippedFrom, before: start, limit: 31))
            result[position] = (start, end, why)
        }
        return result
    }
}

/// How many new customer tasks each day already has, with a fast way to find the next day that has room.
struct PaceLedger {
    let pace: Int
    private var taken: [Int: Int] = [:]
    /// For full days: a later day to look at next (union-find with path compression).
    private var nextCandidate: [Int: Int] = [:]

    init(pace: Int) { self.pace = pace }

    mutating func take(_ day: Day) {
        taken[day.ordinal, default: 0] += 1
        if taken[day.ordinal]! >= pace { nextCandidate[day.ordinal] = day.ordinal + 1 }
    }

    /// The first working day on or after `day` with fewer than `pace` new tasks.
    mutating func firstOpenDay(onOrAfter day: Day, calendar: WorkingCalendar) -> Day {
        var candidate = calendar.workingDay(onOrAfter: day)
        while true {
            let open = find(candidate.ordinal)
            let working = calendar.workingDay(onOrAfter: Day(ordinal: open))
            if working.ordinal == open { return working }
            // `open` is not a working day: link it to the next one, so later searches jump over it in one step
            // instead of walking every weekend and holiday between the start and the first open day again.
            nextCandidate[open] = working.ordinal
            candidate = working
        }
    }

    private mutating func find(_ ordinal: Int) -> Int {
        var root = ordinal
        while let next = nextCandidate[root] { root = next }
        var current = ordinal
        while let next = nextCandidate[current], next != root {
            nextCandidate[current] = root
            current = next
        }
        return root
    }
}
