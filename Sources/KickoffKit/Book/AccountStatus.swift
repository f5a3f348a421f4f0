import Foundation

/// Where one account of the book stands on a day, measured against the plan the customer holds (its
/// `plan.json` as last built) and the progress recorded in its profile since.
public struct AccountStatus: Sendable, Equatable {
    /// Where a goal stands on the day.
    public enum GoalState: String, Sendable, Codable {
        case reached
        case onTrack = "on-track"
        case atRisk = "at-risk"
        /// Its target day has passed and it is not reached.
        case missed
    }

    /// The profile file, as named.
    public var profile: String
    /// The account's name.
    public var account: String
    /// The day the status is for.
    public var asOf: Day
    /// Steps done, and in the plan.
    public var done: Int, total: Int
    /// The next step not done: its number in the plan, title and planned day.
    public var next: (number: Int, title: String, day: Day)?
    /// Steps whose planned end has passed (by at least one working day) and that are not done.
    public var overdue: Int
    /// The most working days any overdue step is late by.
    public var worstLateness: Int
    /// Each goal's state on the day, in profile order.
    public var goals: [GoalState]
    /// The next check-in on or after the day.
    public var nextCheckIn: Day?
    /// The most working days a step not done starts later than in the first version the customer received.
    public var slip: Int = 0
    /// How many steps not done start later than in that first version.
    public var slipped: Int = 0
    /// The last day a step was recorded done, if one was.
    public var lastProgress: Day?

    /// Calendar days from the last recorded progress (or from the start, when there is none yet) to the day.
    public var daysSinceProgress: Int { max(0, asOf.ordinal - (lastProgress ?? startDay ?? asOf).ordinal) }
    /// The plan's first day.
    public var startDay: Day?
    /// The day `plan.json` was last written, or nil when the account was never built.
    public var lastBuilt: Day?

    /// Goals in a state.
    public func count(_ state: GoalState) -> Int { goals.filter { $0 == state }.count }

    /// How much the account needs the CSM now: never built first, then missed goals, lateness, slip from the
    /// first version, overdue steps, goals at risk. Higher is more urgent.
    public var attention: Int {
        guard lastBuilt != nil else { return 1_000_000 }
        return count(.missed) * 1_000 + worstLateness * 20 + slip * 10 + overdue * 5 + count(.atRisk) * 3
    }

    /// Statuses are equal when every figure shown is.
    public static func == (lhs: AccountStatus, rhs: AccountStatus) -> Bool {
        lhs.profile == rhs.profile && lhs.account == rhs.account && lhs.asOf == rhs.asOf && lhs.done == rhs.done && lhs.total == rhs.total
            && lhs.next?.number == rhs.next?.number && lhs.next?.day == rhs.next?.day && lhs.overdue == rhs.overdue
            && lhs.worstLateness == rhs.worstLateness && lhs.goals == rhs.goals && lhs.nextCheckIn == rhs.nextCheckIn && lhs.lastBuilt == rhs.lastBuilt
            && lhs.slip == rhs.slip && lhs.slipped == rhs.slipped && lhs.lastProgress == rhs.lastProgress
    }

    /// The status of an account whose plan as last built is `plan`, with `progress` recorded in its profile now.
    public init(profile: String, plan: Plan, progress: [Progress], asOf: Day, lastBuilt: Day?) {
        self.profile = profile
        account = plan.account
        self.asOf = asOf
        self.lastBuilt = lastBuilt
        let recorded = Set(progress.filter { $0.day <= asOf }.map(\.step))
        let isDone = { (step: PlannedStep) in step.done || recorded.contains(step.id) }
        total = plan.steps.count
        // (Counted and mapped without `filter`, which would copy each step into a new array.)
        done = plan.steps.reduce(0) { $0 + (isDone($1) ? 1 : 0) }
        next = plan.steps.enumerated().first { !isDone($0.element) }.map { ($0.offset + 1, $0.element.title, $0.element.start) }
        let calendar = plan.calendar
        let late = plan.steps.compactMap { !isDone($0) && $0.end < asOf ? calendar.workingDaysBetween($0.end, asOf) : nil }.filter { $0 >= 1 }
        overdue = late.count
        worstLateness = late.max() ?? 0
        goals = plan.goals.map { goal in
            let steps = plan.steps.compactMap { goal.steps.contains($0.id) ? (done: isDone($0), end: $0.end) : nil }
            if !steps.isEmpty, steps.allSatisfy(\.done) { return .reached }
            if let by = goal.by, by < asOf { return .missed }
            if goal.status == .atRisk { return .atRisk }
            // Steps running late push the goal's milestone: late past its target day puts it at risk.
            if let by = goal.by, let end = steps.compactMap({ $0.done ? nil : $0.end }).max() {
                let pushed = calendar.adding(workingDays: late.max() ?? 0, to: end)
                if pushed > by { return .atRisk }
            }
            return .onTrack
        }
        nextCheckIn = plan.checkIns.first { $0.day >= asOf }?.day
        startDay = plan.start
        let moves = plan.steps.compactMap { step in isDone(step) ? nil : step.baseline.map { calendar.workingDaysBetween($0, step.start) } }.filter { $0 > 0 }
        slip = moves.max() ?? 0
        slipped = moves.count
        lastProgress = (progress.filter { $0.day <= asOf }.map(\.day) + plan.steps.compactMap { $0.done ? $0.end : nil }).max()
    }

    /// An account with no plan built yet.
    public init(profile: String, account: String, asOf: Day) {
        self.profile = profile
        self.account = account
        self.asOf = asOf
        done = 0
        total = 0
        overdue = 0
        worstLateness = 0
        goals = []
        lastBuilt = nil
    }
}

/// One account of the book as Kickoff finds it: what its profile says now, and its plan as last built.
public struct BookEntry: Sendable {
    /// The profile file, as named.
    public var path: String
    /// The account's name.
    public var account: String
    /// The contact's name, when the profile names one.
    public var contact: String?
    /// The kickoff day.
    public var start: Day
    /// The progress recorded in the profile.
    public var progress: [Progress]
    /// The plan as last built, or nil when the account was never built.
    public var plan: Plan?
    /// The day `plan.json` was last written.
    public var lastBuilt: Day?
    /// The day it is for this account.
    public var asOf: Day

    /// Where the account stands.
    public var status: AccountStatus {
        guard let plan else { return AccountStatus(profile: path, account: account, asOf: asOf) }
        return AccountStatus(profile: path, plan: plan, progress: progress, asOf: asOf, lastBuilt: lastBuilt)
    }
}

/// The book: every account's profile and plan as last built, and what follows from them.
public enum Book {
    /// How the rows are ordered.
    public enum Order: String, CaseIterable, Sendable {
        case attention, name, start
    }

    /// Each profile (read in parallel, in the order given) with `<out>/<slug>/plan.json`; `asOf` gives each
    /// account's day. Profiles that cannot be read are errors, one per profile.
    public static func entries(of profiles: [String], out: String, asOf: AsOf) -> (entries: [BookEntry], errors: [KickoffError]) {
        map(profiles, out: out, asOf: asOf) { $0 }
    }

    /// What `transform` makes of each entry, made on the worker that read it: the book's profiles and plans are
    /// never all in memory at once.
    public static func map<Paths: RandomAccessCollection<String> & Sendable, T: Sendable>(_ profiles: Paths, out: String, asOf: AsOf, _ transform: @escaping @Sendable (BookEntry) -> T) -> (entries: [T], errors: [KickoffError]) where Paths.Index == Int {
        let slots = Slots<Result<T, KickoffError>>(count: profiles.count)
        DispatchQueue.concurrentPerform(iterations: profiles.count) { index in
            let path = profiles[index]
            do {
                let bytes = try FilePaths.readInput(path)
                let folder = FilePaths.join(out, Slug.make(fromFileAt: path))
                var plan: Plan?, lastBuilt: Day?
                if let data = PlanJSON.data(inFolder: folder), let built = try? PlanJSON.decode(data) {
                    var info = stat()
                    plan = built
                    lastBuilt = stat(folder + "/plan.json", &info) == 0 ? Day(ordinal: Int(info.st_mtim.tv_sec) / 86_400) : nil
                }
                let entry: BookEntry
                if let plan, let digest = plan.summary?.profileDigest, digest == Self.digest(of: bytes) {
                    // The profile is byte for byte the one the plan was built from: its progress is in the plan.
                    entry = BookEntry(path: path, account: plan.account, contact: plan.summary?.contact, start: plan.start, progress: [],
                                      plan: plan, lastBuilt: lastBuilt, asOf: asOf.day(in: plan.timezone) ?? plan.start)
                } else {
                    let (profile, _) = try ProfileLoader.load(contents: bytes, file: path)
                    entry = BookEntry(path: path, account: profile.account, contact: profile.contact?.name, start: profile.start,
                                      progress: profile.progress, plan: plan, lastBuilt: lastBuilt,
                                      asOf: asOf.day(in: profile.timezone) ?? profile.start)
                }
                slots[index] = .success(transform(entry))
            } catch let error as KickoffError {
                slots[index] = .failure(error)
            } catch {
                slots[index] = .failure(KickoffError(file: path, problem: "could not be read: \(error.localizedDescription)"))
            }
        }
        var entries: [T] = []
        var errors: [KickoffError] = []
        for result in slots.values {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let error): errors.append(error)
            case nil: break
            }
        }
        return (entries, errors)
    }

    /// The digest of a profile's bytes that its plan records, to know it has not changed since.
    static func digest(of bytes: Data) -> String {
        var digest = Digest()
        digest.add(bytes)
        return digest.hex
    }

    /// The status of each profile, sorted.
    public static func status<Paths: RandomAccessCollection<String> & Sendable>(of profiles: Paths, out: String, asOf: AsOf, order: Order) -> (rows: [AccountStatus], errors: [KickoffError]) where Paths.Index == Int {
        var (rows, errors) = map(profiles, out: out, asOf: asOf) { ($0.status, $0.plan?.start ?? $0.start) }
        switch order {
        case .attention: rows.sort { ($0.0.attention, $1.0.account) > ($1.0.attention, $0.0.account) }
        case .name: rows.sort { $0.0.account.localizedStandardCompare($1.0.account) == .orderedAscending }
        case .start: rows.sort { ($0.1, $0.0.account) < ($1.1, $1.0.account) }
        }
        return (rows.map(\.0), errors)
    }
}
