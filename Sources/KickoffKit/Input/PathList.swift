/// Paths of many files, kept small: each folder's name once, and every file's name in one run of bytes. A book of
/// ten thousand profiles keeps its list while it is built, about 35 bytes a profile where an array of strings
/// takes over a hundred.
public struct PathList: RandomAccessCollection, Sendable, Equatable {
    /// A file's folder (an index into `folders`, or `noFolder`) and where its name ends in `names`.
    private struct Entry: Sendable, Equatable {
        var folder: UInt32
        var end: UInt32
    }

    private static let noFolder = UInt32.max
    private var folders: [String] = []
    private var names: [UInt8] = []
    private var entries: [Entry] = []

    /// An empty list.
    public init() {}

    /// The paths given, in order.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    /// Adds a path as it is written.
    public mutating func append(_ path: String) {
        names.append(contentsOf: path.utf8)
        entries.append(Entry(folder: Self.noFolder, end: UInt32(names.count)))
    }

    /// Adds the files named `names` in `folder`, in order, each written `folder/name` (a `/` that ends `folder`
    /// is not doubled).
    public mutating func append(contentsOf names: some Collection<String>, in folder: String) {
        folders.append(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)
        let index = UInt32(folders.count - 1)
        Self.makeRoom(in: &entries, for: names.count)
        for name in names {
            self.names.append(contentsOf: name.utf8)
            entries.append(Entry(folder: index, end: UInt32(self.names.count)))
        }
    }

    /// Makes room for `count` more paths, with `bytes` of names among them.
    public mutating func reserveCapacity(more count: Int, bytes: Int) {
        Self.makeRoom(in: &entries, for: count)
        Self.makeRoom(in: &names, for: bytes)
    }

    /// Room for `count` more elements: exactly that much for a list filled at once, and at least double for one
    /// that keeps growing, so that many small additions still copy the list only a few times.
    private static func makeRoom<Element>(in array: inout [Element], for count: Int) {
        let needed = array.count + count
        if needed > array.capacity { array.reserveCapacity(array.isEmpty ? needed : Swift.max(needed, 2 * array.capacity)) }
    }

    /// The first path.
    public var startIndex: Int { 0 }
    /// Past the last path.
    public var endIndex: Int { entries.count }

    /// The path at `position`.
    public subscript(position: Int) -> String {
        let entry = entries[position]
        let start = position == 0 ? 0 : Int(entries[position - 1].end)
        let name = names.withUnsafeBufferPointer { String(decoding: $0[start..<Int(entry.end)], as: UTF8.self) }
        guard entry.folder != Self.noFolder else { return name }
        return folders[Int(entry.folder)] + "/" + name
    }
}
