// swift-tools-version: 6.1
//
// Benchmarks for TomeResolver, kept in their own package so that the benchmark
// dependency (ordo-one/package-benchmark, and through it the malloc
// interposer) never reaches the root package. See README.md for how to run.
import PackageDescription

let package = Package(
    name: "TomeResolverBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "TomeResolver", path: ".."),
        // Only the `MallocInterposer` trait: malloc counts through the
        // malloc-interposer package (Swift 6.3+, nothing to install; jemalloc
        // is not used). The other default trait, `RuntimeInterposer` (ARC
        // counts on Linux with Swift 6.3), is left off — see README.md.
        .package(
            url: "https://github.com/ordo-one/package-benchmark",
            from: "1.29.0",
            traits: ["MallocInterposer"]
        ),
    ],
    targets: [
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
    ]
)
