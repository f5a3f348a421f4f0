import Foundation

/// One input through the whole pipeline, in memory: for fuzzing and for tests that feed arbitrary bytes.
/// Not part of the library's API (`@_spi(Fuzzing)`): only the fuzz target imports it.
@_spi(Fuzzing) public enum FuzzEntry {
    /// How one input ended.
    public enum Outcome {
        case built
        case refused(KickoffError)
        /// An error that is not a KickoffError escaped: a bug.
        case unexpected(String)
    }

    /// Loads `profile` against `flow` (both raw bytes), builds and renders the plan. Any failure must be a KickoffError.
    public static func run(profile: Data, flow: Data, templates: Templates) -> Outcome {
        do {
            let (loadedProfile, _) = try ProfileLoader.load(contents: profile, file: "plans/fuzz.yaml")
            let loadedFlow = try FlowLoader.load(contents: flow, file: "flows/fuzz.yaml").localized(for: loadedProfile.locale)
            _ = FlowLoader.warnings(for: loadedFlow)
            let (plan, _) = try PlanBuilder.build(profile: loadedProfile, flow: loadedFlow, asOf: loadedProfile.start.adding(days: 9))
            _ = try Pipeline.render(plan: plan, profile: loadedProfile, flow: loadedFlow, templates: templates)
            return .built
        } catch let error as KickoffError {
            return .refused(error)
        } catch {
            return .unexpected("\(error)")
        }
    }
}
