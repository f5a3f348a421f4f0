import Foundation
import KickoffKit

/// kickoff-bench: in-process figures for `make bench` (bench/run.sh prints them beside whole-process ones).
///
///   kickoff-bench pipeline PROFILE TEMPLATES   one account end to end (flow already loaded) vs libcmark alone
///   kickoff-bench scaling TEMPLATES            time per plan for flows of 100–10,000 steps and 1–1,000 goals
///   kickoff-bench book N DIR                   writes N generated profiles (and the sample flows) for the book run

/// Median seconds per run of `body`, over enough runs to fill about `budget` seconds (at least 5).
func median(budget: Double = 2, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    let clock = ContinuousClock()
    let started = clock.now
    repeat {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    } while times.count < 5 || (clock.now - started) < .seconds(budget)
    times.sort()
    return times[times.count / 2]
}

func format(_ seconds: Double) -> String {
    seconds < 1e-3 ? String(format: "%.1f µs", seconds * 1e6) : seconds < 1 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.2f s", seconds)
}

/// Least-squares slope of log(time) against log(size): the exponent k in time ~ size^k.
func fittedExponent(_ points: [(Double, Double)]) -> Double {
    let xs = points.map { log($0.0) }, ys = points.map { log($0.1) }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    let num = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
    let den = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
    return num / den
}

func pipeline(profilePath: String, templatesPath: String) throws {
    let templates = try Templates.load(from: templatesPath)
    let pipeline = Pipeline(templates: templates)
    let profileData = FileManager.default.contents(atPath: profilePath)!
    let (profile, _) = try ProfileLoader.load(contents: profileData, file: profilePath)
    let flow = try pipeline.loadFlow(for: profile, localized: true)
    var markdown = ""
    let whole = try median {
        let (profile, _) = try ProfileLoader.load(contents: profileData, file: profilePath)
        let (plan, _) = try PlanBuilder.build(profile: profile, flow: flow)
        let files = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: templates)
        markdown = files["plan.md"]!
    }
    if ProcessInfo.processInfo.environment["KICKOFF_BENCH_PIPELINE_ONLY"] != nil { print("pipeline.one_account_seconds \(whole)"); return }
    let cmark = median { _ = CommonMark.html(from: markdown) }
    print("pipeline.one_account_seconds \(whole)")
    print("pipeline.cmark_only_seconds \(cmark)")
    print("pipeline.markdown_bytes \(markdown.utf8.count)")
    FileManager.default.createFile(atPath: ".build/bench/plan.md", contents: Data(markdown.utf8))
}

/// A flow of `count` steps over four phases; each step waits on one or two earlier ones; every step is required.
func syntheticFlow(steps count: Int, goals: Int = 1) -> Data {
    var yaml = "product: Bench\nphases:\n  - {id: setup, title: Set up}\n  - {id: first-value, title: First value}\n  - {id: habit, title: Habit}\n  - {id: indispensable, title: Indispensable}\nsteps:\n"
    let phases = ["setup", "first-value", "habit", "indispensable"]
    for index in 0..<count {
        var after: [String] = []
        if index > 0 { after.append("s\(index / 2)") }
        if index > 3 { after.append("s\(index - 3)") }
        yaml += "  - id: s\(index)\n    title: Step \(index)\n    phase: \(phases[index * 4 / count])\n    required: true\n"
        yaml += "    effort: \([15, 30, 60, 120][index % 4])m\n    serves: [g\(index % goals)]\n"
        if !after.isEmpty { yaml += "    after: [\(Array(Set(after)).sorted().joined(separator: ", "))]\n" }
        yaml += "    value: Why step \(index) **matters**.\n    guide: |\n      1. Open **Settings**.\n      2. Do `thing \(index)`.\n"
    }
    return Data(yaml.utf8)
}

/// A flow of `count` required steps that wait on nothing: the scheduler spreads them at the account's pace.
func independentFlow(steps count: Int) -> Data {
    var yaml = "product: Bench\nphases:\n  - {id: setup, title: Set up}\nsteps:\n"
    for index in 0..<count { yaml += "  - {id: s\(index), title: Step \(index), phase: setup, required: true}\n" }
    return Data(yaml.utf8)
}

func syntheticProfile(goals: Int) -> Data {
    var yaml = "account: Bench Co.\nflow: bench\nstart: 2026-12-01\npace: 3\nholidays: [2026-12-24, 2026-12-25]\ngoals:\n"
    for index in 0..<goals { yaml += "  - {id: g\(index), text: Goal \(index), by: 8w, measure: Measure \(index)}\n" }
    return Data(yaml.utf8)
}

func scaling(templatesPath: String) throws {
    let templates = try Templates.load(from: templatesPath)
    var stepPoints: [(Double, Double)] = []
    for count in [100, 1_000, 10_000] {
        let flowData = syntheticFlow(steps: count)
        let profileData = syntheticProfile(goals: 1)
        let flow = try FlowLoader.load(contents: flowData, file: "flows/bench.yaml")
        let (profile, _) = try ProfileLoader.load(contents: profileData, file: "plans/bench.yaml")
        let planOnly = try median(budget: 1) { _ = try PlanBuilder.build(profile: profile, flow: flow) }
        let whole = try median(budget: 1) {
            let (plan, _) = try PlanBuilder.build(profile: profile, flow: flow)
            _ = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: templates)
        }
        print("scaling.steps.\(count).plan_seconds \(planOnly)")
        print("scaling.steps.\(count).plan_and_render_seconds \(whole)")
        stepPoints.append((Double(count), whole))
    }
    print("scaling.steps.exponent \(fittedExponent(stepPoints))")
    var independentPoints: [(Double, Double)] = []
    for count in [1_000, 2_500, 5_000, 10_000] {
        let flow = try FlowLoader.load(contents: independentFlow(steps: count), file: "flows/bench.yaml")
        let (profile, _) = try ProfileLoader.load(contents: syntheticProfile(goals: 1), file: "plans/bench.yaml")
        let planOnly = try median(budget: 1) { _ = try PlanBuilder.build(profile: profile, flow: flow) }
        print("scaling.independent.\(count).plan_seconds \(planOnly)")
        independentPoints.append((Double(count), planOnly))
    }
    print("scaling.independent.exponent \(fittedExponent(independentPoints))")
    var goalPoints: [(Double, Double)] = []
    let flowData = syntheticFlow(steps: 1_000, goals: 1_000)
    let flow = try FlowLoader.load(contents: flowData, file: "flows/bench.yaml")
    for goals in [1, 10, 100, 1_000] {
        let (profile, _) = try ProfileLoader.load(contents: syntheticProfile(goals: goals), file: "plans/bench.yaml")
        let whole = try median(budget: 1) {
            let (plan, _) = try PlanBuilder.build(profile: profile, flow: flow)
            _ = try Pipeline.render(plan: plan, profile: profile, flow: flow, templates: templates)
        }
        print("scaling.goals.\(goals).plan_and_render_seconds \(whole)")
        goalPoints.append((Double(goals), whole))
    }
    print("scaling.goals.exponent \(fittedExponent(goalPoints))")
}

/// N varied profiles on the sample flows: different personas, goals, cadences, calendars and languages.
func book(count: Int, into folder: String) throws {
    let plans = folder + "/plans"
    try FileManager.default.createDirectory(atPath: plans, withIntermediateDirectories: true)
    let experiences = ["beginner", "intermediate", "expert"], cadences = ["daily", "twice-weekly", "weekly", "biweekly"]
    let locales = ["en", "en", "cs", "zh-Hans"]
    for index in 0..<count {
        let email = index % 2 == 0
        let yaml = """
        account: Account \(index) Ltd.
        flow: \(email ? "emailsaurus" : "deskpilot")
        start: 2026-12-\(String(format: "%02d", [1, 2, 3, 7, 8][index % 5]))
        locale: \(locales[index % 4])
        timezone: Europe/Prague
        contact: {name: Contact \(index), email: contact\(index)@customer.example}
        csm: {name: CSM \(index % 17), email: csm\(index % 17)@vendor.example}
        persona: {role: \(email ? "marketer" : "support-lead"), experience: \(experiences[index % 3]), team_size: \(1 + index % 40)}
        pain_points:
          - {id: \(email ? "low-open-rates" : "slow-response"), text: Pain point \(index)}
          - {id: \(email ? "scattered-contacts" : "lost-emails"), text: Another pain \(index)}
        goals:
          - {id: \(email ? "first-campaign" : "faster-response"), text: Goal \(index), by: \(2 + index % 4)w, measure: Measure \(index)}
          - {id: \(email ? "engagement" : "one-inbox"), text: Second goal \(index), by: 6w}
        cadence: \(cadences[index % 4])
        pace: \(1 + index % 2)
        holidays: [2026-12-24, 2026-12-25, 2026-12-31, 2027-01-01]
        notes: Welcome aboard, account \(index).
        """
        try yaml.write(toFile: String(format: "%@/account-%05d.yaml", plans, index), atomically: false, encoding: .utf8)
    }
}

/// N copies of one profile with only `account:` changed (the book the performance targets are stated for).
func copies(count: Int, into folder: String, of profilePath: String) throws {
    let plans = folder + "/plans"
    try FileManager.default.createDirectory(atPath: plans, withIntermediateDirectories: true)
    let text = try String(contentsOfFile: profilePath, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<count {
        let copy = lines.map { $0.hasPrefix("account:") ? "account: Account \(index) Ltd." : String($0) }.joined(separator: "\n")
        try copy.write(toFile: String(format: "%@/account-%05d.yaml", plans, index), atomically: false, encoding: .utf8)
    }
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "pipeline": try pipeline(profilePath: arguments[2], templatesPath: arguments[3])
    case "scaling": try scaling(templatesPath: arguments[2])
    case "book": try book(count: Int(arguments[2])!, into: arguments[3])
    case "copies": try copies(count: Int(arguments[2])!, into: arguments[3], of: arguments[4])
    default:
        print("usage: kickoff-bench pipeline PROFILE TEMPLATES | scaling TEMPLATES | book N DIR | copies N DIR PROFILE")
        exit(2)
    }
} catch {
    print("kickoff-bench: \(error)")
    exit(1)
}
