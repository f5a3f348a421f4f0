import Foundation
import Testing
@testable import KickoffKit

/// The sample accounts' outputs, byte for byte. Refresh after an intended change with `make golden`,
/// then review the difference with `git diff Tests/KickoffKitTests/Golden`.
@Suite("Golden files for the sample plans")
struct GoldenTests {
    static let goldenFolder = Fixtures.root.appendingPathComponent("Tests/KickoffKitTests/Golden")
    static let updating = ProcessInfo.processInfo.environment["KICKOFF_UPDATE_GOLDEN"] == "1"

    static var samples: [String] {
        let plans = Fixtures.root.appendingPathComponent("plans").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: plans)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func thereAreSamplesToCheck() {
        #expect(Self.samples.count >= 4)
    }

    @Test("Sample outputs match their golden files", arguments: samples)
    func sampleMatchesGolden(_ sample: String) throws {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/\(sample)".relativeToRoot)
        let folder = Self.goldenFolder.appendingPathComponent(build.slug)
        if Self.updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, contents) in build.files { try Data(contents.utf8).write(to: folder.appendingPathComponent(name)) }
            return
        }
        for (name, contents) in build.files.sorted(by: { $0.key < $1.key }) {
            let path = folder.appendingPathComponent(name).path
            guard let golden = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
                Issue.record("missing golden file \(path); run make golden")
                continue
            }
            #expect(contents == golden, "\(build.slug)/\(name) differs from its golden file: \(firstDifference(contents, golden))")
        }
    }

    /// The first line where two texts differ, for a readable failure.
    func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let a = index < actualLines.count ? actualLines[index] : "<end>"
            let e = index < expectedLines.count ? expectedLines[index] : "<end>"
            if a != e { return "line \(index + 1): got «\(a)», expected «\(e)»" }
        }
        return "no line differs"
    }
}

extension String {
    /// A path inside the package.
    var relativeToRoot: String { Fixtures.root.appendingPathComponent(self).path }
}
