// One catalog's measurement: its names, a classifying pass, the warm-up, then
// resolve and floor interleaved per name over several passes.

import Dispatch
import Foundation
import SampleNames
import TomeCatalog
import TomeFilename
import TomeResolver

enum CatalogKind: String, Sendable {
    /// `tome-resolve generate --books N`; names from `sampleNames(books:target:)`.
    case synthetic
    /// `Corpus/generated/catalog.jsonl` plus synthetic books up to N; names
    /// from `Corpus/generated/cases.tsv`.
    case realistic
}

struct CatalogSpec: Sendable {
    let kind: CatalogKind
    let books: Int
    let path: String

    var label: String { "\(kind.rawValue) \(Format.books(books))" }

    /// `synthetic:100000:/tmp/x.sqlite`.
    init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let kind = CatalogKind(rawValue: parts[0]), let books = Int(parts[1]), books > 0 else {
            throw UsageError("a catalog is KIND:BOOKS:PATH with KIND synthetic or realistic, not \(text)")
        }
        (self.kind, self.books, self.path) = (kind, books, parts[2])
    }
}

/// A name to resolve, with what its source says the answer is.
struct NameCase {
    enum Label { case none, book(Int64), refusal }
    let name: String
    let label: Label
}

/// What one resolve of a name did (from the classifying pass, explain on).
struct NameOutcome {
    var resolved = false
    var bookID: Int64?
    /// The resolve ran at least one FTS5 query (seen in the connection's trace).
    var usedFTS = false
    var statements = 0
    var method = Resolution.Method.none
}

struct Settings {
    var minSamples = 2000
    var minSeconds = 3.0
    var maxPasses = 20
    var syntheticNames = 1000
    /// 0: every case of the cases file.
    var realisticNames = 0
    var casesPath: String?
    /// Where to write each name's medians (`--per-name`), if anywhere.
    var perNameDirectory: String?
}

struct Measurement {
    let spec: CatalogSpec
    let names: [NameCase]
    let outcomes: [NameOutcome]
    /// Names whose floor ran no query (no title words).
    let namesWithoutQuery: Int
    /// Whether the trace saw the resolves (else `usedFTS` is unknown).
    let traced: Bool
    let floorSQL: String
    /// The connection settings the floor copied from the resolver's connection.
    let floorSettings: [(name: String, value: Int)]
    /// Per sample: the name's index, the resolve's and the floor's nanoseconds.
    var sampleName: [Int32] = []
    var resolveNanos: [UInt64] = []
    var floorNanos: [UInt64] = []
    var passes = 0
    var seconds = 0.0
}

@inline(__always) func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func log(_ message: String) {
    FileHandle.standardError.write(Data("SpeedReport: \(message)\n".utf8))
}

/// The names of a catalog: for a synthetic one, `settings.syntheticNames`
/// books at a fixed stride of `SyntheticCatalog(count: N)` (checked against
/// the catalog); for a realistic one, the cases file's names.
func names(for spec: CatalogSpec, catalog: Catalog, settings: Settings) throws -> [NameCase] {
    switch spec.kind {
    case .synthetic:
        let sample = sampleNames(books: spec.books, target: settings.syntheticNames, countingTwins: false)
        for s in sample.prefix(20) {
            guard let stored = try catalog.book(id: s.book.id), stored.book.title == s.book.title else {
                throw UsageError("""
                    \(spec.path) is not SyntheticCatalog(count: \(spec.books)): book \(s.book.id) differs; \
                    rebuild it (rerun Benchmarks/scale.sh for its catalogs, or delete it)
                    """)
            }
        }
        return sample.map { NameCase(name: $0.name, label: $0.kind.mustRefuse ? .refusal : .book($0.book.id)) }
    case .realistic:
        guard let path = settings.casesPath else { throw UsageError("a realistic catalog needs --cases FILE") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var cases: [NameCase] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let name = columns.first, !name.isEmpty else { continue }
            let expected = columns.count > 1 ? String(columns[1]) : ""
            let label: NameCase.Label = expected == "-" ? .refusal : Int64(expected).map { .book($0) } ?? .none
            cases.append(NameCase(name: String(name), label: label))
        }
        guard !cases.isEmpty else { throw UsageError("\(path) holds no cases") }
        let limit = settings.realisticNames
        guard limit > 0, cases.count > limit else { return cases }
        // A deterministic sample: every k-th case.
        let stride = cases.count / limit
        return cases.enumerated().filter { $0.offset % stride == 0 }.prefix(limit).map(\.element)
    }
}

func measure(_ spec: CatalogSpec, settings: Settings) throws -> Measurement {
    let started = now()
    log("[\(spec.label)] opening \(spec.path)")
    let catalog = try Catalog.open(path: spec.path)
    let active = try catalog.activeBookCount()
    guard active == spec.books else {
        throw UsageError("\(spec.path) has \(active) active books, not \(spec.books); rebuild it (rerun Benchmarks/speed.sh)")
    }
    let cases = try names(for: spec, catalog: catalog, settings: settings)
    let resolver = Resolver(catalog: catalog)
    let sql = try Probe.rankedSQL(catalog)

    // The floor's queries, made before any timing (reading the names is the
    // resolver's work, not the floor's).
    let reader = FilenameReader()
    let queries = cases.map { FloorQuery(name: $0.name, reader: reader) }
    defer { queries.forEach { $0.free() } }
    let connectionSettings = try Probe.readSettings(catalog)
    let floor = try Floor(path: spec.path, sql: sql, settings: connectionSettings)

    // Classifying pass: what each resolve does, with the trace on.
    log("[\(spec.label)] \(cases.count) names: classifying (explain on, traced)")
    var outcomes: [NameOutcome] = []
    var tracedAny = false
    try Probe.traced(catalog) { traceLog in
        for c in cases {
            traceLog.statements.removeAll(keepingCapacity: true)
            let r = try resolver.resolve(c.name, explain: true)
            let statements = r.explanation?.statements ?? 0
            if !traceLog.statements.isEmpty { tracedAny = true }
            outcomes.append(NameOutcome(resolved: r.isResolved, bookID: r.bookID, usedFTS: traceLog.statements.contains(where: Probe.isFTS),
                                        statements: statements, method: r.method))
        }
    }
    let traced = tracedAny || outcomes.allSatisfy { $0.statements == 0 }
    if !traced { log("[\(spec.label)] warning: the trace saw no statement; exact key / FTS split unknown") }

    // Warm-up: each name resolved twice, its floor run twice.
    log("[\(spec.label)] warming up")
    for _ in 0..<2 {
        for (c, q) in zip(cases, queries) {
            _ = try resolver.resolve(c.name)
            guard floor.run(q) >= 0 else { throw FloorError(description: "floor query \(q.expression ?? "") failed: \(floor.lastError)") }
        }
    }

    var m = Measurement(spec: spec, names: cases, outcomes: outcomes,
                        namesWithoutQuery: queries.filter { $0.text == nil }.count, traced: traced, floorSQL: sql,
                        floorSettings: connectionSettings)
    let capacity = max(settings.minSamples, cases.count) + cases.count
    m.sampleName.reserveCapacity(capacity)
    m.resolveNanos.reserveCapacity(capacity)
    m.floorNanos.reserveCapacity(capacity)
    log("[\(spec.label)] measuring (resolve and floor interleaved per name)")
    let measureStart = now()
    var pass = 0
    while pass < settings.maxPasses {
        for (i, c) in cases.enumerated() {
            let q = queries[i]
            // Which of the two runs first alternates by name and by pass.
            let resolveFirst = (i + pass) % 2 == 0
            var floorTime: UInt64 = 0
            var rows = 0
            if !resolveFirst {
                let t0 = now(); rows = floor.run(q); floorTime = now() - t0
            }
            let t0 = now()
            let r = try resolver.resolve(c.name)
            let resolveTime = now() - t0
            if resolveFirst {
                let t1 = now(); rows = floor.run(q); floorTime = now() - t1
            }
            guard rows >= 0 else { throw FloorError(description: "floor query \(q.expression ?? "") failed: \(floor.lastError)") }
            withExtendedLifetime(r) {}
            m.sampleName.append(Int32(i))
            m.resolveNanos.append(resolveTime)
            m.floorNanos.append(floorTime)
        }
        pass += 1
        let elapsed = Double(now() - measureStart) / 1e9
        if m.resolveNanos.count >= settings.minSamples && elapsed >= settings.minSeconds { break }
    }
    m.passes = pass
    m.seconds = Double(now() - started) / 1e9
    log("[\(spec.label)] \(m.resolveNanos.count) samples in \(pass) pass\(pass == 1 ? "" : "es"); \(String(format: "%.1f", m.seconds)) s in all")
    return m
}
