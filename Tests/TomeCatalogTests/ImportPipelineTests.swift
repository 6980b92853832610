import Foundation
import GRDB
import Testing
@testable import TomeCatalog
import TomeTestSupport

@Suite("Import pipeline", .offTheCooperativePool)
struct ImportPipelineTests {
    // MARK: The fast JSON reader

    /// `JSONDecoder`'s book for a line, or nil when it throws.
    static func decoded(_ line: String) -> CatalogBook? {
        try? JSONDecoder().decode(CatalogBook.self, from: Data(line.utf8))
    }

    static func fast(_ line: String) -> CatalogBook? {
        Array(line.utf8).withUnsafeBufferPointer { JSONBookReader.book($0) }
    }

    static let readableLines = [
        #"{"id": 17, "title": "Spice and Wolf", "authors": ["Isuna Hasekura"], "series": "Spice and Wolf", "series_index": 1, "book_type": "light_novel", "alt_titles": ["狼と香辛料"], "language": "jpn", "year": 2006, "files": [{"path": "a/b.epub", "format": "EPUB", "ko_md5": "0123456789ABCDEF0123456789abcdef"}]}"#,
        #"{"id":1,"title":"x"}"#,
        #"  { "title" : "Late id" , "id" : 3 }  "#,
        "{\"id\": 4, \"title\": \"CRLF\"}\r",
        #"{"id": 5, "title": "Esc \"q\" \\ \/ \b\f\n\r\t \u00e9 \u4e2d \u0001", "authors": ["A\u0301"]}"#,
        #"{"id": 6, "title": "Nulls", "authors": null, "series": null, "series_index": null, "run": null, "book_type": null, "alt_titles": null, "language": null, "year": null, "identifiers": null, "files": null}"#,
        #"{"id": 7, "title": "Numbers", "series_index": 2.5, "run": 1963, "year": 0, "files": [{"path": "p", "size": 123456789012}]}"#,
        #"{"id": 8, "title": "Fractions", "series_index": 0.1, "run": 10.25}"#,
        #"{"id": -3, "title": "Negatives", "year": -720, "series_index": -2.5, "run": -1, "files": [{"path": "p", "size": -1}]}"#,
        #"{"id": 9, "title": "Unknown keys", "shelf": {"a": [1, 2.5, true, false, null, "s", {"b": []}]}, "rating": 5, "tags": []}"#,
        #"{"id": 10, "title": "Files", "files": [{"path": "a.cbz", "extra": [1], "format": null, "size": null, "ko_md5": null}, {"path": "b/c.kepub.epub"}]}"#,
        #"{"id": 11, "title": "Ids", "identifiers": {"isbn": "978", "goodreads": "12", "b": "é"}}"#,
        #"{"id": 12, "title": "Empty lists", "authors": [], "alt_titles": [], "identifiers": {}, "files": []}"#,
        #"{"id": 13, "title": "Emoji 😀 and 日本語", "series": "Ω"}"#,
    ]

    /// Lines the fast reader leaves to `JSONDecoder`, valid or not.
    static let declinedLines = [
        #"{"id": 1e3, "title": "exponent"}"#,
        #"{"id": 1, "title": "NUL \u0000"}"#,  // JSONLinesSource refuses it after JSONDecoder
        #"{"id": 9.0, "title": "fraction id"}"#,
        #"{"id": 1, "title": "a", "title": "b"}"#,
        #"{"id": 1, "ti\u0074le": "escaped key"}"#,
        #"{"id": 1, "title": "\ud83d\ude00 surrogates"}"#,
        #"{"id": 1, "title": "x", "series_index": -0.0}"#,
        #"{"id": 1, "title": "x", "series_index": 1e400}"#,
        #"{"id": 1, "title": "x", "book_type": "novella"}"#,
        #"{"id": 1, "title": "x", "authors": "Me"}"#,
        #"{"id": 1, "title": "x", "authors": [null]}"#,
        #"{"id": 1, "title": "x", "files": [{"format": "epub"}]}"#,
        #"{"id": 1, "title": "x"} trailing"#,
        #"{"id": 1, "title": "x",}"#,
        #"{"id": 12345678901234567890, "title": "big"}"#,
        #"{"id": 1, "title": "x", "n": 01}"#,
        "{\"id\": 1, \"title\": \"raw \t tab\"}",
        "\u{FEFF}{\"id\": 1, \"title\": \"BOM\"}",
        #"[1, 2]"#, #"{"id": 9}"#, #"{"id": 9, "title": null}"#, #"{"id": 9, "title": "#, "{}", "",
    ]

    @Test func fastReaderReadsWhatJSONDecoderReads() throws {
        for line in Self.readableLines {
            let fast = try #require(Self.fast(line), "the fast reader declined \(line)")
            #expect(fast == Self.decoded(line), "\(line)")
        }
    }

    @Test func fastReaderLeavesEverythingElseToJSONDecoder() {
        for line in Self.declinedLines {
            #expect(Self.fast(line) == nil, "the fast reader read \(line)")
        }
    }

    @Test func fastReaderAgreesOnTheBundledCatalog() throws {
        let text = try String(contentsOfFile: Fixtures.goodbooks, encoding: .utf8)
        var read = 0
        for line in text.split(separator: "\n") where !line.isEmpty {
            let fast = Self.fast(String(line))
            if fast != nil { read += 1 }
            #expect(fast == nil || fast == Self.decoded(String(line)), "\(line)")
        }
        #expect(read == 10_000)
    }

    // MARK: The text an import computes

    @Test func jsonColumnsAreWhatJSONSerializationWrites() {
        let lists: [[String]] = [
            [], ["Ann Leckie"], ["a/b", "Jū Ayakura", "狼と香辛料", "😀"], ["quote \" here"], ["back\\slash"],
            ["tab\there", "nl\n", "\u{1F}"], ["\u{7F}", "\u{2028}", "\u{FEFF}"], ["", ""],
        ]
        for list in lists { #expect(ImportText.json(list) == JSONText.encode(list), "\(list)") }
        let objects: [[String: String]] = [
            [:], ["isbn": "978"], ["é": "\""], ["b": "1", "a": "2"], ["a10": "x", "a9": "y", "B": "z"],
        ]
        for object in objects { #expect(ImportText.json(object) == JSONText.encode(object), "\(object)") }
    }

    /// Fingerprints written before the import was rewritten (by commit
    /// d2a4cc3): a change would make every stored book look changed. They
    /// change only with ``CatalogSchema/derivedVersion`` (these are version
    /// 6's, raised when the title facts — subtitle split, series core —
    /// began to be stored at import).
    @Test func fingerprintsAreUnchanged() throws {
        let lines = [
            #"{"id": 7, "title": "Spice and Wolf", "authors": ["Isuna Hasekura", "Jū Ayakura"], "series": "Spice and Wolf", "series_index": 2.5, "run": 1, "book_type": "light_novel", "alt_titles": ["狼と香辛料", "Ōkami to Kōshinryō"], "language": "jpn", "year": 2006, "identifiers": {"isbn": "9780759531048", "goodreads": "12"}, "files": [{"path": "a/b.epub", "format": "EPUB", "size": 12, "ko_md5": "0123456789ABCDEF0123456789abcdef"}, {"path": "a/c.cbz"}]}"#,
            #"{"id": 8, "title": "Plain"}"#,
            #"{"id": 9, "title": "Tab\there \"quoted\" \\ back/slash", "authors": [], "series_index": 1, "year": 0, "files": [{"path": "x.kepub.epub", "size": 0}]}"#,
        ]
        let expected = ["aac54dbe4af1723d45ddd6e05628ace6", "93d296d713d01a13c12f6c7327ff9592", "84dba75dbb4da56ebacbb146e7ae16df"]
        for (line, fingerprint) in zip(lines, expected) {
            let got = try #require(Self.decoded(line)).fingerprint
            #expect(got == fingerprint, "fingerprint \(got)")
        }
    }

    // MARK: Bulk loads and synchronizing imports write the same rows

    /// A catalog's rows, without import times and `book_file` row ids.
    static func rows(_ catalog: Catalog, ids: ClosedRange<Int64>) throws -> [String] {
        try catalog.pool.read { db in
            var rows: [String] = []
            for sql in [
                "SELECT id, title, authors, series, series_index, book_type, alt_titles, language, year, identifiers, status, fingerprint, title_key, title_latin_key, series_key, core_key, core_volume, author_keys, run FROM book WHERE id BETWEEN ? AND ? ORDER BY id",
                "SELECT key, book_id, kind FROM book_key WHERE book_id BETWEEN ? AND ? ORDER BY key, book_id, kind",
                "SELECT book_id, position, path, basename, format, size, ko_md5 FROM book_file WHERE book_id BETWEEN ? AND ? ORDER BY book_id, position",
                "SELECT rowid, * FROM book_fts WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
            ] {
                for row in try Row.fetchAll(db, sql: sql, arguments: [ids.lowerBound, ids.upperBound]) {
                    rows.append(row.description)
                }
            }
            return rows
        }
    }

    static func schema(_ catalog: Catalog) throws -> [String] {
        try catalog.pool.read { db in
            try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY name")
        }
    }

    @Test func bulkLoadWritesWhatASynchronizingImportWrites() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let bulk = try Catalog.open(path: dir.file("bulk.sqlite"), create: true)
        var source = try JSONLinesSource(path: Fixtures.goodbooks)
        #expect(try bulk.importBooks(from: &source).added == 10_000)

        // A catalog that holds a book already synchronizes book by book.
        let synced = try Catalog.open(path: dir.file("sync.sqlite"), create: true)
        var seed = MemoryBookSource([CatalogBook(id: 1_000_000, title: "Seed", files: [CatalogFile(path: "s.epub")])])
        _ = try synced.importBooks(from: &seed)
        var again = try JSONLinesSource(path: Fixtures.goodbooks)
        let summary = try synced.importBooks(from: &again)
        #expect(summary.added == 10_000 && summary.removed == 1)

        #expect(try Self.rows(bulk, ids: 1...10_000) == Self.rows(synced, ids: 1...10_000))
        #expect(try Self.schema(bulk) == Self.schema(synced))
        let integrity = try bulk.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
    }

    @Test func duplicateIDInAnEmptyCatalogRollsEverythingBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        let before = try Self.schema(catalog)
        var books = Fixtures.sampleBooks(1...1500)
        books.append(Fixtures.sampleBooks(700...700)[0])
        var source = try JSONLinesSource(path: dir.write("dup.jsonl", Fixtures.jsonLines(books)))
        #expect(throws: CatalogError.importFailed(.duplicateID(id: 700, line: 1501))) { try catalog.importBooks(from: &source) }
        #expect(try catalog.activeBookCount() == 0)
        #expect(try Self.schema(catalog) == before)
    }

    /// An import records the derived version its keys were computed with;
    /// a catalog of an older version (its books' fingerprints are that
    /// version's) has every book recomputed by the next import, and then
    /// records this one.
    @Test func anImportRecordsTheVersionOfItsKeys() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        #expect(try catalog.importedDerivedVersion() == nil)
        let jsonl = dir.write("b.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...40)))
        var source = try JSONLinesSource(path: jsonl)
        _ = try catalog.importBooks(from: &source)
        #expect(try catalog.importedDerivedVersion() == CatalogSchema.derivedVersion)

        // What an import by an older build left.
        try catalog.pool.write { db in
            try db.execute(sql: "UPDATE book SET fingerprint = 'older'")
            try db.execute(sql: "DELETE FROM tome_catalog WHERE key = 'derived_version'")
        }
        #expect(try catalog.importedDerivedVersion() == nil)
        var again = try JSONLinesSource(path: jsonl)
        let summary = try catalog.importBooks(from: &again)
        #expect(summary.updated == 40 && summary.unchanged == 0)
        #expect(try catalog.importedDerivedVersion() == CatalogSchema.derivedVersion)
    }

    @Test(arguments: [false, true])
    func aBadLineFarIntoTheSourceStopsThereAndChangesNothing(replace: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var base = try JSONLinesSource(path: dir.write("base.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...50))))
        _ = try catalog.importBooks(from: &base)
        let before = try CatalogSnapshot(catalog)
        let text = Fixtures.jsonLines(Fixtures.sampleBooks(1...2499)) + "{\"id\": 1, \"title\": \n"
            + Fixtures.jsonLines(Fixtures.sampleBooks(2501...3000))
        var source = try JSONLinesSource(path: dir.write("bad.jsonl", text))
        #expect(throws: CatalogError.badLine(line: 2500, reason: "not valid JSON")) {
            try catalog.importBooks(from: &source, replace: replace)
        }
        #expect(try CatalogSnapshot(catalog) == before)
    }

    // MARK: Foreign keys

    static func foreignKeys(_ catalog: Catalog) throws -> Bool {
        try catalog.pool.writeWithoutTransaction { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") ?? false }
    }

    @Test func foreignKeyChecksAreBackOnAfterEveryImport() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        #expect(try Self.foreignKeys(catalog))
        var good = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...5))))
        _ = try catalog.importBooks(from: &good)
        #expect(try Self.foreignKeys(catalog))
        var bad = try JSONLinesSource(path: dir.write("b.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...3)) + "{\n"))
        #expect(throws: CatalogError.self) { try catalog.importBooks(from: &bad) }
        #expect(try Self.foreignKeys(catalog))
    }

    /// A host table that references `book` keeps the checks on: its
    /// `ON DELETE CASCADE` runs when an import replaces a changed book, as it
    /// always did.
    @Test func aHostTableThatReferencesBooksKeepsItsForeignKeyActions() throws {
        let progress = CatalogSchemaExtension(name: "TestProgress", migrations: [
            .init("test progress v1") { db in
                try db.execute(sql: "CREATE TABLE progress (book_id INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE, page INTEGER)")
            },
        ])
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true, extensions: [progress])
        var books = Fixtures.sampleBooks(1...5)
        var first = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(books)))
        _ = try catalog.importBooks(from: &first)
        try catalog.pool.write { try $0.execute(sql: "INSERT INTO progress (book_id, page) VALUES (2, 10), (3, 30)") }
        books[1].title = "Changed"
        var second = try JSONLinesSource(path: dir.write("b.jsonl", Fixtures.jsonLines(books)))
        #expect(try catalog.importBooks(from: &second).updated == 1)
        let pages = try catalog.pool.read { try Int.fetchAll($0, sql: "SELECT page FROM progress ORDER BY page") }
        #expect(pages == [30])
        #expect(try Self.foreignKeys(catalog))
    }

    @Test func progressIsReportedEveryThousandBooksInOrder() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var source = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...3500))))
        var reported: [Int] = []
        let summary = try catalog.importBooks(from: &source) { reported.append($0) }
        #expect(summary.added == 3500)
        #expect(reported == [1000, 2000, 3000])
    }
}
