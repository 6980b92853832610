import ArgumentParser
import Crypto
import Foundation
import TomeCatalog

/// The catalog used when no `--db` is given: built on first use from the
/// bundled goodbooks-10k sample, kept in the user's cache folder, and brought
/// up to date (a synchronizing import) whenever the bundled sample changes.
enum DefaultCatalog {
    /// Where the default catalog lives: `$TOME_RESOLVE_CACHE`, else
    /// `$XDG_CACHE_HOME/tome-resolve`, else `~/.cache/tome-resolve`.
    static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["TOME_RESOLVE_CACHE"], !dir.isEmpty { return dir }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tome-resolve" }
        return NSHomeDirectory() + "/.cache/tome-resolve"
    }

    static var path: String { directory + "/goodbooks-10k.sqlite" }

    /// The bundled sample: the executable's resource, else the repository's copy.
    static var samplePath: String? {
        if let url = Bundle.module.url(forResource: "goodbooks-10k", withExtension: "jsonl"),
           FileManager.default.fileExists(atPath: url.path) {
            return url.path
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let repo = url.appendingPathComponent("Corpus/goodbooks-10k/catalog.jsonl").path
        return FileManager.default.fileExists(atPath: repo) ? repo : nil
    }

    /// Opens the default catalog, importing the sample when it is new or changed.
    static func open(log: (String) -> Void) throws -> Catalog {
        guard let sample = samplePath else {
            throw ValidationError("The bundled sample catalog is missing; pass --db PATH.")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let catalog = try Catalog.open(path: path, create: true)
        let digest = try sampleDigest(sample)
        if try catalog.metadata("sample_digest") != digest {
            log("Building the default catalog from the bundled sample (\(path))…")
            var source = try JSONLinesSource(path: sample)
            let summary = try catalog.importBooks(from: &source)
            try catalog.setMetadata("sample_digest", digest)
            log("  \(summary), in \(String(format: "%.1f", summary.seconds)) s")
        }
        return catalog
    }

    /// Builds or updates the default catalog like ``open(log:)``; returns
    /// its path (for `serve`, whose service opens the catalog itself).
    static func prepare(log: (String) -> Void) throws -> String {
        _ = try open(log: log)
        return path
    }

    static func sampleDigest(_ path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        // The derived-data version is part of it: a new way of normalizing
        // rebuilds the default catalog's keys on the next run.
        return "v\(CatalogSchema.derivedVersion)-" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// `--db PATH`, shared by the commands that read a catalog.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The catalog file. Default: a catalog built on first use from the bundled goodbooks-10k sample.")
    var db: String?

    func open() throws -> Catalog {
        if let db { return try Catalog.open(path: db) }
        return try DefaultCatalog.open { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }
}
