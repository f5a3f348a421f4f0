import Foundation

/// Finds the flow file a profile's `flow:` names.
enum FlowReference {
    /// A name (`emailsaurus`) is `<flows>/emailsaurus.yaml`; a path (`../flows/x.yaml`) is relative to the profile
    /// and must lie under the flows folder or be a file named on the command line.
    static func resolve(_ reference: String, from profileFile: String, line: Int?, flowsDirectory: String?, namedFiles: Set<String>) throws -> String {
        // Paths are kept as the user would write them (relative stays relative), so messages read naturally.
        let profileFolder = (profileFile as NSString).deletingLastPathComponent
        let flowsFolder = flowsDirectory ?? FilePaths.join((profileFolder.isEmpty ? "." : profileFolder), "../flows")
        let error = { (problem: String, fix: String) in
            KickoffError(file: profileFile, line: line, field: "flow", problem: problem, fix: fix)
        }
        let isPath = reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
        if !isPath {
            guard reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw error("\(Excerpt.quoted(reference)) is not a flow name", "use a name like emailsaurus, or a path to a .yaml file")
            }
            let path = FilePaths.join(flowsFolder, reference + ".yaml")
            guard FileManager.default.fileExists(atPath: path) else {
                let known = (try? FileManager.default.contentsOfDirectory(atPath: flowsFolder))?
                    .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
                let suggestion = closestMatch(to: reference, in: known).map { "did you mean \($0)? " } ?? ""
                throw error("no flow \"\(reference)\" in \(flowsFolder)/",
                            suggestion + (known.isEmpty ? "put \(reference).yaml there or pass --flows DIR" : "known flows: \(known.joined(separator: ", "))"))
            }
            // A link inside the flows folder may lead to another file of it, never out of it.
            guard FilePaths.isInside(path, folder: flowsFolder) || namedFiles.contains(FilePaths.canonical(path)) else {
                throw error("\(path) is a link to a file outside the flows folder (\(flowsFolder)/)",
                            "copy the flow into that folder, or name the file with --flow")
            }
            return path
        }
        let path = reference.hasPrefix("/") ? reference : FilePaths.join(profileFolder, reference)
        guard FilePaths.isInside(path, folder: flowsFolder) || namedFiles.contains(FilePaths.canonical(path)) else {
            throw error("\(Excerpt.quoted(reference, limit: 80)) is outside the flows folder (\(flowsFolder)/)",
                        "move the flow into that folder, or name the file with --flow")
        }
        return path
    }
}
