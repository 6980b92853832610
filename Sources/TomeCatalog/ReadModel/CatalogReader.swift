import GRDB

/// The catalog's read model for one resolve: every query the resolver asks,
/// inside one read transaction (a consistent snapshot), with prepared
/// statements cached per connection.
///
/// The resolver never writes SQL: it asks for ids by exact key, by file, by
/// series or by full-text match, then for ``CandidateRecord``s.
///
/// ```swift
/// let ids = try catalog.reading { reader in
///     try reader.bookIDs(key: "the hunger games", preferringVolume: nil, limit: 20)
/// }
/// ```
///
/// ``statements`` counts the statements run, for `--explain` and benchmarks.
public struct CatalogReader {
    let db: Database
    /// Statements run so far by this reader.
    public private(set) var statements = 0

    init(db: Database) {
        self.db = db
    }

    private mutating func ids(_ sql: String, _ arguments: StatementArguments) throws -> [Int64] {
        statements += 1
        return try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    // MARK: Files

    /// Active books with a file whose KOReader partial MD5 is `koMD5`
    /// (lowercase hex), or that hash among their other hashes (`book_hash`).
    public mutating func bookIDs(koMD5: String, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT DISTINCT h.book_id
            FROM (SELECT book_id FROM book_file WHERE ko_md5 = ?1 UNION SELECT book_id FROM book_hash WHERE ko_md5 = ?1) AS h
            JOIN book b ON b.id = h.book_id
            WHERE b.status = 'active' LIMIT ?2
            """, [koMD5, limit])
    }

    /// For each of `koMD5s` (lowercase hex) that files (or `book_hash`
    /// rows) of exactly one active book carry, that book: one statement for
    /// the whole list.
    public mutating func bookIDs(koMD5s: [String]) throws -> [String: Int64] {
        guard !koMD5s.isEmpty else { return [:] }
        statements += 1
        let list = "[" + koMD5s.map(CatalogReader.jsonString).joined(separator: ",") + "]"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            WITH wanted AS (SELECT DISTINCT value AS hash FROM json_each(?)),
                 found AS (SELECT f.ko_md5, f.book_id FROM wanted JOIN book_file f ON f.ko_md5 = wanted.hash
                           UNION
                           SELECT h.ko_md5, h.book_id FROM wanted JOIN book_hash h ON h.ko_md5 = wanted.hash)
            SELECT found.ko_md5, min(found.book_id), count(DISTINCT found.book_id)
            FROM found JOIN book b ON b.id = found.book_id AND b.status = 'active'
            GROUP BY found.ko_md5
            """), arguments: [list])
        var books: [String: Int64] = [:]
        while let row = try rows.next() {
            if (row[2] as Int) == 1 { books[row[0]] = row[1] }
        }
        return books
    }

    /// Active books with a file at the relative `path`.
    public mutating func bookIDs(path: String, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
            WHERE f.path = ? AND b.status = 'active' LIMIT ?
            """, [path, limit])
    }

    /// Active books with a file named `basename`.
    public mutating func bookIDs(basename: String, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
            WHERE f.basename = ? AND b.status = 'active' LIMIT ?
            """, [basename, limit])
    }

    // MARK: Keys

    /// Active books of the series whose normalized name is `seriesKey`, with
    /// series index `index`.
    public mutating func bookIDs(seriesKey: String, index: Double, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT id FROM book WHERE series_key = ? AND series_index = ? AND status = 'active' LIMIT ?
            """, [seriesKey, index, limit])
    }

    /// Active chapter books (``ContentType/chapter``) of a series whose
    /// normalized name is one of `seriesKeys`, with chapter number
    /// `chapter`, each with its normalized author names (own script, then
    /// Latin letters).
    public mutating func chapterBooks(seriesKeys: [String], chapter: Double, limit: Int) throws -> [(id: Int64, authorKeys: [String])] {
        guard !seriesKeys.isEmpty else { return [] }
        statements += 1
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT id, author_keys FROM book
            WHERE chapter_series_key IN (SELECT value FROM json_each(?)) AND series_index = ? AND status = 'active'
            LIMIT ?
            """), arguments: ["[" + seriesKeys.map(CatalogReader.jsonString).joined(separator: ",") + "]", chapter, limit])
        return rows.map { (id: $0[0], authorKeys: JSONText.strings($0[1])) }
    }

    /// Active books of the series `seriesKey`, lowest index first.
    public mutating func bookIDs(seriesKey: String, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT id FROM book WHERE series_key = ? AND status = 'active' ORDER BY series_index LIMIT ?
            """, [seriesKey, limit])
    }

    /// Active books with an exact key (any ``KeyKind``) equal to `key`; books
    /// whose series index or title volume is `volume` first.
    public mutating func bookIDs(key: String, preferringVolume volume: Double?, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT k.book_id FROM book_key k JOIN book b ON b.id = k.book_id
            WHERE k.key = ? AND b.status = 'active'
            ORDER BY (b.series_index IS ? OR b.core_volume IS ?) DESC LIMIT ?
            """, [key, volume, volume, limit])
    }

    /// Every exact lookup of ``ExactLookup`` in **one** statement: the ids in
    /// the lookup's order (whole name, then each series, then each key), at
    /// most the lookup's limits, repeated ids included (the caller dedups),
    /// and whether a limit left books out.
    ///
    /// Equivalent to ``bookIDs(key:preferringVolume:limit:)`` for the whole
    /// name (limit 10, no volume preferred) and for each key (limit 20, the
    /// volume first), and to ``bookIDs(seriesKey:index:limit:)`` then
    /// ``bookIDs(seriesKey:limit:)`` (5 each) for each series key, run one
    /// after the other — without a statement per key.
    public mutating func bookIDs(exact lookup: ExactLookup) throws -> ExactLookup.Found {
        guard !lookup.isEmpty else { return .init(ids: [], isComplete: true) }
        statements += 1
        var keys = lookup.keys.map { CatalogReader.jsonString($0) }
        if let whole = lookup.wholeName { keys.insert(CatalogReader.jsonString(whole), at: 0) }
        let keyList = "[" + keys.joined(separator: ",") + "]"
        let seriesList = "[" + lookup.seriesKeys.map { CatalogReader.jsonString($0) }.joined(separator: ",") + "]"
        let statement = try db.cachedStatement(sql: ExactLookup.sql)
        statement.setUncheckedArguments([keyList, lookup.wholeName == nil ? 0 : 1, lookup.volume, seriesList])
        var rows: [ExactLookup.Row] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(.init(part: row[0], ord: row[1], id: row[2], rank: row[3] ?? 0, group: row[4]))
        }
        let found = ExactLookup.rank(rows, hasVolume: lookup.volume != nil)
        return found
    }

    /// `text` as a JSON string literal (for `json_each` lists).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Full text

    /// The best `limit` books for an FTS5 `MATCH` expression (build it with
    /// ``FTSQuery``), ranked by bm25 among at most ``FTSQuery/rankWindow`` matches.
    public mutating func bookIDs(matching expression: String, limit: Int) throws -> [Int64] {
        try ids(FTSQuery.rankedSQL(limit: limit), [expression])
    }

    /// The first `limit` books (lowest ids) for an FTS5 `MATCH` expression,
    /// unranked: for asking whether any book matches, or whether fewer than
    /// `limit` do — bm25 would rank rows nobody looks at.
    public mutating func bookIDs(matchingUnranked expression: String, limit: Int) throws -> [Int64] {
        try ids("SELECT rowid FROM book_fts WHERE book_fts MATCH ? LIMIT ?", [expression, limit])
    }

    // MARK: Candidates

    /// The active books among `ids`, in the order of `ids`, with their alt
    /// titles and Latin series: **one** statement, whatever the number of
    /// ids (they travel as one JSON array; the alt keys as one text column).
    public mutating func candidates(_ ids: [Int64]) throws -> [CandidateRecord] {
        guard !ids.isEmpty else { return [] }
        var list = "["
        for (i, id) in ids.enumerated() {
            if i > 0 { list += "," }
            list += String(id)
        }
        list += "]"
        statements += 1
        var byID: [Int64: CandidateRecord] = [:]
        byID.reserveCapacity(ids.count)
        let rows = try CandidateRecord.fetchCursor(db.cachedStatement(sql: CandidateRecord.sql), arguments: [list])
        while let record = try rows.next() {
            byID[record.id] = record
        }
        return ids.compactMap { byID[$0] }
    }
}

extension Catalog {
    /// Runs `body` with a ``CatalogReader`` in one read transaction, mapping
    /// SQLite errors to ``CatalogError`` (see ``Catalog/read(_:)``).
    public func reading<T>(_ body: (inout CatalogReader) throws -> T) throws(CatalogError) -> T {
        try read { db in
            var reader = CatalogReader(db: db)
            return try body(&reader)
        }
    }
}
