import GRDB
import GRDBSQLite

/// A prepared statement an import runs once per book, bound and stepped
/// through SQLite's C API: GRDB's `StatementArguments` (an array of boxed
/// `DatabaseValue`s per call) cost as much as SQLite's own work on these
/// small inserts. Values bind as GRDB binds them: `String` as text, `Int`,
/// `Int64` as integers, `Double` as reals, nil as NULL.
///
/// The statements run on the import's connection inside its transaction;
/// GRDB's transaction observers, which the catalog does not use, would see
/// the commit but not these statements' row changes.
final class ImportStatement {
    private let connection: OpaquePointer
    private let handle: OpaquePointer
    private let sql: String
    private var index: Int32 = 0

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "the connection is closed") }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds the next parameter.
    func bind(_ value: String?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        var text = value
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), SQLITE_TRANSIENT)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT)
            }
        }
    }

    func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Int64?) {
        guard let value else { index += 1; sqlite3_bind_null(handle, index); return }
        bind(value)
    }

    func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    func bind(_ value: Double?) {
        index += 1
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    /// Runs the statement with the values bound since the last run.
    /// - Returns: the number of rows it changed.
    @discardableResult
    func run() throws -> Int {
        try step { code, _ in
            guard code == SQLITE_DONE else { return nil }
            return Int(sqlite3_changes(connection))
        } ?? 0
    }

    /// Steps once and hands the result code to `read` (SQLITE_ROW or
    /// SQLITE_DONE; any other is thrown), then resets the statement.
    func step<T>(_ read: (Int32, OpaquePointer) -> T?) throws -> T? {
        index = 0
        let code = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let extended = sqlite3_extended_errcode(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return read(code, handle)
    }
}

extension ImportStatement {
    /// Runs a query with the values bound since the last run, and reads its
    /// first row with `row` (nil when there is none).
    func first<T>(_ row: (_ text: (Int32) -> String, _ integer: (Int32) -> Int64) -> T) throws -> T? {
        try step { code, handle in
            guard code == SQLITE_ROW else { return nil }
            return row({ sqlite3_column_text(handle, $0).map { String(cString: $0) } ?? "" }, { sqlite3_column_int64(handle, $0) })
        }
    }
}

/// SQLite copies the bound text (the Swift string's buffer is not kept).
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
