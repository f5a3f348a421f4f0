// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "kickoff",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kickoff", targets: ["kickoff"]),
        .library(name: "KickoffKit", targets: ["KickoffKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // libcmark, the CommonMark engine, from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // What Swift's Glibc module does not offer: swapping two folders atomically, syncfs, the allocator's trim threshold.
        .target(name: "CKickoffSystem"),
        // The pipeline, a folder per stage: Domain, Input, Planning, Wording, Render, Output, and Build, which runs them.
        .target(
            name: "KickoffKit",
            dependencies: [
                "CCmark",
                "CKickoffSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // `kickoff serve`: the book in the browser (Hummingbird), over the same files and KickoffKit.
        .target(
            name: "KickoffServer",
            dependencies: [
                "KickoffKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: a thin layer over KickoffKit.
        .executableTarget(
            name: "kickoff",
            dependencies: [
                "KickoffKit",
                "KickoffServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // In-process figures for `make bench`.
        .executableTarget(
            name: "kickoff-bench",
            dependencies: ["KickoffKit"],
            path: "Benchmarks/KickoffBench"
        ),
        .testTarget(
            name: "KickoffKitTests",
            dependencies: [
                "KickoffKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden", "Corpus"]
        ),
        .testTarget(
            name: "KickoffServerTests",
            dependencies: [
                "KickoffServer",
                "KickoffKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)

// `make fuzz` builds a libFuzzer target over the loaders and the whole build (KICKOFF_FUZZ=1, -sanitize=fuzzer).
if ProcessInfo.processInfo.environment["KICKOFF_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "kickoff-fuzz",
        dependencies: ["KickoffKit"],
        path: "Fuzz",
        // The sanitizer flags come from the command line (Makefile), so that every module is instrumented.
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ))
}
