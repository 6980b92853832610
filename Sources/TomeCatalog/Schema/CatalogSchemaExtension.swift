import GRDB

/// Tables that another module keeps in the catalog's file (API keys, for
/// instance), created by migrations registered through the catalog's
/// migrator: one `grdb_migrations` table, one order, one upgrade on open.
///
/// ```swift
/// let keysSchema = CatalogSchemaExtension(name: "TomeKeys", migrations: [
///     .init("v2: api keys") { db in try db.execute(sql: "CREATE TABLE api_key (…)") },
/// ])
/// let catalog = try Catalog.open(path: path, extensions: [keysSchema])
/// ```
///
/// No import touches an extension's tables. A catalog opened without an
/// extension still opens a file where that extension ran: each extension
/// migration signs its identifier in `tome_catalog`.
public struct CatalogSchemaExtension: Sendable {
    /// One migration: a stable identifier (never change a shipped one) and its work.
    public struct Migration: Sendable {
        public var identifier: String
        public var migrate: @Sendable (Database) throws -> Void

        public init(_ identifier: String, migrate: @escaping @Sendable (Database) throws -> Void) {
            self.identifier = identifier
            self.migrate = migrate
        }
    }

    /// The owning module's name, recorded with each migration it ran.
    public var name: String
    public var migrations: [Migration]

    public init(name: String, migrations: [Migration]) {
        self.name = name
        self.migrations = migrations
    }
}
