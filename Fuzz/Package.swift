// swift-tools-version: 6.1
// Fuzz targets for the parsers that read untrusted input: feeds and pages from the web,
// rule files and config files from users. Built with libFuzzer instrumentation by
// `scripts/fuzz` (swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld):
// each executable is a libFuzzer driver. Kept out of the root package so its build and CI
// are unaffected.
import PackageDescription

let settings: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "YuqingFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Yuqing", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: settings),
        .executableTarget(
            name: "fuzz-feed",
            dependencies: ["FuzzSupport", .product(name: "YuqingFuzzTargets", package: "Yuqing")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "fuzz-html",
            dependencies: ["FuzzSupport", .product(name: "YuqingFuzzTargets", package: "Yuqing")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "fuzz-rules",
            dependencies: ["FuzzSupport", .product(name: "YuqingFuzzTargets", package: "Yuqing")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "fuzz-config",
            dependencies: ["FuzzSupport", .product(name: "YuqingFuzzTargets", package: "Yuqing")],
            swiftSettings: settings
        ),
    ]
)
