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

    /// Active books with a file whose KOReader partial MD5 is `koMD5` (lowercase hex).
    public mutating func bookIDs(koMD5: String, limit: Int) throws -> [Int64] {
        try ids("""
            SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
            WHERE f.ko_md5 = ? AND b.status = 'active' LIMIT ?
            """, [koMD5, limit])
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

    // MARK: Full text

    /// The best `limit` books for an FTS5 `MATCH` expression (build it with
    /// ``FTSQuery``), ranked by bm25 among at most ``FTSQuery/rankWindow`` matches.
    public mutating func bookIDs(matching expression: String, limit: Int) throws -> [Int64] {
        try ids(FTSQuery.rankedSQL(limit: limit), [expression])
    }

    // MARK: Candidates

    /// The active books among `ids`, in the order of `ids`, with their alt
    /// titles and Latin series. Two statements, whatever the number of ids:
    /// the ids travel as one JSON array.
    public mutating func candidates(_ ids: [Int64]) throws -> [CandidateRecord] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        statements += 2
        var alts: [Int64: [(key: String, kind: KeyKind)]] = [:]
        let keys = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT book_id, key, kind FROM book_key
            WHERE book_id IN (SELECT value FROM json_each(?)) AND kind IN (?, ?, ?)
            """), arguments: [list, KeyKind.alt.rawValue, KeyKind.altLatin.rawValue, KeyKind.seriesLatin.rawValue])
        while let row = try keys.next() {
            guard let kind = KeyKind(rawValue: row[2]) else { continue }
            alts[row[0], default: []].append((row[1], kind))
        }
        var byID: [Int64: CandidateRecord] = [:]
        let rows = try CandidateRecord.fetchCursor(db.cachedStatement(sql: """
            SELECT \(CandidateRecord.columns)
            FROM book WHERE id IN (SELECT value FROM json_each(?)) AND status = 'active'
            """), arguments: [list])
        while var record = try rows.next() {
            for (key, kind) in alts[record.id] ?? [] {
                let tokens = key.split(separator: " ").map(String.init)
                guard !tokens.isEmpty else { continue }
                switch kind {
                case .alt: record.altTitles.append(.init(tokens: tokens, isLatin: false))
                case .altLatin: record.altTitles.append(.init(tokens: tokens, isLatin: true))
                case .seriesLatin: if record.seriesLatinTokens.isEmpty { record.seriesLatinTokens = tokens }
                default: break
                }
            }
            byID[record.id] = record
        }
        return ids.compactMap { byID[$0] }
    }
}

extension Catalog {
    /// Runs `body` with a ``CatalogReader`` in one read transaction, mapping
    /// SQLite errors to ``CatalogError``.
    public func reading<T>(_ body: (inout CatalogReader) throws -> T) throws(CatalogError) -> T {
        try read { db in
            var reader = CatalogReader(db: db)
            return try body(&reader)
        }
    }
}
