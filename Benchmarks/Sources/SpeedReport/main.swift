// SpeedReport: the resolver's latency against the floor — one ranked FTS5
// MATCH of each name's distinctive words through the SQLite C API — measured
// in the same run, interleaved per name. See ../../README.md ("Resolve cost
// against the floor"); `Benchmarks/speed.sh` builds the catalogs and runs it.
//
//   SpeedReport [options] KIND:BOOKS:PATH…     measure, print markdown tables
//   SpeedReport count PATH                     print a catalog's active books (0 if unreadable)

import Foundation
import TomeCatalog

let usage = """
    usage: SpeedReport [options] KIND:BOOKS:PATH...
           SpeedReport count PATH

    KIND is synthetic (a `tome-resolve generate --books BOOKS` catalog; names made
    from its books) or realistic (Corpus/generated/catalog.jsonl plus synthetic
    books up to BOOKS; names from --cases).

    options:
      --cases FILE            the realistic names (first column), with labels (second)
      --synthetic-names N     names per synthetic catalog (default 1000)
      --realistic-names N     at most N cases, every k-th (default 0: all)
      --min-samples N         measure passes until at least N samples… (default 2000)
      --min-seconds S         …and at least S seconds (default 3)
      --max-passes N          but at most N passes over the names (default 20)
      --per-name DIR          also write DIR/KIND-BOOKS.tsv: each name's median resolve
                              and floor (ns), whether it ran FTS5, statements, method
    """

func parse(_ arguments: [String]) throws -> (Settings, [CatalogSpec]) {
    var settings = Settings()
    var specs: [CatalogSpec] = []
    var i = 0
    func value() throws -> String {
        i += 1
        guard i < arguments.count else { throw UsageError("\(arguments[i - 1]) needs a value") }
        return arguments[i]
    }
    func number(_ text: String) throws -> Int {
        guard let n = Int(text), n >= 0 else { throw UsageError("not a count: \(text)") }
        return n
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--cases": settings.casesPath = try value()
        case "--synthetic-names": settings.syntheticNames = max(1, try number(value()))
        case "--realistic-names": settings.realisticNames = try number(value())
        case "--min-samples": settings.minSamples = try number(value())
        case "--min-seconds":
            let text = try value()
            guard let s = Double(text), s >= 0 else { throw UsageError("not a number of seconds: \(text)") }
            settings.minSeconds = s
        case "--max-passes": settings.maxPasses = max(1, try number(value()))
        case "--per-name": settings.perNameDirectory = try value()
        case "-h", "--help": print(usage); exit(0)
        case let a where a.hasPrefix("-"): throw UsageError("unknown option \(a)\n\(usage)")
        case let a: specs.append(try CatalogSpec(parsing: a))
        }
        i += 1
    }
    guard !specs.isEmpty else { throw UsageError("no catalog given\n\(usage)") }
    return (settings, specs)
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "count" {
        guard arguments.count == 2 else { throw UsageError(usage) }
        // A catalog that is missing, unreadable or mid-import counts 0 books.
        let count = (try? Catalog.open(path: arguments[1]).activeBookCount()) ?? 0
        print(count)
        exit(0)
    }
    let (settings, specs) = try parse(arguments)
    var measurements: [Measurement] = []
    for spec in specs {
        let m = try measure(spec, settings: settings)
        if let directory = settings.perNameDirectory { try Report.writePerName(m, directory: directory) }
        measurements.append(m)
    }
    print(Report.render(measurements), terminator: "")
} catch {
    log("error: \(error)")
    exit(2)
}
