// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TomeResolver",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TomeNormalization", targets: ["TomeNormalization"]),
        .library(name: "TomeFilename", targets: ["TomeFilename"]),
        .library(name: "TomeCatalog", targets: ["TomeCatalog"]),
        .library(name: "TomeResolver", targets: ["TomeResolver"]),
        .library(name: "TomeWire", targets: ["TomeWire"]),
        .library(name: "TomeEvaluation", targets: ["TomeEvaluation"]),
        .library(name: "TomeSynthetic", targets: ["TomeSynthetic"]),
        .library(name: "TomeKeys", targets: ["TomeKeys"]),
        .library(name: "TomeServer", targets: ["TomeServer"]),
        .executable(name: "tome-resolve", targets: ["tome-resolve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        // The catalog: one SQLite file with FTS5 over normalized names, and its
        // importers (JSON Lines, Calibre libraries). It reads titles with the
        // filename reader at import (`Bleach, Volume 01` → core `bleach`, volume 1).
        .target(
            name: "TomeCatalog",
            dependencies: [
                "TomeNormalization",
                "TomeFilename",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the import's reused statements.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Evidence + catalog → a book id or a refusal with a code and a reason.
        // Asks the catalog's read model for candidates; writes no SQL.
        .target(
            name: "TomeResolver",
            dependencies: ["TomeFilename", "TomeCatalog", "TomeNormalization"]
        ),
        // The JSON a resolution is written as, by `resolve --json` and the
        // batch route alike, and the one encoder of every JSON body.
        .target(name: "TomeWire", dependencies: ["TomeResolver", "TomeFilename"]),
        // Precision and recall over labelled cases, and the README's table
        // of the corpus's case sets (`tome-resolve eval`).
        .target(name: "TomeEvaluation", dependencies: ["TomeResolver", "TomeCatalog", "TomeFilename"]),
        // API keys: stored as SHA-256 hashes beside the catalog, in a table
        // registered through the catalog's migrator.
        .target(
            name: "TomeKeys",
            dependencies: [
                "TomeCatalog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The TomeSync-compatible HTTP routes (Hummingbird 2), embeddable in a host app.
        .target(
            name: "TomeServer",
            dependencies: [
                "TomeResolver", "TomeWire", "TomeCatalog", "TomeKeys",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Deterministic synthetic catalogs for benchmarks and scale tests.
        .target(name: "TomeSynthetic", dependencies: ["TomeCatalog"]),
        .executableTarget(
            name: "tome-resolve",
            dependencies: [
                "TomeSynthetic",
                "TomeFilename",
                "TomeCatalog",
                "TomeResolver",
                "TomeWire",
                "TomeEvaluation",
                "TomeKeys",
                "TomeServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // A link to Corpus/goodbooks-10k/catalog.jsonl: the default catalog's source.
            resources: [.copy("Resources/goodbooks-10k.jsonl")]
        ),
        // What several test targets share: an in-memory book source, a
        // temporary catalog, the repository's paths. Not shipped.
        .target(
            name: "TomeTestSupport",
            dependencies: ["TomeCatalog", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/TomeTestSupport"
        ),
        .testTarget(
            name: "TomeNormalizationTests",
            dependencies: ["TomeNormalization", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TomeFilenameTests",
            dependencies: ["TomeFilename", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TomeCatalogTests",
            dependencies: ["TomeCatalog", "TomeSynthetic", "TomeTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TomeResolverTests",
            dependencies: ["TomeResolver", "TomeCatalog", "TomeFilename", "TomeNormalization", "TomeTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "TomeKeysTests",
            dependencies: ["TomeKeys", "TomeCatalog", "TomeTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The corpus evaluation: every case set of Corpus/, and the README's table.
        .testTarget(
            name: "TomeEvaluationTests",
            dependencies: ["TomeEvaluation", "TomeResolver", "TomeCatalog", "TomeFilename", "TomeTestSupport"]
        ),
        .testTarget(
            name: "TomeServerTests",
            dependencies: [
                "TomeServer", "TomeKeys", "TomeCatalog", "TomeResolver", "TomeTestSupport", "TomeSynthetic",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The README's embedding example, compiled as it is written.
        .executableTarget(
            name: "EmbeddingExample",
            dependencies: [
                "TomeServer", "TomeResolver", "TomeCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Examples/EmbeddingExample"
        ),
        .testTarget(
            name: "TomeResolveCLITests",
            dependencies: ["tome-resolve", "TomeCatalog", "TomeTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
