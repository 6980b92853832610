// Resolve latency at 10k, 100k and 1M books (TomeResolver against a
// TomeCatalog of TomeSynthetic books). See ../../README.md for how to run it
// and for the figures measured.
//
// Catalogs:
// - 10k: generated and imported in the benchmark's setup, into
//   `$TMPDIR/tome-bench-resolving/catalog-10000.sqlite`, when missing (about
//   3 s), and reused afterwards.
// - 100k and 1M: `catalog-100000.sqlite` and `catalog-1000000.sqlite` in
//   `$TOME_SCALE_DIR` (default `/tmp/tome-scale`), written by
//   `Benchmarks/scale.sh`. When a file is missing its benchmark is not
//   registered, and a message says so.
//
// Names: for each scale, about 200 books taken at a fixed stride from the
// same `SyntheticCatalog(count: N)` sequence the catalog was built from, each
// turned into a typical device filename; one name in ten is made so that it
// must be refused. One benchmark iteration is one `resolve(_:)` of the next
// name, cycling through the list.

import Benchmark
import Foundation
import SampleNames
import TomeCatalog
import TomeResolver
import TomeSynthetic

// MARK: - Scales and catalogs

struct Scale: Sendable {
    let books: Int
    let label: String
    /// Where the catalog is; nil when it is made in setup.
    let scaleFile: String?

    static let scaleDirectory = ProcessInfo.processInfo.environment["TOME_SCALE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "/tmp/tome-scale"

    static let all: [Scale] = [
        Scale(books: 10_000, label: "10k", scaleFile: nil),
        Scale(books: 100_000, label: "100k", scaleFile: "\(scaleDirectory)/catalog-100000.sqlite"),
        Scale(books: 1_000_000, label: "1M", scaleFile: "\(scaleDirectory)/catalog-1000000.sqlite"),
    ]

    var benchmarkName: String { "Resolve at \(label) books" }

    var catalogPath: String {
        if let scaleFile { return scaleFile }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tome-bench-resolving").path
        return "\(directory)/catalog-\(books).sqlite"
    }

    /// Opens the catalog; for the 10k scale, generates and imports it when
    /// it is missing (or incomplete).
    func openCatalog() throws -> Catalog {
        if scaleFile == nil {
            let directory = (catalogPath as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let catalog = try Catalog.open(path: catalogPath, create: true)
            if try catalog.activeBookCount() != books {
                print("[\(label)] importing SyntheticCatalog(count: \(books)) into \(catalogPath)…")
                var source = SyntheticCatalog(count: books)
                let summary = try catalog.importBooks(from: &source, replace: true)
                print("[\(label)] imported \(summary.added) books in \(String(format: "%.1f", summary.seconds)) s")
            }
            return catalog
        }
        let catalog = try Catalog.open(path: catalogPath)
        let active = try catalog.activeBookCount()
        guard active == books else {
            throw SetupError("\(catalogPath) has \(active) active books, not \(books): rerun Benchmarks/scale.sh")
        }
        return catalog
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Names

// `NameKind`, `SampleName`, `sampleNames(books:target:)` and `countTwins`: in
// the `SampleNames` library (../../Sources/SampleNames), shared with `SpeedReport`.

/// The kind of a refusal: its code.
func refusalKind(_ r: Resolution) -> String { r.refusal?.rawValue ?? "none" }

// MARK: - Setup: the names, and what one resolve of each does

final class ResolveState: @unchecked Sendable {
    let resolver: Resolver
    let names: [String]
    var next = 0

    init(resolver: Resolver, names: [String]) {
        self.resolver = resolver
        self.names = names
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

/// Opens the scale's catalog, builds its names, resolves each once with
/// `explain: true` (which also warms the page cache), prints statements per
/// resolve and the outcome, then times each name (best of 2) and prints the
/// slowest; above 10k, also the 10k benchmark's names against this catalog.
func makeState(_ scale: Scale) throws -> ResolveState {
    let started = Date()
    let catalog = try scale.openCatalog()
    let sample = sampleNames(books: scale.books)
    // The catalog must be the one these names were made from.
    for s in sample.prefix(20) {
        guard let stored = try catalog.book(id: s.book.id), stored.book.title == s.book.title else {
            throw SetupError("\(catalog.path) is not SyntheticCatalog(count: \(scale.books)): book \(s.book.id) differs; rerun Benchmarks/scale.sh")
        }
    }
    let resolver = Resolver(catalog: catalog)

    var statements: [Int] = []
    var byKind: [NameKind: (count: Int, twinned: Int, right: Int, wrong: Int, refused: Int)] = [:]
    var wrong: [String] = []
    var refusals: [String: (unique: Int, twinned: Int)] = [:]
    var refusedUnique: [String] = []
    for s in sample {
        let r = try resolver.resolve(s.name, explain: true)
        statements.append(r.explanation?.statements ?? 0)
        var entry = byKind[s.kind] ?? (0, 0, 0, 0, 0)
        entry.count += 1
        if s.twins > 0 { entry.twinned += 1 }
        if let id = r.bookID {
            if !s.kind.mustRefuse && id == s.book.id && s.twins == 0 {
                entry.right += 1
            } else {
                entry.wrong += 1
                let source = id == s.book.id ? "the book it was made from" : "made from book \(s.book.id)"
                let why = s.kind.mustRefuse ? "must be refused"
                    : s.twins > 0 ? "\(source), but \(s.twins) other book(s) fit the name as well: a guess" : source
                wrong.append("\(s.name) → book \(id) (\(why)): \(r.reason)")
            }
        } else {
            entry.refused += 1
            if !s.kind.mustRefuse {
                var tally = refusals[refusalKind(r)] ?? (0, 0)
                if s.twins > 0 { tally.twinned += 1 } else { tally.unique += 1; refusedUnique.append("\(s.name) (book \(s.book.id)): \(r.reason)") }
                refusals[refusalKind(r)] = tally
            }
        }
        byKind[s.kind] = entry
    }

    // Per-name latency outside the harness (best of 2, explain off), to find
    // names that are slow at this scale.
    func bestOf2(_ name: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<2 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try resolver.resolve(name)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }
    var timed: [(name: String, kind: NameKind, seconds: Double, statements: Int)] = []
    for (s, count) in zip(sample, statements) {
        timed.append((s.name, s.kind, try bestOf2(s.name), count))
    }
    let allSeconds = timed.map(\.seconds).sorted()

    let sortedStatements = statements.sorted()
    let resolved = byKind.values.reduce(0) { $0 + $1.right + $1.wrong }
    let refused = byKind.values.reduce(0) { $0 + $1.refused }
    let mean = Double(statements.reduce(0, +)) / Double(max(statements.count, 1))
    var out = """

        ── Resolve at \(scale.label) books: \(catalog.path)
        \(sample.count) names (every \(max(1, scale.books / 200))th book of SyntheticCatalog(count: \(scale.books)))
        SQL statements per resolve: min \(sortedStatements.first ?? 0), median \(Int(percentile(sortedStatements.map(Double.init), 0.5))), \
        p90 \(Int(percentile(sortedStatements.map(Double.init), 0.9))), max \(sortedStatements.last ?? 0), \
        mean \(String(format: "%.1f", mean))
        resolved \(resolved) (\(String(format: "%.0f", 100 * Double(resolved) / Double(sample.count))) %), \
        refused \(refused) (\(String(format: "%.0f", 100 * Double(refused) / Double(sample.count))) %)

        """
    out += "per-name latency (best of 2, explain off): median \(ms(percentile(allSeconds, 0.5))), p90 \(ms(percentile(allSeconds, 0.9))), max \(ms(allSeconds.last ?? 0))\n"
    out += "  kind                                   names  twinned  right  wrong  refused  median    max       statements (median)\n"
    for kind in NameKind.allCases {
        guard let e = byKind[kind] else { continue }
        let rows = timed.filter { $0.kind == kind }
        let seconds = rows.map(\.seconds).sorted()
        let kindStatements = rows.map { Double($0.statements) }.sorted()
        out += "  " + kind.rawValue.padding(toLength: 38, withPad: " ", startingAt: 0)
        out += String(format: " %5d  %7d  %5d  %5d  %7d  ", e.count, e.twinned, e.right, e.wrong, e.refused)
        out += ms(percentile(seconds, 0.5)).padding(toLength: 10, withPad: " ", startingAt: 0)
        out += ms(seconds.last ?? 0).padding(toLength: 10, withPad: " ", startingAt: 0)
        out += "\(Int(percentile(kindStatements, 0.5)))\n"
    }
    out += "  (twinned: another book fits the name exactly as well, so refusing is right; right/wrong count answers)\n"
    if !refusals.isEmpty {
        out += "  refusals of names made from a book, by reason (the name unique in the catalog / twinned):\n"
        for (reason, tally) in refusals.sorted(by: { $0.value.unique + $0.value.twinned > $1.value.unique + $1.value.twinned }) {
            out += "    \(reason): \(tally.unique) / \(tally.twinned)\n"
        }
    }
    out += "  slowest names (best of 2, explain off):\n"
    for t in timed.sorted(by: { $0.seconds > $1.seconds }).prefix(5) {
        out += "    \(ms(t.seconds))  \(t.statements) statements  \(t.name)\n"
    }
    if !refusedUnique.isEmpty {
        out += "  refused although no other book fits as exactly (first 5 of \(refusedUnique.count)):\n"
        out += refusedUnique.prefix(5).map { "    \($0)\n" }.joined()
    }
    if !wrong.isEmpty {
        out += "  WRONG ANSWERS (\(wrong.count)):\n" + wrong.map { "    \($0)\n" }.joined()
    }
    // The 10k benchmark's names against this catalog: the first 10,000 books
    // of every SyntheticCatalog are the same, so these names and their books
    // are identical at every scale, and only the catalog's size differs.
    if scale.books > 10_000 {
        var sameStatements: [Double] = []
        var sameSeconds: [Double] = []
        var sameResolved = 0
        var slowest: [(String, Double)] = []
        for s in sampleNames(books: 10_000) {
            let r = try resolver.resolve(s.name, explain: true)
            if r.isResolved { sameResolved += 1 }
            sameStatements.append(Double(r.explanation?.statements ?? 0))
            let t = try bestOf2(s.name)
            sameSeconds.append(t)
            slowest.append((s.name, t))
        }
        sameStatements.sort()
        sameSeconds.sort()
        out += "  the 10k benchmark's 200 names against this catalog: statements min \(Int(sameStatements.first ?? 0)), "
        out += "median \(Int(percentile(sameStatements, 0.5))), max \(Int(sameStatements.last ?? 0)); "
        out += "latency median \(ms(percentile(sameSeconds, 0.5))), p90 \(ms(percentile(sameSeconds, 0.9))), max \(ms(sameSeconds.last ?? 0)); "
        out += "resolved \(sameResolved)\n"
        out += "    slowest: " + slowest.sorted { $0.1 > $1.1 }.prefix(3).map { "\($0.0) \(ms($0.1))" }.joined(separator: "; ") + "\n"
    }
    out += "  setup took \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n"
    print(out)
    return ResolveState(resolver: resolver, names: sample.map(\.name))
}

// MARK: - Benchmarks

let benchmarks: @Sendable () -> Void = {
    // No warm-up iterations: the setup has already resolved every name three
    // times. At most 5 s, in whole passes over the 200 names where possible
    // (about 23 passes at 10k, 8 at 100k); at 1M one pass is about 6 s, so the
    // 1M benchmark measures exactly one pass (each name once) within 10 s.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 0,
        maxDuration: .seconds(5),
        maxIterations: 200 * 100
    )

    for scale in Scale.all {
        if let file = scale.scaleFile, !FileManager.default.fileExists(atPath: file) {
            print("""
                Resolving: skipping "\(scale.benchmarkName)": \(file) is missing. \
                Run `bash Benchmarks/scale.sh` first (or set TOME_SCALE_DIR to its work dir).
                """)
            continue
        }
        // One iteration is one resolve of the next name.
        let configuration: Benchmark.Configuration = scale.books >= 1_000_000
            ? .init(maxDuration: .seconds(10), maxIterations: 200)
            : Benchmark.defaultConfiguration
        Benchmark(scale.benchmarkName, configuration: configuration) { benchmark, state in
            for _ in benchmark.scaledIterations {
                let name = state.names[state.next]
                state.next = (state.next + 1) % state.names.count
                do {
                    blackHole(try state.resolver.resolve(name))
                } catch {
                    benchmark.error("resolve(\(name)) failed: \(error)")
                }
            }
        } setup: {
            try makeState(scale)
        }
    }
}
