import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Opening a catalog: the file is checked (header, schema, version) before
// anything is written to it; SQLite's errors become `CatalogError`s.
extension Catalog {
    /// Opens the catalog at `path`, creating it when `create` is true.
    ///
    /// An existing file is validated before anything is written to it: its
    /// header, then its schema through a read-only connection that creates
    /// no file. A file that fails — a directory, not SQLite, another
    /// application's database, a catalog from a newer TomeResolver, a
    /// corrupt schema — gets a clear ``CatalogError`` and is left byte for
    /// byte as it was. Only then, and only when needed, is the schema created
    /// or upgraded and WAL mode set: a current catalog opens without a
    /// single write. A SQLite file without tables is made a catalog only
    /// with `create` (it is refused otherwise), and a file that another
    /// application claimed (`application_id` or `user_version` set) never.
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
        var state = ValidatedState()
        if file.exists {
            // A writable file may be written by another process meanwhile:
            // read it with locks (`mode=ro`), and remove the `-wal`/`-shm`
            // files that connection created if the file is refused.
            let sideFiles = [path + "-wal", path + "-shm"].filter { !FileManager.default.fileExists(atPath: $0) }
            do {
                state = try validate(path: path, migrator: migrator, extensions: extensions, create: create,
                                     uri: readOnlyURI(path, immutable: file.readOnly && !file.hasLog))
            } catch {
                for created in sideFiles { try? FileManager.default.removeItem(atPath: created) }
                throw error
            }
        }
        if file.readOnly {
            return try openReadOnly(path: path, migrator: migrator, uri: readOnlyURI(path, immutable: !file.hasLog))
        }
        if !create && state.isCurrent && state.isWAL {
            return try openWithoutWriting(path: path)
        }
        var configuration = baseConfiguration()
        configuration.busyMode = .timeout(30)
        let pool = try mapErrors(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration)
            if try !pool.read({ db in try migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(pool)
            }
            return pool
        }
        return Catalog(path: path, pool: pool, access: .readWrite)
    }

    /// Opens a current WAL-mode catalog without writing to it: GRDB's
    /// read-write pool writes a transaction at opening when the `-wal` file
    /// is empty (its `grdb_issue_102` table, created and dropped), so the
    /// readers are read-only connections (`mode=ro`, which still share the
    /// `-wal`/`-shm` files and see every commit) and the writer is opened
    /// at the first write (``Catalog/writer()``). `resolve` then never
    /// writes, and `serve` only when it records key use or imports.
    private static func openWithoutWriting(path: String) throws(CatalogError) -> Catalog {
        var configuration = baseConfiguration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let pool = try mapErrors(path: path) {
            try DatabasePool(path: readOnlyURI(path, immutable: false), configuration: configuration)
        }
        return Catalog(path: path, pool: pool, access: .readWrite, writesThroughPool: false)
    }

    /// What ``validate(path:migrator:extensions:create:uri:)`` learns of a
    /// file it accepts.
    struct ValidatedState {
        /// Every migration (the catalog's and the extensions') has run.
        var isCurrent = false
        /// The file is in WAL mode already.
        var isWAL = false
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
    @discardableResult
    private static func validate(path: String, migrator: DatabaseMigrator, extensions: [CatalogSchemaExtension],
                                 create: Bool, uri: String) throws(CatalogError) -> ValidatedState {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        configuration.label = "TomeCatalog.validation"
        return try mapErrors(path: path) {
            let queue = try DatabaseQueue(path: uri, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                try checkSchema(db, path: path, migrator: migrator, extensions: extensions, create: create)
                return ValidatedState(isCurrent: try migrator.hasCompletedMigrations(db),
                                      isWAL: try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            }
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

    /// Refuses SQLite files of other applications, and catalogs from a newer
    /// version. A SQLite file with no tables becomes a catalog only when
    /// `create` is true (`index`), and only when no application has claimed
    /// it: a catalog never sets `application_id` or `user_version`, so a
    /// file with either is another program's, tables or not.
    private static func checkSchema(_ db: Database, path: String, migrator: DatabaseMigrator,
                                    extensions: [CatalogSchemaExtension], create: Bool) throws {
        let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if applicationID != 0 || userVersion != 0 {
            throw CatalogError.notACatalog(path: path, reason: "it is another application's SQLite file (application_id \(applicationID), user_version \(userVersion))")
        }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if tables.isEmpty && !create {
            throw CatalogError.notACatalog(path: path, reason: "it is a SQLite database without tables")
        }
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
}
