import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A file a flow names (its logo, and images in guides): read only from inside the flow's folder, after symlinks
/// are resolved, only when it is a regular file, and only when its content is an image a handout can embed.
enum FlowAsset {
    /// An image ready to embed.
    struct Image: Equatable {
        /// Its media type, from its content (never from its name).
        var mediaType: String
        var data: Data

        /// A `data:` URI for `<img src>`.
        var dataURI: String { "data:\(mediaType);base64,\(data.base64EncodedString())" }
    }

    /// Reads the image at `relative` (a path relative to the flow file). `fail` makes the error for a problem and
    /// its fix, so the message names the flow's file, line and field.
    static func image(at relative: String, besideFlow flowFile: String, maxBytes: Int,
                      fail: (_ problem: String, _ fix: String) -> KickoffError) throws -> Image {
        let folder = (flowFile as NSString).deletingLastPathComponent
        let shown = Excerpt.quoted(relative, limit: 80)
        guard !relative.hasPrefix("/"), !relative.contains("://") else {
            throw fail("\(shown) is not a path inside the flow's folder", "put the file beside the flow and name it relative to the flow file")
        }
        let path = FilePaths.join(folder.isEmpty ? "." : folder, relative)
        guard FilePaths.isInside(path, folder: folder.isEmpty ? "." : folder) else {
            throw fail("\(shown) leads outside the flow's folder (\(folder.isEmpty ? "." : folder)/), directly or through a link",
                       "keep images and logos inside the flow's folder, as regular files")
        }
        let data: Data
        switch FilePaths.kind(of: path) {
        case .missing:
            throw fail("\(shown) does not exist", "check the path; it is relative to the flow file")
        case .folder, .other:
            throw fail("\(shown) is not a regular file", "name an image file")
        case .regularFile(let size) where size > maxBytes:
            throw fail("\(shown) is \(size / 1024) KiB", "use an image of at most \(maxBytes / 1024) KiB")
        case .regularFile:
            guard let read = FileManager.default.contents(atPath: path), read.count <= maxBytes else {
                throw fail("\(shown) cannot be read", "check its permissions")
            }
            data = read
        }
        if let type = rasterType(of: data) { return Image(mediaType: type, data: data) }
        if looksLikeSVG(data) {
            if let problem = SVGCheck.problem(in: data) {
                throw fail("\(shown) is an SVG that \(problem)", "export it as a plain SVG (no scripts, event handlers or external references) or as PNG")
            }
            return Image(mediaType: "image/svg+xml", data: data)
        }
        throw fail("\(shown) is not a PNG, JPEG, GIF, WebP or SVG image", "name an image file")
    }

    /// The media type of a PNG, JPEG, GIF or WebP file, by its signature.
    static func rasterType(of data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && Array(bytes[offset..<offset + signature.count]) == signature
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }

    /// Whether the file is XML text whose first element is `<svg`.
    static func looksLikeSVG(_ data: Data) -> Bool {
        guard let text = String(data: data.prefix(4096), encoding: .utf8) ?? String(data: data, encoding: .utf8) else { return false }
        return text.range(of: #"<svg[\s>]"#, options: [.regularExpression, .caseInsensitive]) != nil
    }
}

/// Checks an SVG for anything that could run or reach out: scripts, event attributes, external references,
/// document type declarations. A handout embeds only SVGs with none of them.
final class SVGCheck: NSObject, XMLParserDelegate {
    private var problem: String?
    private var sawRoot = false
    private var inStyle = false

    /// Why the SVG cannot be embedded, or nil when it can.
    static func problem(in data: Data) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.range(of: "<!ENTITY", options: .caseInsensitive) != nil {
            return "declares a document type or entities"
        }
        let check = SVGCheck()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = check
        let parsed = parser.parse()
        if let problem = check.problem { return problem }
        if !parsed { return "is not well-formed XML" }
        return check.sawRoot ? nil : "has no <svg> root element"
    }

    private static let forbiddenElements: Set<String> = ["script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener"]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = (elementName.split(separator: ":").last.map(String.init) ?? elementName).lowercased()
        if !sawRoot {
            sawRoot = true
            if name != "svg" { fail("has a <\(name)> root element, not <svg>") }
        }
        if Self.forbiddenElements.contains(name) { fail("contains a <\(name)> element") }
        inStyle = name == "style"
        for (attribute, value) in attributes {
            let key = attribute.lowercased()
            let local = key.split(separator: ":").last.map(String.init) ?? key
            if local.hasPrefix("on") { fail("has an event attribute (\(attribute))") }
            if local == "href" || local == "src", !value.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                fail("refers to another file or address (\(attribute))")
            }
            if key == "style", Self.reachesOut(value) { fail("has a style that loads something (url or @import)") }
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        inStyle = false
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inStyle, Self.reachesOut(string) { fail("has a style that loads something (url or @import)") }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if inStyle, Self.reachesOut(String(decoding: CDATABlock, as: UTF8.self)) { fail("has a style that loads something (url or @import)") }
    }

    /// CSS that fetches something: `@import`, or `url(` to anything but a fragment of the same SVG.
    static func reachesOut(_ css: String) -> Bool {
        let lowered = css.lowercased().replacingOccurrences(of: " ", with: "")
        if lowered.contains("@import") { return true }
        var rest = lowered[...]
        while let range = rest.range(of: "url(") {
            let after = rest[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
            if !after.hasPrefix("#") { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    private func fail(_ reason: String) {
        if problem == nil { problem = reason }
    }
}
