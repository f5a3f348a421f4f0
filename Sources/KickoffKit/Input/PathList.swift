/// Paths of many files, kept small: each folder's name once, and the file names as `PackedTexts`. A book of ten
/// thousand profiles keeps its list while it is built, about 35 bytes a profile where an array of strings takes
/// over a hundred.
public struct PathList: RandomAccessCollection, Sendable, Equatable {
    private static let noFolder = UInt32.max
    /// Each folder's name, once.
    private var folders: [String] = []
    /// Each path's folder: an index into `folders`, or `noFolder` for a path kept as it was written.
    private var folderOf: [UInt32] = []
    /// Each path's file name, or the whole path when it has no folder.
    private var names = PackedTexts()

    /// An empty list.
    public init() {}

    /// The paths given, in order.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    /// Adds a path as it is written.
    public mutating func append(_ path: String) {
        names.append(path.utf8)
        folderOf.append(Self.noFolder)
    }

    /// Adds the files named `names` in `folder`, in order, each written `folder/name` (a `/` that ends `folder`
    /// is not doubled).
    public mutating func append(contentsOf names: some Collection<String>, in folder: String) {
        folders.append(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)
        let index = UInt32(folders.count - 1)
        reserveCapacity(more: names.count, bytes: 0)
        for name in names {
            self.names.append(name.utf8)
            folderOf.append(index)
        }
    }

    /// Makes room for `count` more paths, with `bytes` of names among them.
    public mutating func reserveCapacity(more count: Int, bytes: Int) {
        folderOf.reserveCapacity(more: count)
        names.reserveCapacity(more: count, bytes: bytes)
    }

    /// The first path.
    public var startIndex: Int { 0 }
    /// Past the last path.
    public var endIndex: Int { folderOf.count }

    /// The path at `position`.
    public subscript(position: Int) -> String {
        let name = names[position], folder = folderOf[position]
        guard folder != Self.noFolder else { return name }
        return folders[Int(folder)] + "/" + name
    }
}
