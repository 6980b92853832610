// swift-tools-version: 6.1
//
// libFuzzer targets for TomeResolver, kept in their own package (as
// Benchmarks/ is) so that nothing built with `-sanitize=fuzzer` reaches the
// root package. Each target defines libFuzzer's `LLVMFuzzerTestOneInput`
// (with `@_cdecl`) and a `@main` that hands the command line to libFuzzer's
// driver (`LLVMFuzzerRunDriver`): SwiftPM links every executable target
// against its own entry point (`<Target>_main`), so libFuzzer's `main` cannot
// be the program's. Built with `-sanitize=fuzzer,address -parse-as-library`
// by `bash Fuzz/run.sh` (see Fuzz/README.md).
import PackageDescription

let package = Package(
    name: "TomeResolverFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TomeResolver", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver.
        .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        // Bytes → a filename → NameCheck, the lexer and the reader.
        .executableTarget(
            name: "FuzzFilename",
            dependencies: [
                "CFuzzDriver",
                .product(name: "TomeFilename", package: "TomeResolver"),
                .product(name: "TomeNormalization", package: "TomeResolver"),
                .product(name: "TomeResolver", package: "TomeResolver"),
            ],
            path: "Sources/FuzzFilename"
        ),
        // Bytes → a JSON Lines file → JSONLinesSource, against JSONDecoder
        // line by line.
        .executableTarget(
            name: "FuzzJSONLines",
            dependencies: [
                "CFuzzDriver",
                .product(name: "TomeCatalog", package: "TomeResolver"),
            ],
            path: "Sources/FuzzJSONLines"
        ),
        // Bytes → a JSON Lines file → an import into a catalog in a
        // temporary folder (slower: SQLite, the import's threads).
        .executableTarget(
            name: "FuzzImport",
            dependencies: [
                "CFuzzDriver",
                .product(name: "TomeCatalog", package: "TomeResolver"),
            ],
            path: "Sources/FuzzImport"
        ),
        // Bytes → a filename → Resolver.resolve over a small catalog built
        // once per process.
        .executableTarget(
            name: "FuzzResolver",
            dependencies: [
                "CFuzzDriver",
                .product(name: "TomeResolver", package: "TomeResolver"),
                .product(name: "TomeWire", package: "TomeResolver"),
                .product(name: "TomeCatalog", package: "TomeResolver"),
                .product(name: "TomeFilename", package: "TomeResolver"),
            ],
            path: "Sources/FuzzResolver"
        ),
    ]
)
