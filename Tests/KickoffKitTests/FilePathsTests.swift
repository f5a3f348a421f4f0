import Testing
@testable import KickoffKit

@Suite("File paths")
struct FilePathsTests {
    /// The quick way for a plain name gives what splitting the paths part by part gives.
    @Test(arguments: ["a", "a/", "a//", "/", "/x", "/x/", "./a", "a/./b", "../a", "x/..", "plans/acme", "é/中"])
    func aNameJoinsAsSplittingWould(folder: String) {
        for name in ["b", "plan.json", ".plan.json.new-42", "ü", "a b"] {
            #expect(FilePaths.join(folder, name) == FilePaths.joinBySplitting(folder, name), "\(folder) + \(name)")
        }
    }

    @Test func relativePartsAreResolved() {
        #expect(FilePaths.join("a/b", "../c") == "a/c")
        #expect(FilePaths.join("a", "./c") == "a/c")
        #expect(FilePaths.join(".", "c") == "c")
        #expect(FilePaths.join("", "c/d") == "c/d")
        #expect(FilePaths.join("a", "..") == ".")
    }
}
