import Foundation
import GRDB

/// An import into an empty catalog, or with `--replace`: every book is new,
/// so the tables are loaded the way SQLite loads fastest, inside the
/// import's transaction.
///
/// - The secondary indexes of `book`, `book_file` and `book_key` are dropped
///   at the start and created again at the end with their own SQL: one sort
///   per index instead of a B-tree insert per row at a random place. Two are
///   kept, `book_by_status` and `book_file_by_book`: books come in id order,
///   so their entries append.
/// - `book_key` rows are staged in `temp.import_key` and inserted at the end
///   in key order (the table is its primary key: sorted inserts append).
///   Inserted as they come, they cost the writing thread twice as much as
///   everything else it does (each lands on a random page of a B-tree far
///   larger than the page cache).
/// - Sorts run with SQLite's helper threads (`PRAGMA threads`), in a page
///   cache cut to 16 MiB (a sort buffers as much as the cache holds).
/// - Duplicate ids are caught by `book`'s primary key, not `temp.import_seen`.
///
/// All of it is schema and rows changed in the one transaction: an error
/// rolls back the dropped indexes with the rest. Other connections keep
/// reading the catalog as it was (indexes included) until the commit.
struct BulkLoad {
    /// `CREATE INDEX` statements of the dropped indexes, in schema order.
    let indexes: [String]

    /// Helper threads for SQLite's sorts: one per other core, at most 3.
    static let sortThreads = max(0, min(ProcessInfo.processInfo.activeProcessorCount - 1, 3))

    /// Indexes kept during a bulk load: their entries append.
    static let appendedIndexes: Set<String> = ["book_by_status", "book_file_by_book"]

    /// Prepares a bulk load; with `replacing`, first records the active ids
    /// (`temp.import_previous`, to count the removed books) and deletes
    /// every book.
    init(_ db: Database, replacing: Bool) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN ('book', 'book_file', 'book_key') AND sql IS NOT NULL
            ORDER BY rowid
            """).filter { !Self.appendedIndexes.contains($0["name"]) }
        for row in rows {
            try db.execute(sql: "DROP INDEX " + (row["name"] as String).quotedDatabaseIdentifier)
        }
        indexes = rows.map { $0["sql"] }
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_key;
            CREATE TEMP TABLE import_key (key TEXT NOT NULL, book_id INTEGER NOT NULL, kind TEXT NOT NULL);
            DROP TABLE IF EXISTS temp.import_previous;
            CREATE TEMP TABLE import_previous (id INTEGER PRIMARY KEY);
            """)
        if replacing {
            try db.execute(sql: """
                INSERT INTO temp.import_previous (id) SELECT id FROM book WHERE status = 'active';
                DELETE FROM book_fts; DELETE FROM book_key;
                DELETE FROM book_file; DELETE FROM book_hash; DELETE FROM book;
                """)
        }
    }

    /// Inserts the staged keys, creates the dropped indexes again, and
    /// returns the number of books removed (active before, absent from the
    /// source).
    func finish(_ db: Database) throws -> Int {
        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA threads = \(Self.sortThreads)")
        defer { try? db.execute(sql: "PRAGMA threads = \(threads)") }
        try db.execute(sql: """
            INSERT OR IGNORE INTO book_key (key, book_id, kind)
            SELECT key, book_id, kind FROM temp.import_key ORDER BY key, book_id, kind;
            DROP TABLE temp.import_key;
            """)
        for sql in indexes { try db.execute(sql: sql) }
        let removed = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM temp.import_previous WHERE id NOT IN (SELECT id FROM main.book)
            """) ?? 0
        try db.execute(sql: "DROP TABLE temp.import_previous")
        return removed
    }
}

