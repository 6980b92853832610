// swift-tools-version: 6.1
//
// Benchmarks for TomeResolver, kept in their own package so that the benchmark
// dependency (ordo-one/package-benchmark, and through it the malloc
// interposer) never reaches the root package. See README.md for how to run.
import PackageDescription

import class Foundation.ProcessInfo

// Malloc counts come from package-benchmark's `MallocInterposer` trait (the
// malloc-interposer package, preloaded with LD_PRELOAD on Linux; Swift 6.3+,
// nothing to install — jemalloc is not used on 6.3). Set
// BENCHMARK_DISABLE_MALLOC_INTERPOSER (or the older BENCHMARK_DISABLE_JEMALLOC)
// to build without it, as package-benchmark itself does; the malloc rows then
// read 0. The other default trait, `RuntimeInterposer`
// (ARC counts on Linux with Swift 6.3), is always left off: its package,
// ordo-one/swift-runtime-interposer, is not in this machine's mirror, so
// naming the dependency without `traits:` fails to resolve.
let environment = ProcessInfo.processInfo.environment
let benchmarkTraits: Set<Package.Dependency.Trait> =
    environment["BENCHMARK_DISABLE_MALLOC_INTERPOSER"] != nil || environment["BENCHMARK_DISABLE_JEMALLOC"] != nil
    ? []
    : ["MallocInterposer"]

let package = Package(
    name: "TomeResolverBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "TomeResolver", path: ".."),
        .package(
            url: "https://github.com/ordo-one/package-benchmark",
            from: "1.29.0",
            traits: benchmarkTraits
        ),
        // The root package's GRDB (same pin): SpeedReport reads the SQL the
        // resolver runs from a connection's trace.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The system SQLite's C API (libsqlite3-dev), for SpeedReport's floor.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // The device filenames made from a SyntheticCatalog's books, shared by
        // the `Resolving` benchmark and `SpeedReport`.
        .target(
            name: "SampleNames",
            dependencies: [
                .product(name: "TomeCatalog", package: "TomeResolver"),
                .product(name: "TomeSynthetic", package: "TomeResolver"),
            ],
            path: "Sources/SampleNames"
        ),
        // Resolve latency against the FTS5 floor, interleaved per name (not a
        // package-benchmark target: run it with `bash Benchmarks/speed.sh`).
        .executableTarget(
            name: "SpeedReport",
            dependencies: [
                "CSQLite",
                "SampleNames",
                .product(name: "TomeResolver", package: "TomeResolver"),
                .product(name: "TomeCatalog", package: "TomeResolver"),
                .product(name: "TomeFilename", package: "TomeResolver"),
                .product(name: "TomeNormalization", package: "TomeResolver"),
                .product(name: "TomeSynthetic", package: "TomeResolver"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/SpeedReport"
        ),
        .executableTarget(
            name: "FilenameReading",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "TomeFilename", package: "TomeResolver"),
                .product(name: "TomeNormalization", package: "TomeResolver"),
            ],
            path: "Benchmarks/FilenameReading",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "package-benchmark"),
            ]
        ),
        .executableTarget(
            name: "Resolving",
            dependencies: [
                "SampleNames",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "TomeResolver", package: "TomeResolver"),
                .product(name: "TomeCatalog", package: "TomeResolver"),
                .product(name: "TomeSynthetic", package: "TomeResolver"),
            ],
            path: "Benchmarks/Resolving",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "package-benchmark"),
            ]
        ),
    ]
)
