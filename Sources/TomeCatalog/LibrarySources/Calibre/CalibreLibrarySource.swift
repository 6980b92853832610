import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the books of a Calibre library folder (its `metadata.db`).
///
/// The database is opened **read-only**: a user's Calibre library is never
/// written to. For each book it reads the title, the authors in link order,
/// the series and series index, the languages, the identifiers, the tags
/// (`manga`, `comic`, `light novel` set the book type) and the formats (table
/// `data`: the file `<books.path>/<data.name>.<format>`). For each file
/// present on disk it computes KOReader's partial MD5 (``KOReaderDigest``)
/// and takes its real size.
///
/// Calibre stores `series_index = 1.0` for books without a series; such books
/// get no series index here. `pubdate` years before 102 are Calibre's
/// "undefined" and are dropped.
///
/// Every text is measured in SQL before it is read (``BoundedText``): a
/// title, author, series, language, identifier, format or file name over
/// ``ImportLimits/textBytes`` throws
/// ``ImportError/textTooLong(at:field:bytes:limit:)`` naming the book,
/// without the text ever becoming a Swift string; tags longer than a book
/// type's name are not read at all.
public struct CalibreLibrarySource: BookSource {
    /// The library folder.
    public let root: String
    private var rows: [CalibreRow]
    private var index = 0
    public private(set) var position: Int?
    public private(set) var filesHashed = 0
    /// Positions are Calibre's book ids.
    public var positionsAreLines: Bool { false }

    struct CalibreRow {
        var id: Int64
        var title: String
        var path: String
        var seriesIndex: Double?
        var series: String?
        var pubdate: String?
        var authors: [String]
        var languages: [String]
        var tags: [String]
        var identifiers: [String: String]
        var formats: [(format: String, name: String, size: Int64)]
    }

    /// Opens the library at `root` (the folder holding `metadata.db`).
    public init(root: String) throws(ImportError) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        let dbPath = self.root + "/metadata.db"
        guard access(dbPath, R_OK) == 0 else {
            throw .unreadableSource(path: root, reason: "no readable metadata.db in this folder (is it a Calibre library?)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "CalibreLibrary"
        do {
            let queue = try DatabaseQueue(path: dbPath, configuration: configuration)
            rows = try queue.read(Self.fetchRows)
            try queue.close()
        } catch let error as DatabaseError {
            throw .unreadableSource(path: dbPath, reason: "not a readable Calibre database (\(error.message ?? "\(error.resultCode)"))")
        } catch let error as ImportError {
            if case .unreadableSource = error { throw .unreadableSource(path: dbPath, reason: "\(error)") }
            throw error
        } catch {
            throw .unreadableSource(path: dbPath, reason: "\(error)")
        }
    }

    static func fetchRows(_ db: Database) throws -> [CalibreRow] {
        for table in ["books", "authors", "books_authors_link", "data"] where try !db.tableExists(table) {
            throw ImportError.unreadableSource(path: "metadata.db", reason: "table \(table) is missing: not a Calibre library")
        }
        func optionalTable(_ name: String) throws -> Bool { try db.tableExists(name) }

        var rows: [CalibreRow] = []
        let hasSeries = try optionalTable("books_series_link") && optionalTable("series")
        let sql = """
            SELECT b.id, \(BoundedText.sql("b.title", as: "title")), \(BoundedText.sql("b.path", as: "path")),
                   b.series_index, substr(b.pubdate, 1, 4) AS pubdate,
                   \(BoundedText.sql(hasSeries ? "s.name" : "NULL", as: "series"))
            FROM books b
            \(hasSeries ? "LEFT JOIN books_series_link l ON l.book = b.id LEFT JOIN series s ON s.id = l.series" : "")
            ORDER BY b.id
            """
        for row in try Row.fetchAll(db, sql: sql) {
            let id: Int64 = row["id"]
            let series = try BoundedText.text(row, "series", .series, book: id)
            rows.append(CalibreRow(
                id: id, title: try BoundedText.text(row, "title", .title, book: id) ?? "",
                path: try BoundedText.text(row, "path", .filePath, book: id) ?? "",
                seriesIndex: series == nil ? nil : row["series_index"], series: series, pubdate: row["pubdate"],
                authors: [], languages: [], tags: [], identifiers: [:], formats: []))
        }
        var byID: [Int64: Int] = [:]
        for (i, row) in rows.enumerated() { byID[row.id] = i }

        for row in try Row.fetchAll(db, sql: """
            SELECT l.book, \(BoundedText.sql("a.name", as: "name"))
            FROM books_authors_link l JOIN authors a ON a.id = l.author ORDER BY l.book, l.id
            """) {
            if let i = byID[row["book"]] {
                rows[i].authors.append(try BoundedText.text(row, "name", .authors, book: row["book"]) ?? "")
            }
        }
        if try optionalTable("books_languages_link") && optionalTable("languages") {
            for row in try Row.fetchAll(db, sql: """
                SELECT l.book, \(BoundedText.sql("g.lang_code", as: "lang_code"))
                FROM books_languages_link l JOIN languages g ON g.id = l.lang_code
                ORDER BY l.book, l.item_order
                """) {
                if let i = byID[row["book"]] {
                    rows[i].languages.append(try BoundedText.text(row, "lang_code", .language, book: row["book"]) ?? "")
                }
            }
        }
        if try optionalTable("books_tags_link") && optionalTable("tags") {
            // Tags only tell the book type: a longer tag names none.
            for row in try Row.fetchAll(db, sql: """
                SELECT l.book, t.name FROM books_tags_link l JOIN tags t ON t.id = l.tag
                WHERE length(CAST(t.name AS BLOB)) <= 32 ORDER BY l.book, l.id
                """) {
                if let i = byID[row["book"]] { rows[i].tags.append(row["name"]) }
            }
        }
        if try optionalTable("identifiers") {
            for row in try Row.fetchAll(db, sql: """
                SELECT book, \(BoundedText.sql("type", as: "type")), \(BoundedText.sql("val", as: "val"))
                FROM identifiers ORDER BY book, id
                """) {
                let book: Int64 = row["book"]
                if let i = byID[book] {
                    let type = try BoundedText.text(row, "type", .identifiers, book: book) ?? ""
                    rows[i].identifiers[type] = try BoundedText.text(row, "val", .identifiers, book: book)
                }
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT book, \(BoundedText.sql("format", as: "format")), \(BoundedText.sql("name", as: "name")), uncompressed_size
            FROM data ORDER BY book, id
            """) {
            let book: Int64 = row["book"]
            if let i = byID[book] {
                rows[i].formats.append((try BoundedText.text(row, "format", .fileFormat, book: book) ?? "",
                                        try BoundedText.text(row, "name", .filePath, book: book) ?? "",
                                        row["uncompressed_size"] ?? 0))
            }
        }
        return rows
    }

    public mutating func next() throws(ImportError) -> CatalogBook? {
        guard index < rows.count else { return nil }
        let row = rows[index]
        index += 1
        position = Int(row.id)
        var files: [CatalogFile] = []
        for format in row.formats {
            let ext = format.format.lowercased()
            let relative = row.path + "/" + format.name + "." + ext
            let absolute = root + "/" + relative
            var file = CatalogFile(path: relative, format: ext, size: format.size)
            var info = stat()
            if stat(absolute, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                file.size = Int64(info.st_size)
                file.koMD5 = try KOReaderDigest.partialMD5(ofFileAt: absolute)
                filesHashed += 1
            }
            files.append(file)
        }
        let tags = Set(row.tags.map { $0.lowercased() })
        let bookType: BookType? = tags.contains("manga") ? .manga
            : tags.contains("comic") || tags.contains("comics") ? .comic
            : tags.contains("light novel") || tags.contains("light_novel") ? .lightNovel
            : nil
        var year: Int?
        if let pubdate = row.pubdate, let value = Int(pubdate.prefix(4)), value > 101 { year = value }
        return CatalogBook(
            id: row.id, title: row.title, authors: row.authors, series: row.series, seriesIndex: row.seriesIndex,
            bookType: bookType, altTitles: [], language: row.languages.first, year: year,
            identifiers: row.identifiers, files: files)
    }
}
