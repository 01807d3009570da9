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
        .library(name: "Monitoring", targets: ["Monitoring"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"], swiftSettings: strict),
        .target(name: "DriftStatistics", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .target(name: "Monitoring", dependencies: ["DriftStatistics", "LinearAlgebra"], swiftSettings: strict),
        .executableTarget(
            name: "driftstats-bench",
            dependencies: ["DriftStatistics", "LinearAlgebra"],
            path: "Benchmarks/driftstats-bench",
            swiftSettings: strict
        ),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "DriftStatistics"], swiftSettings: strict),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .testTarget(
            name: "DriftStatisticsTests",
            dependencies: ["DriftStatistics", "LinearAlgebra"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
