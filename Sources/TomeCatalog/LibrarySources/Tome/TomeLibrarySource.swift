import Foundation
import GRDB

/// Reads the books of a Tome library server's database (`tome.db`).
///
/// Tome keeps its catalog in one SQLite database, in WAL mode, written by
/// Tome while it runs. This source reads it **without disturbing it**: a
/// read-only connection (it never writes, never checkpoints, creates no
/// file), and every table read in one read transaction, so the books, their
/// files and their hashes are one consistent snapshot even while Tome
/// commits meanwhile. Everything is read when the source is made; ``next()``
/// then hands the books out.
///
/// What it maps:
/// - `books` with `status = 'active'` only (Tome hides every other status,
///   and deletes the row of a deleted book: either way the next
///   synchronizing import marks the book removed here). `author` is one
///   string of the authors joined with `", "`, split back into the ordered
///   list. `series_index` is kept only with a series. `book_types.slug`
///   gives the ``BookType`` (a NULL or unknown type is ``BookType/book``).
///   `content_type = 'chapter'` makes a ``ContentType/chapter`` book.
/// - `book_files`: each file's absolute `file_path` becomes a path relative
///   to the library root — the root given, else the longest folder common
///   to every file (`/library/`, `/books/`).
/// - `ko_hashes`: every `raw` and `baked` KOReader hash of a book. Tome
///   keys them by book, not by file: a book with one file gets its first
///   `raw` hash as that file's `ko_md5`; every other hash goes to
///   ``CatalogBook/koMD5s``, so a device's copy resolves whichever it holds.
///
/// Every text is measured in SQL before it is read (``BoundedText``): a
/// title, author list, series, language, file path or format over
/// ``ImportLimits/textBytes`` throws
/// ``ImportError/textTooLong(at:field:bytes:limit:)`` naming the book,
/// without the text ever becoming a Swift string (nor a hash that is not
/// 32 characters, nor an overlong type slug).
public struct TomeLibrarySource: BookSource {
    /// The database file.
    public let path: String
    /// The folder file paths were made relative to.
    public let libraryRoot: String
    private var books: [CatalogBook]
    private var index = 0
    public private(set) var position: Int?
    public var filesHashed: Int { 0 }
    /// Positions are Tome's book ids.
    public var positionsAreLines: Bool { false }
    /// Books of the database that were not imported because their status is
    /// not `active`.
    public let inactiveBooks: Int

    /// Reads the Tome database at `path`.
    ///
    /// - Parameter libraryRoot: the folder Tome's absolute file paths are
    ///   made relative to; nil for the longest folder common to all files.
    /// - Throws: ``ImportError/unreadableSource(path:reason:)`` when the
    ///   file is missing, is not SQLite, is corrupt, is not a Tome database,
    ///   or holds a file outside `libraryRoot`. Nothing is written to it.
    public init(path: String, libraryRoot: String? = nil) throws(ImportError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .unreadableSource(path: path, reason: "no such file (give Tome's database file, tome.db)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "TomeLibrary"
        // Tome's writes are short; a reader waits at most this long for a
        // lock (only a rollback-journal database ever makes it wait).
        configuration.busyMode = .timeout(10)
        let snapshot: Snapshot
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            snapshot = try queue.read(Self.readSnapshot)
        } catch let error as ImportError {
            throw error.withSourcePath(path)
        } catch let error as DatabaseError {
            let reason = switch error.resultCode {
            case .SQLITE_NOTADB: "not a SQLite database"
            case .SQLITE_CORRUPT: "the database is corrupt (SQLite: \(error.message ?? "corrupt"))"
            case .SQLITE_BUSY, .SQLITE_LOCKED: "the database stayed locked (SQLite: \(error.message ?? "busy")); try again"
            default: "SQLite: \(error.message ?? "\(error.resultCode)")"
            }
            throw .unreadableSource(path: path, reason: reason)
        } catch {
            throw .unreadableSource(path: path, reason: "\(error)")
        }
        let root = libraryRoot.map(Self.folder) ?? Self.commonFolder(snapshot.books.flatMap { $0.files.map(\.path) })
        self.libraryRoot = root
        inactiveBooks = snapshot.inactive
        var books = snapshot.books
        for b in books.indices {
            for f in books[b].files.indices {
                let absolute = books[b].files[f].path
                guard let relative = Self.relative(absolute, to: root) else {
                    throw .outsideLibraryRoot(path: path, book: books[b].id, file: absolute, root: root)
                }
                books[b].files[f].path = relative
            }
        }
        self.books = books
    }

    public mutating func next() throws(ImportError) -> CatalogBook? {
        guard index < books.count else { return nil }
        defer { index += 1 }
        position = Int(books[index].id)
        return books[index]
    }

    // MARK: Reading

    struct Snapshot {
        var books: [CatalogBook]
        var inactive: Int
    }

    /// The columns this source reads, per table: a database without them is
    /// not a Tome database (or one from a Tome too old to import).
    static let requiredColumns: [String: [String]] = [
        "books": ["id", "title", "author", "series", "series_index", "language", "year", "book_type_id", "status"],
        "book_files": ["id", "book_id", "file_path", "format", "file_size"],
    ]

    static func readSnapshot(_ db: Database) throws -> Snapshot {
        for (table, columns) in requiredColumns {
            guard try db.tableExists(table) else {
                throw ImportError.unreadableSource(path: "", reason: "it is not a Tome library database (no \(table) table)")
            }
            let present = Set(try db.columns(in: table).map { $0.name.lowercased() })
            for column in columns where !present.contains(column) {
                throw ImportError.unreadableSource(path: "", reason: "it is not a Tome library database (\(table) has no \(column) column)")
            }
        }
        let hasTypes = try db.tableExists("book_types")
        let hasHashes = try db.tableExists("ko_hashes")
        let hasContentType = try db.columns(in: "books").contains { $0.name.lowercased() == "content_type" }
        let sql = """
            SELECT b.id, \(BoundedText.sql("b.title", as: "title")), \(BoundedText.sql("b.author", as: "author")),
                   \(BoundedText.sql("b.series", as: "series")), b.series_index,
                   \(BoundedText.sql("b.language", as: "language")), b.year,
                   \(hasTypes ? "CASE WHEN length(CAST(t.slug AS BLOB)) <= 32 THEN t.slug END" : "NULL") AS slug,
                   \(hasContentType ? "b.content_type = 'chapter'" : "0") AS chapter
            FROM books b \(hasTypes ? "LEFT JOIN book_types t ON t.id = b.book_type_id" : "")
            WHERE b.status = 'active'
            ORDER BY b.id
            """
        var books: [CatalogBook] = []
        var byID: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let series = try BoundedText.text(row, "series", .series, book: id).flatMap { $0.isEmpty ? nil : $0 }
            let author = try BoundedText.text(row, "author", .authors, book: id) ?? ""
            let slug: String? = row["slug"]
            let book = CatalogBook(
                id: id, title: try BoundedText.text(row, "title", .title, book: id) ?? "",
                authors: author.isEmpty ? [] : author.components(separatedBy: ", ").filter { !$0.isEmpty },
                series: series, seriesIndex: series == nil ? nil : row["series_index"],
                bookType: slug.flatMap(BookType.init(rawValue:)) ?? .book,
                language: try BoundedText.text(row, "language", .language, book: id), year: row["year"],
                contentType: (row["chapter"] as Bool?) == true ? .chapter : .volume)
            byID[id] = books.count
            books.append(book)
        }
        let inactive = try Int.fetchOne(db, sql: "SELECT count(*) FROM books WHERE status IS NOT 'active'") ?? 0
        let files = try Row.fetchCursor(db, sql: """
            SELECT book_id, \(BoundedText.sql("file_path", as: "path")), \(BoundedText.sql("format", as: "format")), file_size
            FROM book_files ORDER BY book_id, id
            """)
        while let row = try files.next() {
            let book: Int64 = row["book_id"]
            guard let i = byID[book] else { continue }
            let path = try BoundedText.text(row, "path", .filePath, book: book) ?? ""
            guard !path.isEmpty else { continue }
            let format = try BoundedText.text(row, "format", .fileFormat, book: book)?.lowercased()
            books[i].files.append(CatalogFile(path: path, format: format, size: row["file_size"]))
        }
        if hasHashes {
            // Raw hashes (of the stored file) before baked ones (of served copies).
            let hashes = try Row.fetchCursor(db, sql: """
                SELECT book_id, lower(ko_partial_md5) FROM ko_hashes
                WHERE length(CAST(ko_partial_md5 AS BLOB)) = 32
                ORDER BY book_id, kind <> 'raw', id
                """)
            var taken: Set<Int64> = []
            while let row = try hashes.next() {
                let bookID: Int64 = row[0]
                guard let i = byID[bookID], let hash = row[1] as String?, KOReaderDigest.isPartialMD5(hash) else { continue }
                if books[i].files.count == 1, books[i].files[0].koMD5 == nil, taken.insert(bookID).inserted {
                    books[i].files[0].koMD5 = hash
                } else if books[i].files.first(where: { $0.koMD5 == hash }) == nil, !books[i].koMD5s.contains(hash) {
                    books[i].koMD5s.append(hash)
                }
            }
        }
        return Snapshot(books: books, inactive: inactive)
    }

    // MARK: Paths

    /// `path` without a trailing slash (`/` stays `/`).
    static func folder(_ path: String) -> String {
        var folder = path
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    /// The longest folder that holds every one of `paths` (`/` when they
    /// share none; the file's own folder for a single file).
    static func commonFolder(_ paths: [String]) -> String {
        guard let first = paths.first else { return "/" }
        var common = first.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        for path in paths.dropFirst() {
            let folders = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
            var n = 0
            for (a, b) in zip(common, folders) {
                guard a == b else { break }
                n += 1
            }
            common = Array(common.prefix(n))
            if common.isEmpty { break }
        }
        return "/" + common.joined(separator: "/")
    }

    /// `path` relative to the folder `root`, or nil when it is not inside it.
    static func relative(_ path: String, to root: String) -> String? {
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = String(path.dropFirst(prefix.count)).drop { $0 == "/" }
        return rest.isEmpty ? nil : String(rest)
    }
}

extension ImportError {
    /// A source error raised without its file path, given it.
    func withSourcePath(_ path: String) -> ImportError {
        if case .unreadableSource(let old, let reason) = self, old.isEmpty { return .unreadableSource(path: path, reason: reason) }
        return self
    }
}
