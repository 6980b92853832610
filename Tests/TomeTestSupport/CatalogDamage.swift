import Foundation
import GRDB
import TomeCatalog

/// Ways to damage a catalog file on purpose, for the tests of what happens next.
public enum CatalogDamage {
    /// The tables and indexes whose pages ``corruptBooks(atPath:)`` overwrites:
    /// every read of books or keys, but not the schema, hits one.
    public static let bookStructures = ["book", "book_by_status", "book_key", "book_file", "book_fts_data", "book_fts_idx"]

    /// Folds the catalog's write-ahead log into its file (the catalog must
    /// not be open in this process afterwards), then overwrites every page of
    /// ``bookStructures`` with garbage. The schema stays readable, so the
    /// file still opens; reading a book fails with `SQLITE_CORRUPT`.
    public static func corruptBooks(atPath path: String) throws {
        let queue = try DatabaseQueue(path: path)
        // Every committed page into the file, the log emptied (the result,
        // the log's and checkpoint's page counts, is not needed).
        _ = try queue.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let (pages, pageSize) = try queue.read { db in
            let names = bookStructures.map { "'\($0)'" }.joined(separator: ", ")
            return (try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name IN (\(names))"),
                    try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
        try queue.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let garbage = Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        for page in pages {
            try handle.seek(toOffset: UInt64((page - 1) * pageSize))
            try handle.write(contentsOf: garbage)
        }
    }

    /// The bytes of `path`, or nil when there is no such file.
    public static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }
}
