// swift-tools-version: 6.1
// Benchmarks live in their own package so that the root package's build and CI are unaffected.
// Build: swift build -c release --package-path Benchmarks
import PackageDescription

let package = Package(
    name: "YuqingBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Yuqing", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "matcher-bench",
            dependencies: [.product(name: "YuqingCore", package: "Yuqing")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "sentiment-eval",
            dependencies: [.product(name: "YuqingCore", package: "Yuqing")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "story-bench",
            dependencies: [.product(name: "YuqingCore", package: "Yuqing")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "extract-bench",
            dependencies: [.product(name: "YuqingExtract", package: "Yuqing"), .product(name: "YuqingCore", package: "Yuqing")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "site-farm",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
