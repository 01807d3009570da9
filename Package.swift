// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "driftwatch",
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "DriftStatistics", targets: ["DriftStatistics"]),
        .library(name: "AnomalyDetection", targets: ["AnomalyDetection"]),
        .library(name: "Monitoring", targets: ["Monitoring"]),
        .library(name: "Storage", targets: ["Storage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"], swiftSettings: strict),
        .target(name: "DriftStatistics", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .target(name: "AnomalyDetection", dependencies: ["DriftStatistics"], swiftSettings: strict),
        .target(name: "Monitoring", dependencies: ["DriftStatistics", "LinearAlgebra", "AnomalyDetection"], swiftSettings: strict),
        .target(
            name: "Integrations",
            dependencies: [
                "Monitoring", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "Storage",
            dependencies: [
                "AnomalyDetection", "Monitoring", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "DriftwatchServer",
            dependencies: [
                "AnomalyDetection", "Monitoring", "Storage", "Integrations", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "driftwatch",
            dependencies: [
                "Monitoring", "DriftStatistics", "AnomalyDetection", "DriftwatchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "driftstats-bench",
            dependencies: ["DriftStatistics", "LinearAlgebra"],
            path: "Benchmarks/driftstats-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ingest-bench",
            dependencies: ["Monitoring", "DriftStatistics"],
            path: "Benchmarks/ingest-bench",
            swiftSettings: strict
        ),
        .target(name: "NABScoring", dependencies: ["Monitoring"], path: "Benchmarks/NABScoring", swiftSettings: strict),
        .executableTarget(
            name: "anomaly-bench",
            dependencies: ["AnomalyDetection", "NABScoring", "DriftStatistics", "Monitoring"],
            path: "Benchmarks/anomaly-bench",
            swiftSettings: strict
        ),
        .target(
            name: "DriftwatchTestSupport",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            path: "Tests/DriftwatchTestSupport", swiftSettings: strict),
        .testTarget(
            name: "driftwatchTests", dependencies: ["DriftStatistics", "AnomalyDetection", "DriftwatchTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DriftwatchServerTests",
            dependencies: [
                "DriftwatchServer", "Monitoring", "Storage", "Integrations", "DriftwatchTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Monitoring"], swiftSettings: strict),
        .testTarget(
            name: "IntegrationsTests",
            dependencies: [
                "Integrations", "Monitoring", "DriftwatchTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "MonitoringTests", dependencies: ["Monitoring", "DriftStatistics", "DriftwatchTestSupport"], swiftSettings: strict),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .testTarget(name: "NABScoringTests", dependencies: ["NABScoring"], swiftSettings: strict),
        .testTarget(
            name: "AnomalyDetectionTests", dependencies: ["AnomalyDetection", "DriftStatistics", "NABScoring"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "DriftStatisticsTests",
            dependencies: ["DriftStatistics", "LinearAlgebra"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
