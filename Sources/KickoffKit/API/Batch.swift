import Foundation

/// Builds and writes many accounts in parallel on all cores; one failing account does not stop the others.
public enum Batch {
    /// What happened to one profile.
    public struct Item: Sendable {
        public var profilePath: String
        public var result: Result<(build: AccountBuild, outcome: OutputFolder.Outcome), KickoffError>
    }

    /// Builds each profile and writes it under `out`, results in the order of `profiles`.
    /// With `pdfBrowser`, each handout is also printed to `plan.pdf` with that browser.
    public static func run(_ profiles: [String], pipeline: Pipeline, out: String, asOf: Day? = nil, pdfBrowser: String? = nil) -> [Item] {
        let results = ResultSlots<Item>(count: profiles.count)
        DispatchQueue.concurrentPerform(iterations: profiles.count) { index in
            let path = profiles[index]
            let result: Result<(build: AccountBuild, outcome: OutputFolder.Outcome), KickoffError>
            do {
                let build = try pipeline.build(profileAt: path, asOf: asOf)
                var files = build.files.mapValues { Data($0.utf8) }
                if let pdfBrowser {
                    files["plan.pdf"] = try PDFPrinter.print(html: build.files["plan.html"]!, using: pdfBrowser, account: path)
                }
                result = .success((build, try OutputFolder.write(files, slug: build.slug, into: out)))
            } catch let error as KickoffError {
                result = .failure(error)
            } catch {
                result = .failure(KickoffError(file: path, problem: "could not be built: \(error.localizedDescription)"))
            }
            results[index] = Item(profilePath: path, result: result)
        }
        return results.values.map { $0! }
    }
}

/// Fixed slots that concurrent workers fill, each its own index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
