import Foundation

/// A folder of profiles: which of its files are profiles, and listing them in the order of their names.
public enum ProfileFolder {
    /// Whether a file in a plans folder is a profile: a `.yaml` or `.yml` file that is not hidden.
    public static func isProfileName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".")
    }

    /// Adds the profiles in `folder` to `list` as `folder/name`, in the order of their names as Swift orders
    /// strings, and returns how many there are. The names are read as bytes into one buffer and never each made
    /// a string: a book of ten thousand keeps about 35 bytes a profile this way, where Foundation's list of
    /// names took several times that and left it behind. A folder that cannot be read throws what
    /// `FileManager.contentsOfDirectory` throws for it; a name that is not UTF-8 makes the whole folder listed
    /// through Foundation, as before.
    public static func list(_ folder: String, into list: inout PathList) throws -> Int {
        guard let names = names(in: folder) else {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter(isProfileName).sorted()
            list.append(contentsOf: names, in: folder)
            return names.count
        }
        let order = (0..<names.count).sorted(by: names.precedes)
        list.reserveCapacity(more: order.count, bytes: names.byteCount)
        list.append(contentsOf: order.lazy.map { names[$0] }, in: folder)
        return order.count
    }

    /// The profile names in `folder`, in the order the folder gives them. Nil when the folder cannot be opened or
    /// a name is not UTF-8.
    private static func names(in folder: String) -> PackedTexts? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names = PackedTexts()
        while let entry = readdir(directory) {
            let valid = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> Bool in
                let name = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self)))
                if name.contains(where: { $0 >= 0x80 }) {
                    // Characters beyond ASCII can join marks to the `.`s the check looks for: asked as a string.
                    guard let text = String(validating: name, as: UTF8.self) else { return false }
                    guard isProfileName(text) else { return true }
                } else {
                    guard isASCIIProfileName(name) else { return true }
                }
                names.append(name)
                return true
            }
            guard valid else { return nil }
        }
        return names
    }

    /// `isProfileName` for an ASCII name, from its bytes.
    private static func isASCIIProfileName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        func ends(with suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            return name.count >= count && memcmp(name.baseAddress! + name.count - count, suffix.utf8Start, count) == 0
        }
        return !name.isEmpty && name[0] != UInt8(ascii: ".") && (ends(with: ".yaml") || ends(with: ".yml"))
    }
}
