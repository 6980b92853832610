import Foundation
import GRDB
import Synchronization
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
    /// The connection pool that reads (many concurrent readers) and, for a
    /// catalog opened with `create` or one that needed a schema step, writes.
    /// A current catalog opened without `create` reads through read-only
    /// connections and writes through ``writer()``; write through that.
    public let pool: DatabasePool
    /// The writer opened at the first write, when the pool cannot write.
    private let laterWriter = Mutex<DatabaseQueue?>(nil)
    /// False when ``pool`` is read-only and ``laterWriter`` writes.
    private let writesThroughPool: Bool
    /// Whether this process may write the catalog.
    public let access: Access
    /// The file opened (device and inode), compared by ``fileChange()``;
    /// nil only when the file could not be seen right after opening.
    public let fileIdentity: CatalogFileIdentity?

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

    init(path: String, pool: DatabasePool, access: Access, writesThroughPool: Bool = true) {
        self.path = path
        self.pool = pool
        self.access = access
        self.writesThroughPool = writesThroughPool
        self.fileIdentity = CatalogFileIdentity.current(path: path)
    }

    /// The connection that writes: the pool's writer, or a connection
    /// opened at the first write for a catalog whose opening wrote nothing.
    public func writer() throws(CatalogError) -> any DatabaseWriter {
        if writesThroughPool { return pool }
        return try mapErrors {
            try laterWriter.withLock { (queue: inout DatabaseQueue?) throws -> DatabaseQueue in
                if let queue { return queue }
                var configuration = Self.baseConfiguration()
                configuration.busyMode = .timeout(30)
                let opened = try DatabaseQueue(path: path, configuration: configuration)
                queue = opened
                return opened
            }
        }
    }

    /// KiB of page cache each connection keeps (`PRAGMA cache_size`): at most
    /// this much memory per open connection (up to 8 readers and a writer).
    public static let readerCacheKiB = 16384

    /// The settings of every connection to a catalog.
    static func baseConfiguration() -> Configuration {
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
        try mapErrors {
            if try !pool.read({ db in try migrator.hasCompletedMigrations(db) }) { try migrator.migrate(writer()) }
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
        let writer = try writer()
        return try mapErrors { try writer.write(body) }
    }

    /// Throws ``CatalogError/readOnly(path:needed:)``, naming `work`, when
    /// the catalog was opened read-only, and
    /// ``CatalogError/fileChanged(path:change:)`` when its file was replaced
    /// or deleted since (writing then would put the old file's pages into
    /// the log the new file reads: see ``CatalogFileIdentity``).
    public func requireWritable(for work: String) throws(CatalogError) {
        if access == .readOnly { throw .readOnly(path: path, needed: work) }
        try requireUnchangedFile()
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
        } catch let error as ImportError {
            throw .importFailed(error)
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        } catch {
            throw .database("\(error)")
        }
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
