import Foundation
import Testing
@testable import KickoffKit

/// A guide may show screenshots: an image beside the flow is embedded in the handout as a `data:` URI (plan.md
/// keeps the relative link); anything else is refused with the flow's line.
@Suite("Images in guides")
struct GuideImageTests {
    static let png = FlowFileTests.png

    func workspace(guide: String, files: [String: Data] = [:]) throws -> URL {
        let folder = try CommandLineTests().temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("flows/images"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try ("product: P\nphases:\n  - id: a\n    title: A\nsteps:\n  - id: s\n    title: S\n    phase: a\n    required: true\n    guide: |\n" + guide)
            .write(to: folder.appendingPathComponent("flows/p.yaml"), atomically: true, encoding: .utf8)
        try "account: A\nflow: p\nstart: 2026-12-01\n".write(to: folder.appendingPathComponent("plans/a.yaml"), atomically: true, encoding: .utf8)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent("flows/\(name)")) }
        return folder
    }

    func build(_ folder: URL) throws -> AccountBuild {
        try Pipeline(templates: Fixtures.templates).build(profileAt: folder.appendingPathComponent("plans/a.yaml").path)
    }

    func message(_ folder: URL) -> String? {
        Fixtures.message { _ = try build(folder) }?.replacingOccurrences(of: folder.path + "/", with: "")
    }

    @Test func anImageBesideTheFlowIsEmbeddedAndPlanMarkdownKeepsTheLink() throws {
        let folder = try workspace(guide: "      1. Open **Settings**.\n\n         ![The settings page](images/settings.png)\n", files: ["images/settings.png": Self.png])
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = try build(folder)
        #expect(built.files["plan.html"]!.contains("<img src=\"data:image/png;base64,\(Self.png.base64EncodedString())\" alt=\"The settings page\" />"))
        #expect(!built.files["plan.html"]!.contains("src=\"images/"))
        #expect(built.files["plan.md"]!.contains("![The settings page](images/settings.png)"))
    }

    @Test("Images that cannot be embedded are refused with the flow's line", arguments: [
        ("      See ![x](images/missing.png)\n", [String: Data](), "flows/p.yaml:11: steps[0].guide: \"images/missing.png\" does not exist; check the path; it is relative to the flow file"),
        ("      See ![x](../secret.png)\n", [:], "flows/p.yaml:11: steps[0].guide: \"../secret.png\" leads outside the flow's folder (flows/), directly or through a link; keep images and logos inside the flow's folder, as regular files"),
        ("      See ![x](images/big.png)\n", ["images/big.png": FlowFileTests.png + Data(count: 1024 * 1024)], "flows/p.yaml:11: steps[0].guide: \"images/big.png\" is 1024 KiB; use an image of at most 1024 KiB"),
        ("      See ![x](images/text.png)\n", ["images/text.png": Data("not an image".utf8)], "flows/p.yaml:11: steps[0].guide: \"images/text.png\" is not a PNG, JPEG, GIF, WebP or SVG image; name an image file"),
        ("      See ![x](<images/a b.png>)\n", [:], "flows/p.yaml:11: steps[0].guide: the image path \"images/a b.png\" is not a plain relative path; name images relative to the flow file with letters, digits, -, _, . and /, like images/settings.png"),
    ])
    func refused(_ guide: String, _ files: [String: Data], _ expected: String) throws {
        let folder = try workspace(guide: guide, files: files)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(message(folder) == expected)
    }

    @Test func aHandoutCarriesAtMostFiveMebibytesOfImages() throws {
        var files: [String: Data] = [:]
        var guide = ""
        for index in 1...6 {
            files["images/\(index).png"] = Self.png + Data(count: 900 * 1024)
            guide += "      ![\(index)](images/\(index).png)\n\n"
        }
        let folder = try workspace(guide: guide, files: files)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(message(folder)?.hasPrefix("flows/p.yaml: steps: the images of this account's guides add up to 54") == true)
    }

    @Test func theSampleFlowShowsAScreenshot() throws {
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: "plans/acme-outdoor.yaml".relativeToRoot)
        #expect(build.files["plan.html"]!.contains("<img src=\"data:image/png;base64,"))
        #expect(build.files["plan.html"]!.contains("alt=\"The Sending domains page: one record verified, two waiting for DNS\""))
    }
}
