import GRDB

/// Reads a text column of a library database (Calibre, Tome) only when it
/// fits ``ImportLimits/textBytes``.
///
/// The query itself measures the column (`length(CAST(x AS BLOB))`, its
/// bytes) and hands out NULL for a longer text, so a 20 MB title never
/// reaches Swift — SQLite reads it once to measure it, and no copy, no
/// normalization, no import of it follows: the source throws
/// ``ImportError/textTooLong(at:field:bytes:limit:)`` naming the book.
///
/// ```swift
/// let sql = "SELECT id, \(BoundedText.sql("title", as: "title")) FROM books"
/// for row in try Row.fetchAll(db, sql: sql) {
///     let title = try BoundedText.text(row, "title", .title, book: row["id"])
/// }
/// ```
enum BoundedText {
    /// Two result columns for the SQL expression `expression`: `name`, its
    /// text or NULL when over the limit, and `name_bytes`, its length in bytes.
    static func sql(_ expression: String, as name: String) -> String {
        let bytes = "length(CAST(\(expression) AS BLOB))"
        return "CASE WHEN \(bytes) <= \(ImportLimits.textBytes) THEN \(expression) END AS \(name), \(bytes) AS \(name)_bytes"
    }

    /// The text of column `name` (made by ``sql(_:as:)``), or nil for NULL.
    /// - Throws: ``ImportError/textTooLong(at:field:bytes:limit:)`` at
    ///   book `book` when the text is over the limit.
    static func text(_ row: Row, _ name: String, _ field: BookField, book: Int64) throws(ImportError) -> String? {
        if let bytes = row[name + "_bytes"] as Int?, bytes > ImportLimits.textBytes {
            throw .textTooLong(at: .book(book), field: field, bytes: bytes, limit: ImportLimits.textBytes)
        }
        return row[name]
    }
}
