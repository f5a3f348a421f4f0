import Foundation

/// Prints a handout to PDF with a local headless Chromium (or Chrome), when one is installed.
public enum PDFPrinter {
    /// Browser programs tried, in order, on `PATH`.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first installed browser that can print, or nil.
    public static func findBrowser(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        let folders = (path ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// The handout as PDF. The page makes no network request, so printing needs nothing but the browser.
    public static func print(html: String, using browser: String, account: String) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kickoff-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let page = scratch.appendingPathComponent("plan.html"), pdf = scratch.appendingPathComponent("plan.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Data("%PDF".utf8)) else {
            throw KickoffError(file: account, problem: "could not be printed to PDF with \(browser) (exit \(process.terminationStatus))",
                               fix: "run the same build without --pdf, or check that the browser starts headless")
        }
        return data
    }
}
