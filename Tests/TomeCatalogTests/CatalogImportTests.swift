import Foundation
import GRDB
import Testing
@testable import TomeCatalog
import TomeTestSupport

@Suite("Catalog import", .offTheCooperativePool)
struct CatalogImportTests {
    // MARK: The bundled sample

    @Test func bundledCatalogImportsEveryFieldOfEveryBook() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var source = try JSONLinesSource(path: Fixtures.goodbooks)
        let summary = try catalog.importBooks(from: &source)
        #expect(summary.added == 10_000)
        #expect(try catalog.activeBookCount() == 10_000)

        var expected: [CatalogBook] = []
        var again = try JSONLinesSource(path: Fixtures.goodbooks)
        while let book = try again.next() { expected.append(book.withStoredFormats) }
        let stored = try catalog.allBooks()
        #expect(stored.count == expected.count)
        for (s, e) in zip(stored, expected) where s.book != e {
            Issue.record("book \(e.id) differs: stored \(s.book), source \(e)")
        }
        let hunger = try #require(try catalog.book(id: 1))
        #expect(hunger.book.title == "The Hunger Games")
        #expect(hunger.book.authors == ["Suzanne Collins"])
        #expect(hunger.book.seriesIndex == 1)

        // Importing the same source again changes nothing.
        var third = try JSONLinesSource(path: Fixtures.goodbooks)
        let second = try catalog.importBooks(from: &third)
        #expect(second.unchanged == 10_000)
        #expect(second.added == 0 && second.updated == 0 && second.removed == 0)
    }

    // MARK: Synchronization

    @Test func syncAddsUpdatesRemovesAndRestores() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var books = Fixtures.sampleBooks(1...5)
        var first = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(books)))
        #expect(try catalog.importBooks(from: &first).added == 5)

        books[1].title = "A New Title"
        books.remove(at: 2)  // id 3
        books += Fixtures.sampleBooks(6...6)
        var second = try JSONLinesSource(path: dir.write("b.jsonl", Fixtures.jsonLines(books)))
        let summary = try catalog.importBooks(from: &second)
        #expect(summary.added == 1 && summary.updated == 1 && summary.removed == 1 && summary.unchanged == 3)
        #expect(try catalog.book(id: 2)?.book.title == "A New Title")
        #expect(try catalog.book(id: 3)?.isActive == false)
        #expect(try catalog.activeBookCount() == 5)
        // A removed book leaves every index.
        let indexed = try catalog.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM book_fts WHERE rowid = 3")! +
                Int.fetchOne(db, sql: "SELECT count(*) FROM book_key WHERE book_id = 3")!
        }
        #expect(indexed == 0)
        // The old title is no longer found; the new one is.
        let hits = try catalog.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM book_fts WHERE book_fts MATCH ?", arguments: ["title: new"])
        }
        #expect(hits == [2])

        // The book comes back when the source has it again.
        var third = try JSONLinesSource(path: dir.write("c.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...6))))
        let back = try catalog.importBooks(from: &third)
        #expect(back.updated == 2 && back.unchanged == 4 && back.removed == 0)
        #expect(try catalog.book(id: 3)?.isActive == true)
    }

    @Test func replaceKeepsTablesThatAreNotTheCatalogs() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        let catalog = try Catalog.open(path: path, create: true, extensions: [Fixtures.notesExtension])
        var first = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...5))))
        _ = try catalog.importBooks(from: &first)
        try catalog.pool.write { db in
            try db.execute(sql: """
                CREATE TABLE host_notes (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO host_notes (note) VALUES ('h1');
                INSERT INTO extension_note (label) VALUES ('device');
                """)
        }
        var second = try JSONLinesSource(path: dir.write("b.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(4...8))))
        let summary = try catalog.importBooks(from: &second, replace: true)
        #expect(summary.added == 5 && summary.removed == 3)
        #expect(try catalog.allBooks().map(\.book.id) == [4, 5, 6, 7, 8])
        #expect(try catalog.pool.read { try String.fetchAll($0, sql: "SELECT note FROM host_notes") } == ["h1"])
        #expect(try catalog.pool.read { try String.fetchAll($0, sql: "SELECT label FROM extension_note") } == ["device"])
    }

    // MARK: Failures change nothing

    static let badSources: [(name: String, text: String, reason: String)] = [
        ("wrong type", "{\"id\": 9, \"title\": \"x\", \"series_index\": \"abc\"}", "line 4: \"series_index\" must be a number"),
        ("string id", "{\"id\": \"9\", \"title\": \"x\"}", "line 4: \"id\" must be an integer"),
        ("fractional id", "{\"id\": 9.5, \"title\": \"x\"}", "line 4"),
        ("zero id", "{\"id\": 0, \"title\": \"x\"}", "line 4: id must be a positive integer"),
        ("negative id", "{\"id\": -3, \"title\": \"x\"}", "line 4: id must be a positive integer"),
        ("missing title", "{\"id\": 9}", "line 4: missing required key \"title\""),
        ("null title", "{\"id\": 9, \"title\": null}", "line 4: \"title\" must not be null"),
        ("empty title", "{\"id\": 9, \"title\": \"  \"}", "line 4: title must not be empty"),
        ("not JSON", "{\"id\": 9, \"title\": ", "line 4: not valid JSON"),
        ("array line", "[1, 2]", "line 4: expected a JSON object"),
        ("authors not array", "{\"id\": 9, \"title\": \"x\", \"authors\": \"Me\"}", "line 4: \"authors\" must be an array"),
        ("bad ko_md5", "{\"id\": 9, \"title\": \"x\", \"files\": [{\"path\": \"a.epub\", \"ko_md5\": \"xyz\"}]}", "line 4: ko_md5 must be 32"),
        // 32 full-width hex digits pass `Character.isHexDigit`, but no device sends them.
        ("full-width ko_md5", "{\"id\": 9, \"title\": \"x\", \"files\": [{\"path\": \"a.epub\", \"ko_md5\": \"" + String(repeating: "\u{FF41}", count: 32) + "\"}]}", "line 4: ko_md5 must be 32"),
        ("path traversal", "{\"id\": 9, \"title\": \"x\", \"files\": [{\"path\": \"../../etc/passwd\"}]}", "line 4: file path must be relative"),
        ("unknown book type", "{\"id\": 9, \"title\": \"x\", \"book_type\": \"novella\"}", "line 4: \"book_type\" has an invalid value"),
        ("duplicate id", "{\"id\": 2, \"title\": \"again\"}", "line 4: duplicate id 2"),
    ]

    @Test(arguments: [false, true])
    func badLinesLeaveTheCatalogExactlyAsItWas(replace: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var base = try JSONLinesSource(path: dir.write("base.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...5))))
        _ = try catalog.importBooks(from: &base)
        let before = try CatalogSnapshot(catalog)

        // Three good lines (one changed, so a partial write would show), then the bad one.
        var good = Fixtures.sampleBooks(1...3)
        good[0].title = "Changed"
        let head = Fixtures.jsonLines(good)
        for bad in Self.badSources {
            var source = try JSONLinesSource(path: dir.write("bad.jsonl", head + bad.text + "\n" + Fixtures.jsonLines(Fixtures.sampleBooks(7...8))))
            do {
                _ = try catalog.importBooks(from: &source, replace: replace)
                Issue.record("\(bad.name): the import succeeded")
            } catch {
                #expect(error.description.hasPrefix(bad.reason), "\(bad.name): \(error)")
            }
            #expect(try CatalogSnapshot(catalog) == before, "\(bad.name) changed the catalog")
        }
    }

    @Test func corruptSourcesLeaveTheCatalogIntact() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var base = try JSONLinesSource(path: dir.write("base.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...5))))
        _ = try catalog.importBooks(from: &base)
        let before = try CatalogSnapshot(catalog)

        var garbage: [UInt8] = Array(Fixtures.jsonLines(Fixtures.sampleBooks(1...2)).utf8)
        garbage += [0xFF, 0xFE, 0x00, 0x80, 0x7B, 0x0A]
        var source = try JSONLinesSource(path: dir.write("garbage.jsonl", bytes: garbage))
        #expect(throws: CatalogError.badLine(line: 3, reason: "not valid UTF-8")) {
            try catalog.importBooks(from: &source)
        }
        #expect(try CatalogSnapshot(catalog) == before)

        #expect(throws: ImportError.self) { try JSONLinesSource(path: dir.file("missing.jsonl")) }
        #expect(throws: ImportError.self) { try JSONLinesSource(path: dir.path) }
        #expect(throws: ImportError.self) { try CalibreLibrarySource(root: dir.path) }
        // A file that is not a Calibre database.
        _ = dir.write("metadata.db", "not sqlite at all")
        #expect(throws: ImportError.self) { try CalibreLibrarySource(root: dir.path) }
        #expect(try CatalogSnapshot(catalog) == before)
    }

    @Test func unknownKeysAndNullsAreAccepted() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        let text = """
            {"id": 17, "title": "Spice and Wolf", "authors": null, "series": null, "series_index": null, "book_type": null, "alt_titles": null, "language": null, "year": null, "files": null, "shelf": "favourites", "rating": 5}

            {"id": 18, "title": "Spice and Wolf II", "series_index": 2.5, "files": [{"path": "a/b.kepub.epub"}]}
            """
        var source = try JSONLinesSource(path: dir.write("x.jsonl", text))
        #expect(try catalog.importBooks(from: &source).added == 2)
        #expect(try catalog.book(id: 17)?.book == CatalogBook(id: 17, title: "Spice and Wolf"))
        let second = try #require(try catalog.book(id: 18)?.book)
        #expect(second.seriesIndex == 2.5)
        #expect(second.files.first?.format == "kepub.epub")
    }
}
