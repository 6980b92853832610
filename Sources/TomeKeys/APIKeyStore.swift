import Crypto
import Foundation
import GRDB
import Synchronization
import TomeCatalog

/// API keys for the resolve service, kept in the catalog file (table
/// `api_key`, which no import touches).
///
/// A key is `tk_` followed by 40 characters drawn from a cryptographically
/// secure generator. Only its SHA-256 hash and a short prefix (for display)
/// are stored: the plaintext is returned once, by ``create(label:)``, and
/// cannot be recovered. Presented keys are compared hash to hash in constant
/// time.
///
/// `last_used_at` is kept in memory as requests arrive and written to the
/// file by ``flushUsage()`` (the server calls it every minute and at
/// shutdown), so authenticating never writes to the database.
public final class APIKeyStore: Sendable {
    public let catalog: Catalog
    private let usage = Mutex<[Int64: Date]>([:])

    /// A stored key, without its secret.
    public struct Key: Sendable, Hashable {
        public var id: Int64
        public var label: String
        /// The first characters of the key (`tk_Ab12C`), to tell keys apart.
        public var prefix: String
        public var createdAt: String
        public var lastUsedAt: String?
        public var revokedAt: String?
        public var isRevoked: Bool { revokedAt != nil }
    }

    /// Characters of a key after `tk_`.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let secretLength = 40
    static let prefixLength = 8

    /// Keys in `catalog`'s file; creates the `api_key` table when missing.
    public init(catalog: Catalog) throws(CatalogError) {
        self.catalog = catalog
        try catalog.install(Self.schema)
    }

    /// The `api_key` table, registered through the catalog's migrator.
    /// The identifier is the one the catalog used before the table moved
    /// here, so files that already have the table open unchanged.
    public static let schema = CatalogSchemaExtension(name: "TomeKeys", migrations: [
        .init("v2: api keys") { db in
            // Not catalog data: no import, `--replace` included, touches it.
            try db.execute(sql: """
                CREATE TABLE api_key (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    label TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    hash BLOB NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    last_used_at TEXT,
                    revoked_at TEXT
                );
                CREATE INDEX api_key_by_prefix ON api_key (prefix);
                """)
        },
        // Hashes as Tome stores them (SHA-256 hex of the whole `tk_…` key,
        // lowercase), so a key imported from Tome and one made here verify
        // alike; and where a key came from.
        .init("TomeKeys v3: hex hashes, Tome ids") { db in
            try db.execute(sql: """
                UPDATE api_key SET hash = lower(hex(hash)) WHERE typeof(hash) = 'blob';
                ALTER TABLE api_key ADD COLUMN tome_id INTEGER;
                CREATE UNIQUE INDEX api_key_by_tome_id ON api_key (tome_id) WHERE tome_id IS NOT NULL;
                """)
        },
    ])

    /// Creates a key and returns it with its plaintext, shown this once.
    public func create(label: String) throws(CatalogError) -> (key: Key, plaintext: String) {
        try catalog.requireWritable(for: "creating an API key")
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let secret = String((0..<Self.secretLength).map { _ in Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &generator)] })
        let plaintext = "tk_" + secret
        let prefix = String(plaintext.prefix(Self.prefixLength))
        let id: Int64 = try write { db in
            try db.execute(sql: """
                INSERT INTO api_key (label, prefix, hash, created_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                """, arguments: [label, prefix, Self.hash(plaintext)])
            return db.lastInsertedRowID
        }
        guard let key = try list().first(where: { $0.id == id }) else { throw .database("the new key vanished") }
        return (key, plaintext)
    }

    /// Every key, revoked ones included, in creation order.
    public func list() throws(CatalogError) -> [Key] {
        try catalog.read { db in
            try Row.fetchAll(db, sql: "SELECT id, label, prefix, created_at, last_used_at, revoked_at FROM api_key ORDER BY id").map {
                Key(id: $0["id"], label: $0["label"], prefix: $0["prefix"], createdAt: $0["created_at"],
                    lastUsedAt: $0["last_used_at"], revokedAt: $0["revoked_at"])
            }
        }
    }

    /// The number of keys that are not revoked.
    public func activeCount() throws(CatalogError) -> Int {
        try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM api_key WHERE revoked_at IS NULL") ?? 0 }
    }

    /// Revokes key `id`. It is refused from the very next request on, also
    /// by a server that is running. Returns false when no such key exists or
    /// it was already revoked.
    @discardableResult
    public func revoke(id: Int64) throws(CatalogError) -> Bool {
        try catalog.requireWritable(for: "revoking an API key")
        return try write { db in
            try db.execute(sql: "UPDATE api_key SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND revoked_at IS NULL",
                           arguments: [id])
            return db.changesCount == 1
        }
    }

    /// The key that `presented` is, if it is a known, unrevoked key.
    ///
    /// Reads only: the use is recorded in memory for ``flushUsage()``.
    public func authenticate(_ presented: String) throws(CatalogError) -> Key? {
        guard presented.hasPrefix("tk_"), presented.utf8.count >= Self.prefixLength, presented.utf8.count <= 256 else { return nil }
        let digest = Self.hash(presented)
        let prefix = String(presented.prefix(Self.prefixLength))
        let rows = try catalog.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, label, prefix, hash, created_at, last_used_at, revoked_at FROM api_key WHERE prefix = ?
                """), arguments: [prefix])
        }
        var found: Key?
        for row in rows {
            // Columns by index, in the statement's order.
            let stored: String = row[3]
            // Every candidate is compared in full, in constant time.
            if Self.constantTimeEqual(Array(stored.utf8), Array(digest.utf8)), row[6] as String? == nil {
                found = Key(id: row[0], label: row[1], prefix: row[2], createdAt: row[4], lastUsedAt: row[5], revokedAt: nil)
            }
        }
        if let found {
            let now = Date()
            usage.withLock { $0[found.id] = now }
        }
        return found
    }

    /// Writes the recorded `last_used_at` times (one transaction) and
    /// forgets them. Returns how many keys were updated (none on a read-only
    /// catalog, which keeps no record of use).
    @discardableResult
    public func flushUsage() throws(CatalogError) -> Int {
        let pending = usage.withLock { current -> [Int64: Date] in
            let taken = current
            current.removeAll()
            return taken
        }
        // A read-only catalog keeps no record of use.
        guard !pending.isEmpty, catalog.access == .readWrite else { return 0 }
        let formatter = ISO8601DateFormatter()
        return try write { db in
            for (id, date) in pending {
                try db.execute(sql: "UPDATE api_key SET last_used_at = ? WHERE id = ?", arguments: [formatter.string(from: date), id])
            }
            return pending.count
        }
    }

    /// The stored form of a key: the SHA-256 of its whole text (`tk_…`), in
    /// lowercase hex — Tome's `api_keys.key_hash`.
    static func hash(_ plaintext: String) -> String {
        // Hex by table: `String(format: "%02x")` per byte cost an
        // authenticated request more than the key's lookup.
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(plaintext.utf8)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    private func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        try catalog.write(body)
    }

}
