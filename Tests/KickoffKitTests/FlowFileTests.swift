import Foundation
import Testing
@testable import KickoffKit

/// Files a flow names (its logo) are read only from inside the flow's folder, only as regular files, and only when
/// their content is an image; a flow found by name never leads out of the flows folder.
@Suite("Files a flow names")
struct FlowFileTests {
    /// A folder with `flows/p.yaml` whose logo is `logo`, and `plans/a.yaml` on that flow.
    func workspace(logo: String) throws -> URL {
        let folder = try CommandLineTests().temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("flows/brand"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try "product: P\nbrand:\n  logo: \(logo)\nphases:\n  - id: a\n    title: A\nsteps:\n  - id: s\n    title: S\n    phase: a\n    required: true\n"
            .write(to: folder.appendingPathComponent("flows/p.yaml"), atomically: true, encoding: .utf8)
        try "account: A\nflow: p\nstart: 2026-12-01\n".write(to: folder.appendingPathComponent("plans/a.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func logoError(_ logo: String, prepare: (URL) throws -> Void) throws -> String? {
        let folder = try workspace(logo: logo)
        defer { try? FileManager.default.removeItem(at: folder) }
        try prepare(folder)
        return Fixtures.message {
            _ = try Pipeline(templates: Fixtures.templates).build(profileAt: folder.appendingPathComponent("plans/a.yaml").path)
        }.map { $0.replacingOccurrences(of: folder.path + "/", with: "") }
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    @Test func aLogoOutsideTheFlowsFolderIsRefused() throws {
        let message = try logoError("../secret.png") { folder in
            try "db_password=hunter2\n".write(to: folder.appendingPathComponent("secret.png"), atomically: true, encoding: .utf8)
        }
        #expect(message == "flows/p.yaml:3: brand.logo: \"../secret.png\" leads outside the flow's folder (flows/), directly or through a link; keep images and logos inside the flow's folder, as regular files")
    }

    @Test func aLinkLeadingOutOfTheFlowsFolderIsRefused() throws {
        let message = try logoError("brand/x.png") { folder in
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("flows/brand/x.png").path, withDestinationPath: "/etc/passwd")
        }
        #expect(message == "flows/p.yaml:3: brand.logo: \"brand/x.png\" leads outside the flow's folder (flows/), directly or through a link; keep images and logos inside the flow's folder, as regular files")
    }

    @Test func aLogoThatIsNotAnImageIsRefused() throws {
        let message = try logoError("brand/x.png") { folder in
            try "not an image\n".write(to: folder.appendingPathComponent("flows/brand/x.png"), atomically: true, encoding: .utf8)
        }
        #expect(message == "flows/p.yaml:3: brand.logo: \"brand/x.png\" is not a PNG, JPEG, GIF, WebP or SVG image; name an image file")
    }

    @Test func aFolderNamedAsLogoIsRefused() throws {
        let message = try logoError("brand/x.png") { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("flows/brand/x.png"), withIntermediateDirectories: true)
        }
        #expect(message == "flows/p.yaml:3: brand.logo: \"brand/x.png\" is not a regular file; name an image file")
    }

    @Test func anImageIsTypedByItsContentNotItsName() throws {
        let folder = try workspace(logo: "brand/x.svg")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.png.write(to: folder.appendingPathComponent("flows/brand/x.svg"))
        let build = try Pipeline(templates: Fixtures.templates).build(profileAt: folder.appendingPathComponent("plans/a.yaml").path)
        #expect(build.files["plan.html"]!.contains("data:image/png;base64,\(Self.png.base64EncodedString())"))
    }

    @Test("SVGs that could run or load something are refused", arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "contains a <script> element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "has an event attribute (onload)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://tracker.example/p.png\"/></svg>",
         "refers to another file or address (xlink:href)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://x.example/a.css);</style></svg>", "has a style that loads something (url or @import)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://x.example/p)\"/></svg>", "has a style that loads something (url or @import)"),
        ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg>&x;</svg>", "declares a document type or entities"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p>hi</p></foreignObject></svg>", "contains a <foreignobject> element"),
    ])
    func hostileSVG(_ svg: String, _ problem: String) throws {
        let message = try logoError("brand/x.svg") { folder in
            try svg.write(to: folder.appendingPathComponent("flows/brand/x.svg"), atomically: true, encoding: .utf8)
        }
        #expect(message == "flows/p.yaml:3: brand.logo: \"brand/x.svg\" is an SVG that \(problem); export it as a plain SVG (no scripts, event handlers or external references) or as PNG")
    }

    @Test func theSampleLogoIsAPlainSVG() throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("flows/brand/emailsaurus.svg"))
        #expect(FlowAsset.looksLikeSVG(data))
        #expect(SVGCheck.problem(in: data) == nil)
    }

    @Test func aFlowFoundByNameNeverLeadsOutOfTheFlowsFolder() throws {
        let folder = try workspace(logo: "brand/x.png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("elsewhere.yaml")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("flows/p.yaml"), to: outside)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("flows/linked.yaml").path, withDestinationPath: outside.path)
        try "account: A\nflow: linked\nstart: 2026-12-01\n".write(to: folder.appendingPathComponent("plans/a.yaml"), atomically: true, encoding: .utf8)
        let message = Fixtures.message {
            _ = try Pipeline(templates: Fixtures.templates).build(profileAt: folder.appendingPathComponent("plans/a.yaml").path)
        }?.replacingOccurrences(of: folder.path + "/", with: "")
        #expect(message == "plans/a.yaml:2: flow: flows/linked.yaml is a link to a file outside the flows folder (flows/); copy the flow into that folder, or name the file with --flow")
    }
    /// On Linux a file name is bytes: `café` written with a precomposed `é` and with `e` and a combining accent are
    /// two files. A pipeline that reads both keeps them apart, though `String` takes the two names for equal.
    @Test func flowsWhoseNamesDifferOnlyInUnicodeFormAreTwoFlows() throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("flows"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let names = ["caf\u{E9}", "cafe\u{301}"], products = ["Composed", "Decomposed"]
        for (index, name) in names.enumerated() {
            try "product: \(products[index])\nphases:\n  - id: a\n    title: A\nsteps:\n  - id: s\n    title: S\n    phase: a\n    required: true\n"
                .write(toFile: folder.path + "/flows/" + name + ".yaml", atomically: true, encoding: .utf8)
            try "account: A\(index)\nflow: ../flows/\(name).yaml\nstart: 2026-12-01\n"
                .write(toFile: folder.path + "/plans/a\(index).yaml", atomically: true, encoding: .utf8)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/flows").count == 2)
        let pipeline = Pipeline(templates: Fixtures.templates)
        for index in names.indices {
            let build = try pipeline.build(profileAt: folder.path + "/plans/a\(index).yaml")
            #expect(build.plan.product == products[index])
        }
    }
}
