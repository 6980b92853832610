import Foundation
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
    /// Whether this process may write the catalog.
    public let access: Access

    /// How a catalog is opened.
    public enum Access: Sendable, Equatable {
        /// Read and written (imports, keys); WAL mode.
        case readWrite
        /// Only read: the file has no write permission, or its file system
        /// is mounted read-only (a published catalog in a container image, a
        /// replica). Nothing is written, not even `-wal`/`-shm` files: the
        /// file is opened `immutable` (no locks, no change detection) unless
        /// it has a non-empty write-ahead log, whose content must be read.
        case readOnly
    }

    private init(path: String, pool: DatabasePool, access: Access) {
        self.path = path
        self.pool = pool
        self.access = access
    }

    /// KiB of page cache each connection keeps (`PRAGMA cache_size`): at most
    /// this much memory per open connection (up to 8 readers and a writer).
    public static let readerCacheKiB = 16384

    /// Opens the catalog at `path`, creating it when `create` is true.
    ///
    /// An existing file is validated before anything is written to it: its
    /// header, then its schema through a read-only connection that creates
    /// no file. A file that fails — a directory, not SQLite, another
    /// application's database, a catalog from a newer TomeResolver, a
    /// corrupt schema — gets a clear ``CatalogError`` and is left byte for
    /// byte as it was. Only then is the schema created or upgraded and WAL
    /// mode set.
    ///
    /// A catalog that cannot be written (no write permission, a read-only
    /// file system) opens with ``Access/readOnly``, provided its schema is
    /// current; work that writes then fails with ``CatalogError/readOnly``.
    ///
    /// - Parameter extensions: other modules' tables kept in the same file
    ///   (``CatalogSchemaExtension``), created or upgraded with the catalog's.
    public static func open(path: String, create: Bool = false,
                            extensions: [CatalogSchemaExtension] = []) throws(CatalogError) -> Catalog {
        let file = try checkFile(path: path, create: create)
        let migrator = CatalogSchema.migrator(extensions: extensions)
        if file.exists {
            // A writable file may be written by another process meanwhile:
            // read it with locks (`mode=ro`), and remove the `-wal`/`-shm`
            // files that connection created if the file is refused.
            let sideFiles = [path + "-wal", path + "-shm"].filter { !FileManager.default.fileExists(atPath: $0) }
            do {
                try validate(path: path, migrator: migrator, extensions: extensions,
                             uri: readOnlyURI(path, immutable: file.readOnly && !file.hasLog))
            } catch {
                for created in sideFiles { try? FileManager.default.removeItem(atPath: created) }
                throw error
            }
        }
        if file.readOnly {
            return try openReadOnly(path: path, migrator: migrator, uri: readOnlyURI(path, immutable: !file.hasLog))
        }
        var configuration = baseConfiguration()
        configuration.busyMode = .timeout(30)
        let pool = try mapErrors(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return pool
        }
        return Catalog(path: path, pool: pool, access: .readWrite)
    }

    /// The settings of every connection to a catalog.
    private static func baseConfiguration() -> Configuration {
        var configuration = Configuration()
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
        return configuration
    }

    /// An SQLite URI that opens `path` read-only; `immutable`: without locks
    /// and without creating `-shm` or `-wal` files (only for a file nothing
    /// can write, with no write-ahead log to read).
    static func readOnlyURI(_ path: String, immutable: Bool) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file://" + escaped + (immutable ? "?mode=ro&immutable=1" : "?mode=ro")
    }

    /// Reads the schema through a read-only connection and refuses what is
    /// not a catalog this version can open. Writes nothing.
    private static func validate(path: String, migrator: DatabaseMigrator, extensions: [CatalogSchemaExtension],
                                 uri: String) throws(CatalogError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        configuration.label = "TomeCatalog.validation"
        try mapErrors(path: path) {
            let queue = try DatabaseQueue(path: uri, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in try checkSchema(db, path: path, migrator: migrator, extensions: extensions) }
        }
    }

    /// Opens a catalog that cannot be written: read-only connections only.
    private static func openReadOnly(path: String, migrator: DatabaseMigrator, uri: String) throws(CatalogError) -> Catalog {
        var configuration = baseConfiguration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return try mapErrors(path: path) {
            let pool = try DatabasePool(path: uri, configuration: configuration)
            let current = try pool.read { db in
                try db.tableExists("tome_catalog") && migrator.hasCompletedMigrations(db)
            }
            guard current else {
                throw CatalogError.readOnly(path: path, needed: "creating or upgrading its schema")
            }
            return Catalog(path: path, pool: pool, access: .readOnly)
        }
    }

    /// Creates or upgrades an extension's tables in this open catalog, through
    /// the catalog's migrator (what `open(path:extensions:)` does at opening).
    /// On a read-only catalog, succeeds only when they are already current.
    public func install(_ schemaExtension: CatalogSchemaExtension) throws(CatalogError) {
        let migrator = CatalogSchema.migrator(extensions: [schemaExtension])
        if access == .readOnly {
            let current = try read { db in try migrator.hasCompletedMigrations(db) }
            if !current { throw .readOnly(path: path, needed: "creating the \(schemaExtension.name) tables") }
            return
        }
        try mapErrors { try migrator.migrate(pool) }
    }

    /// What ``open(path:create:extensions:)`` learns from the file system.
    private struct FileFacts {
        var exists = false
        /// No write permission (for anyone, or for this process), or a
        /// read-only file system.
        var readOnly = false
        /// A non-empty `-wal` file lies beside it.
        var hasLog = false
    }

    /// Refuses paths that are missing, or hold something other than SQLite.
    private static func checkFile(path: String, create: Bool) throws(CatalogError) -> FileFacts {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if create { return FileFacts() }
            throw .missing(path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .notACatalog(path: path, reason: "it is a directory") }
        var facts = FileFacts(exists: true)
        var volume = statvfs()
        facts.readOnly = (info.st_mode & 0o222) == 0 || !FileManager.default.isWritableFile(atPath: path)
            || (statvfs(path, &volume) == 0 && (volume.f_flag & UInt(ST_RDONLY)) != 0)
        var log = stat()
        facts.hasLog = stat(path + "-wal", &log) == 0 && log.st_size > 0
        if info.st_size == 0 {
            if create && !facts.readOnly { return FileFacts() }
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
        return facts
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
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "database disk image is malformed")
        case .SQLITE_CANTOPEN: return .database("cannot open \(path): \(error.message ?? "unknown reason")")
        case .SQLITE_READONLY: return .readOnly(path: path, needed: "this")
        default: return .database(error.message ?? "\(error)")
        }
    }

    /// Checks the whole file with `PRAGMA quick_check`: every page, every
    /// record's format, but not that indexes match their tables. It reads
    /// the whole file — about a second per 100 MB on this project's 2-core
    /// machine (see the README) — so `serve` runs it once at start-up.
    /// Throws ``CatalogError/corrupt(path:detail:)`` with SQLite's first
    /// findings.
    public func quickCheck() throws(CatalogError) {
        let findings = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        if findings != ["ok"] {
            throw .corrupt(path: path, detail: findings.joined(separator: "; "))
        }
    }

    /// True once an import has completed into this catalog (possibly of no
    /// books); false for a catalog just created, or whose first import
    /// failed — whose emptiness says nothing about the library.
    public func hasCompletedImport() throws(CatalogError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM tome_catalog WHERE key = 'last_import_at') OR EXISTS (SELECT 1 FROM book)
                """) ?? false
        }
    }

    /// The ``CatalogSchema/derivedVersion`` the last completed import
    /// computed keys, tokens and core titles with; `nil` when no import has
    /// completed, or the last one predates this record (version 4 or older).
    /// When it is not this build's, names whose normalization changed
    /// between the versions may not meet their books until the next import
    /// of the same source, which recomputes every book.
    public func importedDerivedVersion() throws(CatalogError) -> Int? {
        try metadata("derived_version").flatMap { Int($0) }
    }

    /// Runs `body` in a read transaction (a consistent snapshot), mapping
    /// SQLite errors to ``CatalogError``.
    ///
    /// The transaction is begun and ended with statements prepared once per
    /// connection: GRDB's `read` prepares its `BEGIN` and `COMMIT` anew on
    /// every call, which cost a resolve more than some of its queries, and
    /// an API key check more than its query.
    public func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        try mapErrors {
            try pool.unsafeRead { db in
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                let result: T
                do {
                    result = try body(db)
                } catch {
                    try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                    throw error
                }
                do {
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                } catch {
                    // Never hand the connection back inside a transaction.
                    try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                    throw error
                }
                return result
            }
        }
    }

    /// Runs `body` in a write transaction: all of it commits, or none of it.
    /// On a read-only catalog, throws ``CatalogError/readOnly(path:needed:)``.
    public func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        try requireWritable(for: "writing")
        return try mapErrors { try pool.write(body) }
    }

    /// Throws ``CatalogError/readOnly(path:needed:)``, naming `work`, when
    /// the catalog was opened read-only.
    public func requireWritable(for work: String) throws(CatalogError) {
        if access == .readOnly { throw .readOnly(path: path, needed: work) }
    }

    /// Runs `body`, turning SQLite's errors into ``CatalogError``s.
    func mapErrors<T>(_ body: () throws -> T) throws(CatalogError) -> T {
        try Self.mapErrors(path: path, body)
    }

    /// Runs `body`, turning SQLite's errors about the catalog at `path` into
    /// ``CatalogError``s.
    static func mapErrors<T>(path: String, _ body: () throws -> T) throws(CatalogError) -> T {
        do {
            return try body()
        } catch let error as CatalogError {
            throw error
        } catch let error as DatabaseError {
            throw classify(error, path: path)
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
