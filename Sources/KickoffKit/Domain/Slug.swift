import Foundation

/// Readable, safe names made from free text: output folders from profile file names, profile file names from
/// account names.
public enum Slug {
    /// Longest slug, in characters (at most 240 bytes of UTF-8, within every file system's name limit).
    static let maxLength = 80

    /// Lowercase letters and digits of any script joined by `-`: Latin letters lose their accents (`Škoda` →
    /// `skoda`), other scripts stay as written (`北京`). Text with no letter or digit gets a stable name from its
    /// hash (`account-1a2b3c4d`), so no two different names share a generic slug. Never `.`, `..` or a path.
    public static func make(from text: String) -> String {
        // ASCII text has nothing to transliterate (the transform is the costly part).
        let latin = text.isASCII ? text : text.applyingTransform(StringTransform("Latin-ASCII"), reverse: false) ?? text
        var slug = ""
        var lastWasDash = true
        for scalar in latin.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug += "-"
                lastWasDash = true
            }
        }
        slug = String(slug.prefix(maxLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { return "account-" + stableHash(text) }
        // Names Windows reserves for devices.
        let reserved = ["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] }
        if reserved.contains(slug) { slug += "-plan" }
        return slug
    }

    /// The slug of a file's name without its folder and extension: `plans/Acme Outdoor.yaml` → `acme-outdoor`.
    public static func make(fromFileAt path: String) -> String {
        make(from: FilePaths.stem(of: FilePaths.name(of: path)))
    }

    /// Eight hex digits of FNV-1a over the UTF-8 bytes: the same on every machine and every run.
    static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return String(format: "%08x", hash)
    }
}
