import Foundation
import GRDB
import Testing
import TomeTestSupport
@testable import TomeCatalog

/// ``ImportLimits``: a book over a limit stops the import with an error
/// that names its line or its id, and the catalog stays as it was.
@Suite("Import limits", .serialized)
struct ImportLimitsTests {
    static let base = Fixtures.sampleBooks(1...3)
    static let overLimit = 70 * 1024

    /// A catalog holding the three base books.
    static func catalog() throws -> TemporaryCatalog { try TemporaryCatalog(base) }

    /// A 70 KiB title on line 2 of a JSON Lines file: refused by line, with
    /// its size; the catalog unchanged.
    @Test func aTitleOverTheLimitIsRefusedByLine() throws {
        let temporary = try Self.catalog()
        let before = try CatalogSnapshot(temporary.catalog)
        var books = Fixtures.sampleBooks(1...3)
        books[1].title = String(repeating: "t", count: Self.overLimit)
        let path = temporary.directory.write("big.jsonl", Fixtures.jsonLines(books))
        let error = CatalogError.importFailed(.textTooLong(at: .line(2), field: .title, bytes: 71_680, limit: 65_536))
        #expect(throws: error) { try temporary.load(jsonLines: path) }
        #expect(error.description.hasSuffix("line 2: title is 71,680 bytes, over the 65,536-byte limit"), "\(error)")
        #expect(try CatalogSnapshot(temporary.catalog) == before)
    }

    /// A 2 MiB line (a title inside it): refused as a line, by number.
    @Test func aLineOverTheLimitIsRefusedByLine() throws {
        let temporary = try Self.catalog()
        let before = try CatalogSnapshot(temporary.catalog)
        var books = Fixtures.sampleBooks(1...3)
        books[2].title = String(repeating: "t", count: 2 << 20)
        let text = Fixtures.jsonLines(books)
        let path = temporary.directory.write("line.jsonl", text)
        let third = text.split(separator: "\n")[2].utf8.count
        #expect(throws: CatalogError.importFailed(.lineTooLong(line: 3, bytes: third, limit: ImportLimits.lineBytes))) {
            try temporary.load(jsonLines: path)
        }
        #expect(try CatalogSnapshot(temporary.catalog) == before)
        #expect(ImportError.lineTooLong(line: 3, bytes: 2_097_233, limit: 1_048_576).description
            == "line 3: the line is 2,097,233 bytes, over the 1,048,576-byte limit of a line")
    }

    /// Each text and each list at its limit passes; one more is refused,
    /// naming the field — the book's id where there is no line.
    @Test func everyLimitHasItsEdge() throws {
        let at = String(repeating: "é", count: ImportLimits.textBytes / 2)  // 2 bytes each
        let over = at + "x"
        typealias Edit = (inout CatalogBook, String) -> Void
        let texts: [(BookField, Edit)] = [
            (.title, { $0.title = $1 }),
            (.authors, { $0.authors.append($1) }),
            (.series, { $0.series = $1 }),
            (.altTitles, { $0.altTitles.append($1) }),
            (.language, { $0.language = $1 }),
            (.identifiers, { $0.identifiers[$1] = "1" }),
            (.identifiers, { $0.identifiers["isbn"] = $1 }),
            (.filePath, { $0.files.append(CatalogFile(path: $1)) }),
            (.fileFormat, { $0.files[0].format = $1 }),
        ]
        for (field, edit) in texts {
            var fits = book(7, "Dune", "Frank Herbert")
            edit(&fits, at)
            #expect(throws: Never.self, "\(field)") { try fits.validate() }
            var refused = book(7, "Dune", "Frank Herbert")
            edit(&refused, over)
            #expect(throws: ImportError.textTooLong(at: .book(7), field: field, bytes: 65_537, limit: 65_536), "\(field)") {
                try refused.validate()
            }
        }
        let lists: [(BookField, Int, (inout CatalogBook, Int) -> Void)] = [
            (.altTitles, ImportLimits.altTitles, { b, n in b.altTitles = (0..<n).map { "Alt \($0)" } }),
            (.authors, ImportLimits.authors, { b, n in b.authors = (0..<n).map { "Author \($0)" } }),
            (.filePath, ImportLimits.files, { b, n in b.files = (0..<n).map { CatalogFile(path: "Dune \($0).epub") } }),
            (.identifiers, ImportLimits.identifiers, { b, n in b.identifiers = Dictionary(uniqueKeysWithValues: (0..<n).map { ("id\($0)", "\($0)") }) }),
        ]
        for (field, limit, fill) in lists {
            var fits = book(7, "Dune", "Frank Herbert")
            fill(&fits, limit)
            #expect(throws: Never.self, "\(field)") { try fits.validate() }
            var refused = book(7, "Dune", "Frank Herbert")
            fill(&refused, limit + 1)
            #expect(throws: ImportError.tooMany(at: .book(7), field: field, count: limit + 1, limit: limit), "\(field)") {
                try refused.validate()
            }
        }
    }

    /// A book with 100,000 alt titles (each resolve touching it cost 0.37 s)
    /// is refused by line; the catalog unchanged.
    @Test func tooManyAltTitlesAreRefused() throws {
        let temporary = try Self.catalog()
        let before = try CatalogSnapshot(temporary.catalog)
        var books = Fixtures.sampleBooks(1...3)
        books[0].altTitles = (0..<100_000).map { "T\($0)" }
        let path = temporary.directory.write("alts.jsonl", Fixtures.jsonLines(books))
        let error = CatalogError.importFailed(.tooMany(at: .line(1), field: .altTitles, count: 100_000, limit: 256))
        #expect(throws: error) { try temporary.load(jsonLines: path) }
        #expect(error.description.hasSuffix("line 1: 100,000 alt titles, over the limit of 256 per book"), "\(error)")
        #expect(try CatalogSnapshot(temporary.catalog) == before)
    }

    // MARK: Library databases

    /// A Tome book whose title was edited to 70 KiB: the import (what a
    /// follower runs) refuses it naming the book; the catalog unchanged.
    @Test func aTomeTitleOverTheLimitNamesTheBook() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let temporary = try TemporaryCatalog()
        _ = try LibrarySource.tome(path: tome, libraryRoot: nil).importBooks(into: temporary.catalog)
        let before = try CatalogSnapshot(temporary.catalog)
        try Self.update(tome, "UPDATE books SET title = ? WHERE id = 5", String(repeating: "t", count: Self.overLimit))
        let error = CatalogError.importFailed(.textTooLong(at: .book(5), field: .title, bytes: 71_680, limit: 65_536))
        #expect(throws: error) { try LibrarySource.tome(path: tome, libraryRoot: nil).importBooks(into: temporary.catalog) }
        #expect(error.description.hasSuffix("book 5: title is 71,680 bytes, over the 65,536-byte limit"), "\(error)")
        #expect(try CatalogSnapshot(temporary.catalog) == before)
        // A file path, by the book that holds it.
        try Self.update(tome, "UPDATE books SET title = 'Short Again' WHERE id = 5", nil)
        try Self.update(tome, "UPDATE book_files SET file_path = ? WHERE book_id = 9", "/library/" + String(repeating: "p", count: Self.overLimit))
        #expect(throws: CatalogError.importFailed(.textTooLong(at: .book(9), field: .filePath, bytes: 71_689, limit: 65_536))) {
            try LibrarySource.tome(path: tome, libraryRoot: nil).importBooks(into: temporary.catalog)
        }
        #expect(try CatalogSnapshot(temporary.catalog) == before)
    }

    /// A Calibre book whose title and whose author are 70 KiB: refused
    /// naming the book; the catalog unchanged.
    @Test func aCalibreTitleOverTheLimitNamesTheBook() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let library = dir.file("calibre")
        try FileManager.default.createDirectory(atPath: library, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.calibreLibrary + "/metadata.db", toPath: library + "/metadata.db")
        let temporary = try TemporaryCatalog()
        _ = try LibrarySource.calibre(root: library).importBooks(into: temporary.catalog)
        let before = try CatalogSnapshot(temporary.catalog)
        let id: Int64 = 1  // its first author is also books 2 and 3's: book 1 is named, first in id order
        #expect(try temporary.catalog.book(id: id) != nil)
        // Calibre's update trigger calls its own `title_sort()`: not here.
        try Self.update(library + "/metadata.db", "DROP TRIGGER books_update_trg", nil)
        try Self.update(library + "/metadata.db", "UPDATE books SET title = ? WHERE id = \(id)", String(repeating: "t", count: Self.overLimit))
        #expect(throws: CatalogError.importFailed(.textTooLong(at: .book(id), field: .title, bytes: 71_680, limit: 65_536))) {
            try LibrarySource.calibre(root: library).importBooks(into: temporary.catalog)
        }
        try Self.update(library + "/metadata.db", "UPDATE books SET title = 'Short' WHERE id = \(id)", nil)
        try Self.update(library + "/metadata.db", """
            UPDATE authors SET name = ? WHERE id = (SELECT author FROM books_authors_link WHERE book = \(id) LIMIT 1)
            """, String(repeating: "a", count: Self.overLimit))
        #expect(throws: CatalogError.importFailed(.textTooLong(at: .book(id), field: .authors, bytes: 71_680, limit: 65_536))) {
            try LibrarySource.calibre(root: library).importBooks(into: temporary.catalog)
        }
        #expect(try CatalogSnapshot(temporary.catalog) == before)
    }

    static func update(_ path: String, _ sql: String, _ argument: String?) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            if let argument { try db.execute(sql: sql, arguments: [argument]) } else { try db.execute(sql: sql) }
        }
        try queue.close()
    }

    // MARK: An empty source

    /// A source without books would remove every book: refused, in both
    /// modes, unless allowed; into an empty catalog it is a completed
    /// import.
    @Test func anEmptySourceDoesNotEmptyTheCatalog() throws {
        let temporary = try Self.catalog()
        let before = try CatalogSnapshot(temporary.catalog)
        for replace in [false, true] {
            var none = MemoryBookSource([])
            #expect(throws: CatalogError.importFailed(.emptySource(catalogBooks: 3)), "replace: \(replace)") {
                try temporary.catalog.importBooks(from: &none, replace: replace)
            }
            #expect(try CatalogSnapshot(temporary.catalog) == before)
        }
        let blank = temporary.directory.write("blank.jsonl", "\n  \n")
        #expect(throws: CatalogError.importFailed(.emptySource(catalogBooks: 3))) {
            try LibrarySource.jsonLines(path: blank).importBooks(into: temporary.catalog)
        }
        #expect(try CatalogSnapshot(temporary.catalog) == before)
        #expect(ImportError.emptySource(catalogBooks: 1_234).description
            == "the source holds no books; the catalog's 1,234 books would all be removed")

        var none = MemoryBookSource([])
        #expect(try temporary.catalog.importBooks(from: &none, allowEmpty: true).removed == 3)
        #expect(try temporary.catalog.activeBookCount() == 0)
        // Nothing left to remove: allowed without being told.
        var again = MemoryBookSource([])
        #expect(try temporary.catalog.importBooks(from: &again).removed == 0)

        let fresh = try TemporaryCatalog()
        var empty = MemoryBookSource([])
        _ = try fresh.catalog.importBooks(from: &empty)
        #expect(try fresh.catalog.hasCompletedImport())
    }
}
