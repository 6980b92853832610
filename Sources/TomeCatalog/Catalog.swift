import GRDB
import TomeNormalization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A catalog: the resolver's view of a library, in one SQLite file.
///
/// The file is opened as a GRDB `DatabasePool` in WAL mode, so readers never
/// block on a writer: a process that has the catalog open keeps answering
/// while `tome-resolve index` imports, and sees the new state as soon as the
/// import commits, without reopening.
///
/// ```swift
/// let catalog = try Catalog.open(path: "library.sqlite", create: true)
/// var source = try JSONLinesSource(path: "catalog.jsonl")
/// let summary = try catalog.importBooks(from: &source)
/// print(summary) // "added 10000, updated 0, removed 0, unchanged 0, files hashed 0"
/// ```
public final class Catalog: Sendable {
    /// The path of the SQLite file.
    public let path: String
    /// The connection pool: one writer, many concurrent readers.
    public let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// KiB of page cache each connection keeps (`PRAGMA cache_size`): at most
    /// this much memory per open connection (up to 8 readers and a writer).
    public static let readerCacheKiB = 16384

    /// Opens the catalog at `path`, creating it when `create` is true.
    ///
    /// The schema is created or upgraded as needed. Opening fails with a
    /// clear ``CatalogError`` when the file is missing (and `create` is
    /// false), is not a SQLite database, is a SQLite database of something
    /// else, or was written by a newer TomeResolver.
    ///
    /// - Parameter extensions: other modules' tables kept in the same file
    ///   (``CatalogSchemaExtension``), created or upgraded with the catalog's.
    public static func open(path: String, create: Bool = false,
                            extensions: [CatalogSchemaExtension] = []) throws(CatalogError) -> Catalog {
        try checkFile(path: path, create: create)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "TomeCatalog"
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            // A larger page cache per connection: lookups touch the same
            // interior pages of large indexes again and again, and each page
            // read from the file is a pread copy. (Memory-mapping the file
            // was measured too: faster on some workloads, slower on the
            // generated names, and its pages count in the process's RSS.)
            try db.execute(sql: "PRAGMA cache_size = -\(Catalog.readerCacheKiB)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        } catch {
            throw .database("\(error)")
        }
        do {
            let migrator = CatalogSchema.migrator(extensions: extensions)
            try pool.read { db in try checkSchema(db, path: path, migrator: migrator, extensions: extensions) }
            try migrator.migrate(pool)
        } catch let error as CatalogError {
            throw error
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        } catch {
            throw .database("\(error)")
        }
        return Catalog(path: path, pool: pool)
    }

    /// Creates or upgrades an extension's tables in this open catalog, through
    /// the catalog's migrator (what `open(path:extensions:)` does at opening).
    public func install(_ schemaExtension: CatalogSchemaExtension) throws(CatalogError) {
        let migrator = CatalogSchema.migrator(extensions: [schemaExtension])
        try mapErrors { try migrator.migrate(pool) }
    }

    /// Refuses paths that are missing, or hold something other than SQLite.
    private static func checkFile(path: String, create: Bool) throws(CatalogError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if create { return }
            throw .missing(path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .notACatalog(path: path, reason: "it is a directory") }
        if info.st_size == 0 {
            if create { return }
            throw .notACatalog(path: path, reason: "the file is empty")
        }
        guard let file = fopen(path, "rb") else {
            throw .notACatalog(path: path, reason: "the file cannot be opened (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 16)
        let read = fread(&header, 1, 16, file)
        if read < 16 || header != Array("SQLite format 3\0".utf8) {
            throw .notACatalog(path: path, reason: "the file is not a SQLite database")
        }
    }

    /// Refuses SQLite files of other applications, and catalogs from a newer version.
    private static func checkSchema(_ db: Database, path: String, migrator: DatabaseMigrator,
                                    extensions: [CatalogSchemaExtension]) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        let applied: Set<String> = tables.contains("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        if !tables.isEmpty && !tables.contains("tome_catalog") {
            throw CatalogError.notACatalog(path: path, reason: "it is a SQLite database of something else (tables: \(tables.prefix(5).joined(separator: ", ")))")
        }
        if tables.contains("tome_catalog") {
            let marker = try String.fetchOne(db, sql: "SELECT value FROM tome_catalog WHERE key = 'format'")
            guard marker == CatalogSchema.formatMarker else {
                throw CatalogError.notACatalog(path: path, reason: "its tome_catalog table has no format marker")
            }
        }
        // Migrations of extensions not opened here are theirs to judge.
        var known = Set(migrator.migrations).union(CatalogSchema.movedMigrations.keys)
        if tables.contains("tome_catalog") {
            let opened = Set(extensions.map(\.name))
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM tome_catalog WHERE key LIKE 'migration:%'") {
                let key: String = row[0], owner: String = row[1]
                if !opened.contains(owner) { known.insert(String(key.dropFirst("migration:".count))) }
            }
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw CatalogError.newerVersion(path: path, migrations: unknown.sorted())
        }
    }

    static func classify(_ error: DatabaseError, path: String) -> CatalogError {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notACatalog(path: path, reason: "the file is not a SQLite database")
        case .SQLITE_CORRUPT: return .notACatalog(path: path, reason: "the database is corrupt")
        case .SQLITE_CANTOPEN: return .database("cannot open \(path): \(error.message ?? "unknown reason")")
        case .SQLITE_READONLY: return .database("\(path) is read-only")
        default: return .database(error.message ?? "\(error)")
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot), mapping
    /// SQLite errors to ``CatalogError``.
    public func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        try mapErrors { try pool.read(body) }
    }

    /// Runs `body` in a write transaction: all of it commits, or none of it.
    public func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        try mapErrors { try pool.write(body) }
    }

    /// Runs `body`, turning SQLite's errors into ``CatalogError``s.
    func mapErrors<T>(_ body: () throws -> T) throws(CatalogError) -> T {
        do {
            return try body()
        } catch let error as CatalogError {
            throw error
        } catch let error as DatabaseError {
            throw Self.classify(error, path: path)
        } catch {
            throw .database("\(error)")
        }
    }

    // MARK: - Reading books

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

extension Catalog {
    /// A fact stored beside the catalog (`tome_catalog` table).
    public func metadata(_ key: String) throws(CatalogError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM tome_catalog WHERE key = ?", arguments: [key]) }
    }

    /// Stores a fact beside the catalog.
    public func setMetadata(_ key: String, _ value: String) throws(CatalogError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO tome_catalog (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }
}
