import Crypto
import Foundation
import GRDB
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeKeys

@Suite("API keys: hashes, and keys imported from Tome")
struct TomeKeyImportTests {
    /// Our stored form is Tome's: SHA-256 hex of the whole `tk_…` string.
    @Test func hashesAreTomesHashes() throws {
        #expect(TomeFixture.keys.count == 2)
        let stored = try DatabaseQueue(path: TomeFixture.database, configuration: { var c = Configuration(); c.readonly = true; return c }())
            .read { try String.fetchAll($0, sql: "SELECT key_hash FROM api_keys ORDER BY id") }
        #expect(TomeFixture.keys.map { APIKeyStore.hash($0.plaintext) } == stored)
    }

    @Test func keyHashesAreSHA256InLowercaseHex() {
        // FIPS 180-2's "abc" and the empty string, as `sha256sum` prints them.
        #expect(APIKeyStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeyStore.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// A key stored before hashes were hex (a raw SHA-256 blob) still
    /// verifies after the migration.
    @Test func blobHashesAreMigrated() throws {
        let temporary = try TemporaryCatalog([book(1, "Dune", "Frank Herbert")])
        let plaintext = "tk_" + String(repeating: "Q", count: 40)
        try temporary.catalog.pool.write { db in
            try db.execute(sql: """
                CREATE TABLE api_key (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, prefix TEXT NOT NULL,
                    hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT);
                CREATE INDEX api_key_by_prefix ON api_key (prefix);
                INSERT INTO grdb_migrations (identifier) VALUES ('v2: api keys');
                """)
            try db.execute(sql: "INSERT INTO api_key (label, prefix, hash, created_at) VALUES ('old', ?, ?, '2026-01-01T00:00:00Z')",
                           arguments: [String(plaintext.prefix(8)), Data(SHA256.hash(data: Array(plaintext.utf8)))])
        }
        let keys = try APIKeyStore(catalog: temporary.catalog)
        #expect(try keys.authenticate(plaintext)?.label == "old")
        #expect(try temporary.catalog.read { try String.fetchOne($0, sql: "SELECT hash FROM api_key") } == APIKeyStore.hash(plaintext))
    }

    /// A database that is not Tome's: a clear error, nothing imported, the
    /// file unchanged.
    @Test func aNonTomeDatabaseFailsClearly() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let other = dir.file("other.db")
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        let before = CatalogDamage.bytes(other)
        let temporary = try TemporaryCatalog([book(1, "Dune", "Frank Herbert")])
        let keys = try APIKeyStore(catalog: temporary.catalog)
        #expect {
            try keys.importTomeKeys(from: other)
        } throws: { error in
            guard case .importFailed(.unreadableSource(_, let reason)) = error as? CatalogError else { return false }
            return reason.contains("not a Tome library database")
        }
        #expect(throws: CatalogError.self) { try keys.importTomeKeys(from: dir.file("missing.db")) }
        #expect(CatalogDamage.bytes(other) == before)
        #expect(try keys.list().isEmpty)
    }
}
