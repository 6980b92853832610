import Foundation
import GRDB
import TomeNormalization

/// What an import did.
public struct ImportSummary: Sendable, Hashable, CustomStringConvertible {
    public var added = 0
    public var updated = 0
    /// Books marked removed because the source no longer has them (in
    /// `--replace` mode: books of the old catalog the new source lacks).
    public var removed = 0
    public var unchanged = 0
    public var filesHashed = 0
    /// Wall-clock seconds.
    public var seconds = 0.0

    public init() {}

    /// Books read from the source.
    public var total: Int { added + updated + unchanged }

    public var description: String {
        "added \(added), updated \(updated), removed \(removed), unchanged \(unchanged), files hashed \(filesHashed)"
    }
}

extension Catalog {
    /// Imports every book of `source` in one transaction.
    ///
    /// - Without `replace`, it synchronizes: new books are added, changed
    ///   books updated, books the source no longer has are marked removed (and
    ///   never answered again). Importing the same source twice changes nothing.
    /// - With `replace`, the catalog's books are dropped and the source's
    ///   inserted. Tables that are not the catalog's (API keys) are untouched.
    ///
    /// Any error — a bad line, a duplicate id, an unreadable file, a book
    /// over ``ImportLimits`` — rolls the whole import back: the catalog
    /// stays exactly as it was.
    ///
    /// A source that holds no book while the catalog holds active books
    /// would remove them all — more often a truncated export or a wrong
    /// path than a library really emptied — so it is refused
    /// (``ImportError/emptySource(catalogBooks:)``) unless `allowEmpty`.
    /// An empty source into a catalog without active books (a first
    /// import) removes nothing and is allowed: it completes an import.
    ///
    /// The work is shared between threads: reading threads (one per core, up
    /// to 3) read the source in turns, compare each book's fingerprint with
    /// the catalog's and compute the rows of new and changed books
    /// (``ImportReaders``); the write transaction writes them, in source
    /// order, on the catalog's writer. `source` is only read by those
    /// threads, one at a time, and not after this method returns. Into an
    /// empty catalog, and with `replace`, the import loads in bulk
    /// (``BulkLoad``).
    ///
    /// - Parameters:
    ///   - allowEmpty: import a source without books even when that removes
    ///     every book of the catalog.
    ///   - progress: called with the number of books read so far, every
    ///     1,000 books (on the writing thread).
    public func importBooks<Source: BookSource>(
        from source: inout Source, replace: Bool = false, allowEmpty: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws(CatalogError) -> ImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = ImportSummary()
        do {
            try TextNormalizer.prepare()
        } catch {
            throw .database("\(error)")
        }
        try requireWritable(for: "importing books")
        do {
            let writer = try writer()
            try withUnsafeMutablePointer(to: &source) { (source) throws(CatalogError) in
                try mapErrors {
                    try writer.writeWithoutTransaction { db in
                        // Committed pages still in the write-ahead log go to
                        // the file first (without waiting for readers), so
                        // that after a failure the log holds only the
                        // import's own pages and can be emptied.
                        _ = try? db.checkpoint(.passive)
                        let pausedForeignKeys = try Self.pauseForeignKeys(db)
                        defer { if pausedForeignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                        try db.inTransaction(.immediate) {
                            try importBooks(db, from: source, replace: replace, allowEmpty: allowEmpty,
                                            progress: progress, into: &summary)
                            return .commit
                        }
                    }
                }
            }
        } catch {
            // The rolled-back transaction's pages stay in the write-ahead
            // log, as large as the import got (on a full disk, the space
            // that filled it): a truncating checkpoint gives it back.
            releaseLog()
            throw error
        }
        summary.filesHashed = source.filesHashed
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// The import's transaction.
    private func importBooks<Source: BookSource>(
        _ db: Database, from source: UnsafeMutablePointer<Source>, replace: Bool, allowEmpty: Bool,
        progress: ((Int) -> Void)?, into summary: inout ImportSummary
    ) throws {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        let bulk: BulkLoad?
        if replace {
            bulk = try BulkLoad(db, replacing: true)
        } else if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM book)")! {
            bulk = try BulkLoad(db, replacing: false)
        } else {
            bulk = nil
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (id INTEGER PRIMARY KEY); DELETE FROM temp.import_seen")
        }
        // A bounded page cache: a synchronizing import updates index pages
        // all over the catalog (64 MiB); a bulk load appends (32 MiB is as
        // fast, and keeps the peak memory lower).
        try db.execute(sql: "PRAGMA cache_size = \(bulk == nil ? -65536 : -32768)")
        let writer = try BookWriter(db: db, bulk: bulk != nil)
        let readers = ImportReaders(source: source, comparingWith: bulk == nil ? pool : nil,
                                    workers: min(ProcessInfo.processInfo.activeProcessorCount, 3))
        readers.start()
        defer {
            readers.cancel()
            readers.wait()
        }
        var written: ImportBatch?
        while let batch = readers.next(returning: &written) {
            defer { written = batch }
            for item in batch.items {
                switch item {
                case .failure(let error):
                    throw error
                case .unchanged(let id, let position):
                    try writer.markSeen(id, position: position)
                    summary.unchanged += 1
                case .write(let rows, let position, let replacing):
                    if bulk == nil { try writer.markSeen(rows.book.id, position: position) }
                    if replacing {
                        try writer.delete(rows.book.id)
                        summary.updated += 1
                    } else {
                        summary.added += 1
                    }
                    try writer.insert(rows, position: position)
                }
                if summary.total % 1000 == 0 { progress?(summary.total) }
            }
        }
        if summary.total == 0 && !allowEmpty {
            // Nothing was written: the active books are the catalog's (with
            // `replace`, the ones deleted at the start).
            let held = try Int.fetchOne(db, sql: replace
                ? "SELECT count(*) FROM temp.import_previous"
                : "SELECT count(*) FROM book WHERE status = 'active'") ?? 0
            if held > 0 { throw ImportError.emptySource(catalogBooks: held) }
        }
        if let bulk {
            summary.removed = try bulk.finish(db)
        } else {
            let gone = try Int64.fetchAll(db, sql: """
                SELECT id FROM book WHERE status = 'active' AND id NOT IN (SELECT id FROM temp.import_seen)
                """)
            for id in gone { try writer.markRemoved(id) }
            summary.removed = gone.count
            try db.execute(sql: "DELETE FROM temp.import_seen")
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO tome_catalog (key, value) VALUES ('last_import_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
        // Every active book's keys are now this version's: a book derived by
        // another version has another fingerprint, so it was recomputed.
        try db.execute(sql: "INSERT OR REPLACE INTO tome_catalog (key, value) VALUES ('derived_version', ?)",
                       arguments: [String(CatalogSchema.derivedVersion)])
    }
}

extension Catalog {
    /// Empties the write-ahead log file (`PRAGMA wal_checkpoint(TRUNCATE)`),
    /// waiting for readers as long as the busy timeout allows; a failure is
    /// ignored (the next checkpoint reuses the space).
    func releaseLog() {
        _ = try? writer().writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Turns the connection's foreign key checks off for an import, when no
    /// table but the catalog's own references `book`: every row an import
    /// writes references a book it has just written, and it deletes a
    /// book's rows itself before the book, so the checks can never fail —
    /// but they would look a book up for each of its keys (a third of a
    /// large bulk load's final phase). A host table that references `book`
    /// keeps them on, and its `ON DELETE` actions run as before.
    /// - Returns: whether the checks were on and are now off (the caller
    ///   turns them back on, outside the transaction).
    static func pauseForeignKeys(_ db: Database) throws -> Bool {
        guard try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true else { return false }
        let referencing = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
            WHERE m.type = 'table' AND f."table" = 'book' AND m.name NOT IN ('book_file', 'book_key', 'book_hash')
            """) ?? 0
        guard referencing == 0 else { return false }
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        return true
    }
}

extension CatalogBook {
    /// ``validate()`` with the source position in the message; `lines`:
    /// the position is a line number (else the book's id, which a limit's
    /// error already names).
    func validate(at position: Int?, lines: Bool) throws(ImportError) {
        do {
            try validate()
        } catch {
            guard let position else { throw error }
            switch error {
            case .invalidBook(let reason):
                throw .badLine(line: position, reason: reason)
            case .textTooLong(_, let field, let bytes, let limit) where lines:
                throw .textTooLong(at: .line(position), field: field, bytes: bytes, limit: limit)
            case .tooMany(_, let field, let count, let limit) where lines:
                throw .tooMany(at: .line(position), field: field, count: count, limit: limit)
            default:
                throw error
            }
        }
    }
}

/// Writes books' rows into the catalog's tables with prepared statements
/// reused for every book.
struct BookWriter {
    let db: Database
    let now: String
    /// A ``BulkLoad``: keys go to `temp.import_key`, duplicate ids are
    /// found by `book`'s primary key.
    let bulk: Bool
    private let insertBook, insertFile, insertKey, insertFTS, insertHash: ImportStatement
    private let markSeenStatement: ImportStatement?

    init(db: Database, bulk: Bool) throws {
        self.db = db
        self.bulk = bulk
        self.now = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')") ?? ""
        insertBook = try ImportStatement(db, sql: """
            INSERT INTO book (id, title, authors, series, series_index, book_type, alt_titles, language, year,
                              identifiers, status, fingerprint, title_key, title_latin_key, series_key, core_key, core_volume,
                              author_keys, imported_at, run, content_type, chapter_series_key,
                              subtitle_main_key, subtitle_rest_key, series_core_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFile = try ImportStatement(db, sql: """
            INSERT INTO book_file (book_id, position, path, basename, format, size, ko_md5) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertKey = try ImportStatement(db, sql: bulk
            ? "INSERT INTO temp.import_key (key, book_id, kind) VALUES (?, ?, ?)"
            : "INSERT OR IGNORE INTO book_key (key, book_id, kind) VALUES (?, ?, ?)")
        insertFTS = try ImportStatement(db, sql: "INSERT INTO book_fts (rowid, title, series, authors, alt_titles) VALUES (?, ?, ?, ?, ?)")
        insertHash = try ImportStatement(db, sql: "INSERT OR IGNORE INTO book_hash (ko_md5, book_id) VALUES (?, ?)")
        markSeenStatement = bulk ? nil : try ImportStatement(db, sql: "INSERT OR IGNORE INTO temp.import_seen (id) VALUES (?)")
    }

    /// Records that the source has book `id` (`temp.import_seen`, outside
    /// bulk mode); a second time is an error.
    func markSeen(_ id: Int64, position: Int?) throws {
        guard let markSeenStatement else { return }
        markSeenStatement.bind(id)
        guard try markSeenStatement.run() == 1 else { throw ImportError.duplicateID(id: id, line: position) }
    }

    /// Marks a book removed: it stays stored but leaves every index.
    func markRemoved(_ id: Int64) throws {
        try deleteDerived(id)
        try db.cachedStatement(sql: "UPDATE book SET status = 'removed', imported_at = ? WHERE id = ?").execute(arguments: [now, id])
    }

    /// Deletes a stored book and its rows, for its new version.
    func delete(_ id: Int64) throws {
        try deleteDerived(id)
        try db.cachedStatement(sql: "DELETE FROM book WHERE id = ?").execute(arguments: [id])
    }

    private func deleteDerived(_ id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM book_fts WHERE rowid = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM book_key WHERE book_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM book_file WHERE book_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM book_hash WHERE book_id = ?").execute(arguments: [id])
    }

    /// Inserts a new book with its files, keys and FTS row. In bulk mode a
    /// second book with the same id is reported as a duplicate id.
    func insert(_ rows: BookRows, position: Int?) throws {
        let book = rows.book
        let s = insertBook
        s.bind(book.id); s.bind(book.title); s.bind(rows.authorsJSON); s.bind(book.series); s.bind(book.seriesIndex)
        s.bind(book.bookType?.rawValue); s.bind(rows.altTitlesJSON); s.bind(book.language); s.bind(book.year)
        s.bind(rows.identifiersJSON); s.bind(rows.fingerprint); s.bind(rows.titleKey)
        s.bind(rows.titleLatinKey); s.bind(rows.seriesKey); s.bind(rows.coreKey); s.bind(rows.coreVolume)
        s.bind(rows.authorKeysJSON); s.bind(now); s.bind(book.run); s.bind(book.contentType.rawValue)
        s.bind(rows.chapterSeriesKey)
        let facts = rows.facts.columns
        s.bind(facts.subtitleMain); s.bind(facts.subtitleRest); s.bind(facts.seriesCore)
        do {
            try s.run()
        } catch let error as DatabaseError where bulk && error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw ImportError.duplicateID(id: book.id, line: position)
        }
        for (index, file) in rows.files.enumerated() {
            let f = insertFile
            f.bind(book.id); f.bind(Int64(index)); f.bind(file.path); f.bind(file.basename); f.bind(file.format)
            f.bind(file.size); f.bind(file.koMD5)
            try f.run()
        }
        for (key, kind) in rows.keys {
            insertKey.bind(key); insertKey.bind(book.id); insertKey.bind(kind.rawValue)
            try insertKey.run()
        }
        for md5 in book.koMD5s {
            insertHash.bind(md5); insertHash.bind(book.id)
            try insertHash.run()
        }
        guard book.contentType == .volume else { return }
        let t = insertFTS
        t.bind(book.id); t.bind(rows.ftsTitle); t.bind(rows.ftsSeries); t.bind(rows.ftsAuthors); t.bind(rows.ftsAltTitles)
        try t.run()
    }
}

/// Formats from file names.
enum FileFormat {
    /// The lowercased extension of `path` (`kepub.epub` kept whole).
    static func guess(_ path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".kepub.epub") { return "kepub.epub" }
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        let ext = String(lower[lower.index(after: dot)...])
        return ext.isEmpty ? nil : ext
    }
}
