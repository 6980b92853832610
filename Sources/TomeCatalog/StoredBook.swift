import GRDB

// Reading stored books: counts and whole records, for tests, exports and
// `/healthz` (never the resolve path, which reads through `CatalogReader`).
extension Catalog {
    /// The number of active books.
    public func activeBookCount() throws(CatalogError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM book WHERE status = 'active'") ?? 0 }
    }

    /// The stored book with `id`, active or removed.
    public func book(id: Int64) throws(CatalogError) -> StoredBook? {
        try read { db in try StoredBook.fetch(db, ids: [id]).first }
    }

    /// Every stored book, in id order (for tests and exports; not for the
    /// resolve path).
    public func allBooks() throws(CatalogError) -> [StoredBook] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM book ORDER BY id")
            return try StoredBook.fetch(db, ids: ids)
        }
    }
}

/// A book as the catalog holds it: the imported record and its state.
public struct StoredBook: Sendable, Hashable {
    public var book: CatalogBook
    /// `false` once the source no longer has the book.
    public var isActive: Bool

    static func fetch(_ db: Database, ids: [Int64]) throws -> [StoredBook] {
        var result: [StoredBook] = []
        let bookStatement = try db.cachedStatement(sql: """
            SELECT id, title, authors, series, series_index, book_type, alt_titles, language, year, identifiers, status, run
            FROM book WHERE id = ?
            """)
        let fileStatement = try db.cachedStatement(sql: """
            SELECT path, format, size, ko_md5 FROM book_file WHERE book_id = ? ORDER BY position
            """)
        for id in ids {
            guard let row = try Row.fetchOne(bookStatement, arguments: [id]) else { continue }
            let files = try Row.fetchAll(fileStatement, arguments: [id]).map {
                CatalogFile(path: $0["path"], format: $0["format"], size: $0["size"], koMD5: $0["ko_md5"])
            }
            let book = CatalogBook(
                id: row["id"], title: row["title"], authors: JSONText.strings(row["authors"]),
                series: row["series"], seriesIndex: row["series_index"], run: row["run"],
                bookType: (row["book_type"] as String?).flatMap(BookType.init(rawValue:)),
                altTitles: JSONText.strings(row["alt_titles"]), language: row["language"], year: row["year"],
                identifiers: JSONText.dictionary(row["identifiers"]), files: files)
            result.append(StoredBook(book: book, isActive: (row["status"] as String) == "active"))
        }
        return result
    }
}
