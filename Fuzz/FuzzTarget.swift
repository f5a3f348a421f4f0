import Foundation
@_spi(Fuzzing) import KickoffKit

/// libFuzzer target over the loaders and the whole build (`make fuzz`).
/// An input is a profile, then optionally a NUL byte and a flow; without one, the Emailsaurus sample flow is used.

/// Loaded once before fuzzing starts, so that nothing is attributed to the first input.
nonisolated(unsafe) var templates: Templates!
nonisolated(unsafe) var sampleFlow = Data()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let profile = parts.first.map { Data($0) } ?? Data()
    let flow = parts.count > 1 ? Data(parts[1]) : sampleFlow
    if case .unexpected(let error) = FuzzEntry.run(profile: profile, flow: flow, templates: templates) {
        fatalError("not a KickoffError: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM names an executable's entry point `<module>_main`; load the fixtures, then hand over to libFuzzer's driver.
@_cdecl("kickoff_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    do {
        templates = try Templates.load(from: ProcessInfo.processInfo.environment["KICKOFF_TEMPLATES"] ?? "templates")
    } catch {
        FileHandle.standardError.write(Data("kickoff-fuzz: \(error)\n".utf8))
        return 2
    }
    sampleFlow = FileManager.default.contents(atPath: "flows/emailsaurus.yaml") ?? Data()
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzz(bytes, size) }
}
