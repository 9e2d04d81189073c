// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Yuqing",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yuqing", targets: ["yuqing"]),
        // The pure logic, for the separate benchmark package in `Benchmarks/`.
        .library(name: "YuqingCore", targets: ["YuqingCore"]),
        // The parsers of untrusted input, for the fuzz package in `Fuzz/`.
        .library(name: "YuqingExtract", targets: ["YuqingExtract"]),
        .library(name: "YuqingConfig", targets: ["YuqingConfig"]),
        // What each fuzz target runs, shared by the libFuzzer drivers and the CI replay test.
        .library(name: "YuqingFuzzTargets", targets: ["YuqingFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // glibc's malloc.h (mallopt): no library to link.
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "YuqingCore",
            dependencies: [.product(name: "Collections", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingConfig",
            dependencies: ["YuqingCore", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingFetch",
            dependencies: ["YuqingCore", "CCurl"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingExtract",
            dependencies: ["YuqingCore", "CLibXML2"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingFuzzTargets",
            dependencies: ["YuqingCore", "YuqingExtract", "YuqingConfig"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingStore",
            dependencies: ["YuqingCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingNotify",
            dependencies: ["YuqingCore", "CCurl", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingDemo",
            dependencies: [
                "YuqingCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YuqingService",
            dependencies: [
                "YuqingCore", "YuqingConfig", "YuqingFetch", "YuqingExtract", "YuqingStore", "YuqingNotify",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "yuqing",
            dependencies: [
                "YuqingService", "YuqingDemo", "YuqingConfig", "YuqingCore", "YuqingStore", "YuqingFetch", "YuqingExtract",
                "YuqingNotify", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test helpers shared by several test targets: the loopback SMTP server (aiosmtpd).
        .target(
            name: "YuqingTestSupport",
            path: "Tests/YuqingTestSupport",
            exclude: ["smtp_server.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "YuqingCoreTests", dependencies: ["YuqingCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "YuqingConfigTests",
            dependencies: ["YuqingConfig", "YuqingCore", "YuqingExtract"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YuqingExtractTests",
            dependencies: ["YuqingExtract", "YuqingCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "YuqingFuzzTests", dependencies: ["YuqingFuzzTargets"], swiftSettings: swiftSettings),
        .testTarget(
            name: "YuqingStoreTests",
            dependencies: ["YuqingStore", "YuqingCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YuqingFetchTests",
            dependencies: [
                "YuqingFetch", "YuqingCore", "YuqingDemo",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YuqingNotifyTests",
            dependencies: [
                "YuqingNotify", "YuqingCore", "YuqingDemo", "YuqingTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YuqingServiceTests",
            dependencies: [
                "YuqingService", "YuqingDemo", "YuqingCore", "YuqingConfig", "YuqingStore", "YuqingFetch",
                "YuqingTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
