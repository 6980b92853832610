// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TomeResolver",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TomeNormalization", targets: ["TomeNormalization"]),
        .library(name: "TomeFilename", targets: ["TomeFilename"]),
        .executable(name: "tome-resolve", targets: ["tome-resolve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // The system ICU (libicu-dev) behind stable C names; see include/tome_icu.h.
        .target(
            name: "CTomeICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // Text → comparison tokens. Pure; knows nothing of filenames or catalogs.
        .target(name: "TomeNormalization", dependencies: ["CTomeICU"]),
        // A filename → typed tokens → evidence. Pure; never touches a database.
        .target(name: "TomeFilename", dependencies: ["TomeNormalization"]),
        .executableTarget(
            name: "tome-resolve",
            dependencies: [
                "TomeFilename",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TomeNormalizationTests",
            dependencies: ["TomeNormalization", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TomeFilenameTests",
            dependencies: ["TomeFilename", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
