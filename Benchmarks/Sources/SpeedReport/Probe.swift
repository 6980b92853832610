// What the resolver runs, read from its connection's SQLite trace: the exact
// SQL of its ranked FTS query (for the floor), and whether a name's resolve
// ran any FTS query at all.
//
// The trace is installed on the pool's first reader connection. GRDB's pool
// hands out the first available connection, so resolves made one at a time
// from one thread all run on it; `Probe` checks that it saw them.

import GRDB
import TomeCatalog

final class TraceLog: @unchecked Sendable {
    var statements: [String] = []
}

struct ProbeError: Error, CustomStringConvertible {
    let description: String
}

enum Probe {
    /// Runs `body` with every statement of the catalog's (first) reader
    /// connection logged, then removes the trace.
    static func traced<T>(_ catalog: Catalog, _ body: (TraceLog) throws -> T) throws -> T {
        let log = TraceLog()
        try catalog.pool.read { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { log.statements.append(statement.sql) }
            }
        }
        defer { try? catalog.pool.read { db in db.trace(options: []) } }
        return try body(log)
    }

    /// The resolver's connection settings that change what a read costs
    /// (memory-mapped I/O, page cache), as `(pragma, value)`: the floor's
    /// connection gets the same.
    static func readSettings(_ catalog: Catalog) throws -> [(name: String, value: Int)] {
        try catalog.read { db in
            try ["mmap_size", "cache_size"].map { name in
                (name, try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? 0)
            }
        }
    }

    /// Whether a traced statement is a full-text query.
    static func isFTS(_ sql: String) -> Bool { sql.contains(" MATCH ") || sql.contains("\nMATCH ") }

    /// The SQL `CatalogReader.bookIDs(matching:limit: 25)` runs — that is
    /// `FTSQuery.rankedSQL(limit: 25)` (internal to TomeCatalog) — read from
    /// the trace of one such query, so the floor runs exactly the resolver's
    /// statement even as it changes.
    static func rankedSQL(_ catalog: Catalog, limit: Int = 25) throws -> String {
        try traced(catalog) { log in
            _ = try catalog.reading { reader in try reader.bookIDs(matching: FTSQuery.quote("tome"), limit: limit) }
            guard let sql = log.statements.last(where: isFTS) else {
                throw ProbeError(description: """
                    could not read the resolver's FTS statement from the trace (saw \(log.statements.count) \
                    statements); GRDB's pool no longer hands out its first reader first?
                    """)
            }
            return sql
        }
    }
}
