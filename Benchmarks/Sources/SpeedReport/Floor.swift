// The floor: the least work an FTS5-backed resolver does for a name — one
// ranked FTS5 MATCH of the name's distinctive words, through the SQLite C API
// with nothing else (no Swift wrapper, no row decoding, no scoring).

import CSQLite
import TomeCatalog
import TomeFilename
import TomeNormalization
import TomeResolver

struct FloorError: Error, CustomStringConvertible {
    let description: String
}

/// One read-only connection and one statement, prepared once
/// (`SQLITE_PREPARE_PERSISTENT`); ``run(_:)`` is the timed work: bind the
/// MATCH expression, step through every row (reading each rowid), reset.
final class Floor {
    private let db: OpaquePointer
    private let statement: OpaquePointer

    /// - Parameter settings: pragmas set on the connection before the
    ///   statement is prepared: the resolver's own (``Probe/readSettings(_:)``).
    init(path: String, sql: String, settings: [(name: String, value: Int)]) throws {
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(opened)"
            sqlite3_close(handle)
            throw FloorError(description: "floor: cannot open \(path) read-only: \(message)")
        }
        for (name, value) in settings {
            guard sqlite3_exec(handle, "PRAGMA \(name) = \(value)", nil, nil, nil) == SQLITE_OK else {
                let message = String(cString: sqlite3_errmsg(handle))
                sqlite3_close(handle)
                throw FloorError(description: "floor: PRAGMA \(name) = \(value) failed: \(message)")
            }
        }
        var prepared: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard rc == SQLITE_OK, let prepared else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close(handle)
            throw FloorError(description: "floor: cannot prepare \(sql): \(message)")
        }
        db = handle
        statement = prepared
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close(db)
    }

    /// One query. The expression's bytes stay alive for the whole run
    /// (``FloorQuery``), so they are bound without a copy (`SQLITE_STATIC`).
    /// Returns the number of rows, or -1 when the statement failed.
    @inline(__always)
    func run(_ query: FloorQuery) -> Int {
        guard let text = query.text else { return 0 }
        sqlite3_bind_text(statement, 1, text, query.length, nil)
        var rows = 0
        var rc = sqlite3_step(statement)
        while rc == SQLITE_ROW {
            // Each rowid is read, as the resolver reads its ids.
            _ = sqlite3_column_int64(statement, 0)
            rows += 1
            rc = sqlite3_step(statement)
        }
        sqlite3_reset(statement)
        return rc == SQLITE_DONE ? rows : -1
    }

    /// The error of the last failed statement.
    var lastError: String { String(cString: sqlite3_errmsg(db)) }
}

/// A name's floor query, prepared before any timing: the MATCH expression as
/// a NUL-terminated C string that lives until ``free()``.
struct FloorQuery {
    /// The expression, or nil when the name has no title words (the resolver
    /// refuses such a name without any FTS query, and the floor does nothing).
    let expression: String?
    let text: UnsafeMutablePointer<CChar>?
    let length: Int32

    /// The resolver's first FTS query for the name (`Retrieval.candidates`):
    /// `FTSQuery.all(FTSQuery.distinctive(tokens))` over the first 24 tokens
    /// (`Retrieval.queryTokenLimit`, internal to TomeResolver, copied here) of
    /// the name's first view with tokens. The tokens come from the resolver's
    /// own public reading: `FilenameReader().read(name)`, then
    /// `NameView.views(of:normalizer: .shared)`.
    init(name: String, reader: FilenameReader) {
        let views = NameView.views(of: reader.read(name), normalizer: .shared)
        guard let view = views.first(where: { !$0.tokens.isEmpty }) else {
            (expression, text, length) = (nil, nil, 0)
            return
        }
        let expression = FTSQuery.all(FTSQuery.distinctive(Array(view.tokens.prefix(FloorQuery.tokenLimit))))
        self.expression = expression
        let bytes = Array(expression.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        text = buffer
        length = Int32(bytes.count - 1)
    }

    /// `Retrieval.queryTokenLimit`.
    static let tokenLimit = 24

    func free() { text?.deallocate() }
}
