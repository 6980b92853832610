import Foundation
import GRDB
import TomeCatalog

/// What ``APIKeyStore/importTomeKeys(from:)`` did.
public struct TomeKeyImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var added = 0
    public var removed = 0
    public var unchanged = 0

    public var description: String { "added \(added), removed \(removed), unchanged \(unchanged)" }
}

extension APIKeyStore {
    /// Copies the API keys of `library`, when it keeps any of its own
    /// (``LibrarySource/keyDatabase``: a Tome database); nil for a library
    /// without keys. See ``importTomeKeys(from:)``.
    public func importKeys(of library: LibrarySource) throws(CatalogError) -> TomeKeyImportSummary? {
        guard let database = library.keyDatabase else { return nil }
        return try importTomeKeys(from: database)
    }

    /// Copies the API keys of a Tome library database (`api_keys`: SHA-256
    /// hex hash, prefix, label, created and last-used times), so that every
    /// plugin already deployed with a Tome key authenticates here unchanged.
    ///
    /// Run again, it adds keys new in Tome and removes keys deleted there
    /// (Tome revokes a key by deleting its row); keys created here are never
    /// touched. Tome's database is only read: one read transaction on a
    /// read-only connection, which works while Tome writes (WAL).
    public func importTomeKeys(from tomePath: String) throws(CatalogError) -> TomeKeyImportSummary {
        try catalog.requireWritable(for: "importing API keys")
        let keys = try Self.readTomeKeys(tomePath)
        return try catalog.write { db in
            var summary = TomeKeyImportSummary()
            let known = Set(try Int64.fetchAll(db, sql: "SELECT tome_id FROM api_key WHERE tome_id IS NOT NULL"))
            for key in keys {
                if known.contains(key.id) {
                    summary.unchanged += 1
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO api_key (label, prefix, hash, created_at, last_used_at, tome_id) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [key.label, String(key.prefix.prefix(Self.prefixLength)), key.hash.lowercased(),
                                     Self.isoTime(key.createdAt) ?? Self.isoTime("now"), Self.isoTime(key.lastUsedAt), key.id])
                summary.added += 1
            }
            let current = Set(keys.map(\.id))
            for gone in known.subtracting(current) {
                try db.execute(sql: "DELETE FROM api_key WHERE tome_id = ?", arguments: [gone])
                summary.removed += 1
            }
            return summary
        }
    }

    /// A key row of Tome's `api_keys`.
    struct TomeKey {
        var id: Int64
        var hash: String
        var prefix: String
        var label: String
        var createdAt: String?
        var lastUsedAt: String?
    }

    /// Reads Tome's keys in one read transaction, through a read-only
    /// connection (nothing is written to Tome's files).
    static func readTomeKeys(_ path: String) throws(CatalogError) -> [TomeKey] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadableSource(path: path, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let columns = Set(try db.columns(in: "api_keys").map(\.name))
                guard ["id", "key_hash", "key_prefix", "label", "created_at", "last_used_at"].allSatisfy(columns.contains) else {
                    throw CatalogError.unreadableSource(path: path, reason: "it is not a Tome library database (no api_keys table of Tome's)")
                }
                return try Row.fetchAll(db, sql: "SELECT id, key_hash, key_prefix, label, created_at, last_used_at FROM api_keys ORDER BY id").map { row in
                    let hash: String = row[1]
                    guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }) else {
                        throw CatalogError.unreadableSource(path: path, reason: "api_keys row \(row[0] as Int64) has no SHA-256 hex hash")
                    }
                    return TomeKey(id: row[0], hash: hash, prefix: row[2] ?? String(hash.prefix(8)), label: row[3],
                                   createdAt: row[4], lastUsedAt: row[5])
                }
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && (error.message ?? "").contains("no such table") {
            throw .unreadableSource(path: path, reason: "it is not a Tome library database (no api_keys table)")
        } catch let error as DatabaseError {
            throw .unreadableSource(path: path, reason: error.message ?? "\(error)")
        }  catch {
            throw .unreadableSource(path: path, reason: "\(error)")
        }
    }

    /// Tome's `2025-02-01 00:00:00.000000` as `2025-02-01T00:00:00Z` (the
    /// form keys made here have); `"now"` for the current time.
    static func isoTime(_ text: String?) -> String? {
        guard let text else { return nil }
        if text == "now" { return ISO8601DateFormatter().string(from: Date()) }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0].count == 10 else { return text }
        return "\(parts[0])T\(parts[1].prefix(8))Z"
    }
}
