import Foundation

/// The version of a plan already in an output folder, or named with `--since`.
public struct PreviousVersion: Sendable {
    /// Its `plan.json` as written, kept as `plan.previous.json` when the plan changes.
    public var json: Data
    /// Its `plan.previous.json`, carried over while the plan stays the same.
    public var olderJSON: Data?
    /// The decoded plan, or nil when `json` is not a plan Kickoff can read.
    public var plan: Plan?
    /// Where it was read from, for messages: the output folder's `plan.json` or the `--since` file.
    public var source: String
    /// Whether the user named it (`--since`): then a plan of another account is an error, not a warning.
    public var named: Bool

    /// A version read from `source`; `named` when the user named it with `--since`.
    public init(json: Data, olderJSON: Data? = nil, source: String, named: Bool = false) {
        self.json = json
        self.olderJSON = olderJSON
        self.source = source
        self.named = named
        plan = try? PlanJSON.decode(json)
    }

    /// The version in an account's output folder, whose `plan.json` is `json` (its `plan.previous.json` is read
    /// here).
    public init(folder: String, json: Data) {
        self.init(json: json, olderJSON: FileManager.default.contents(atPath: folder + "/plan.previous.json"), source: folder + "/plan.json")
    }

    /// This version when it is a plan of the same profile and account, nil when it is one Kickoff cannot read or
    /// one of another account (with a warning saying so). A folder written from another profile file is never
    /// taken over, and a named `--since` plan of another account is refused: both throw.
    func checked(for profile: AccountProfile, warnings: inout [Warning]) throws -> PreviousVersion? {
        guard let old = plan else { return self }
        let profileName = (profile.file as NSString).lastPathComponent
        if let oldProfile = old.profile, oldProfile != profileName, !named {
            let folder = (source as NSString).deletingLastPathComponent
            throw KickoffError(file: profile.file, problem: "would be written to \(folder)/, which holds the plan of another profile, \(Excerpt.quoted(oldProfile)) (account \(Excerpt.quoted(old.account)))",
                               fix: "rename one of the two profile files so their names differ in letters or digits, or build into another --out")
        }
        guard old.account == profile.account, old.profile == nil || old.profile == profileName else {
            let problem = "\(source) is the plan of account \(Excerpt.quoted(old.account))\(old.profile.map { " (\(Excerpt.quoted($0)))" } ?? ""), not of \(Excerpt.quoted(profile.account))"
            if named { throw KickoffError(file: profile.file, problem: problem, fix: "name this account's own plan.json with --since") }
            warnings.append(Warning(file: profile.file, message: problem + "; the handout does not compare with it, and it is not kept"))
            return nil
        }
        return self
    }
}
