import Foundation
import GRDB
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeResolver

/// Chapter books (`content_type = chapter`, the chapter number in
/// `series_index`): a chapter file resolves to the chapter book of its
/// series with its number; it never resolves to a volume book, and a volume
/// file never to a chapter book.
@Suite("Chapter books")
struct ChapterBookTests {
    /// Tome's fixture with chapter rows added, as Tome stores them.
    static func tomeWithChapters(_ dir: TemporaryDirectory) throws -> String {
        let tome = try TomeFixture.copy(into: dir)
        let queue = try DatabaseQueue(path: tome)
        try queue.inDatabase { db in
            for (id, title, index, content) in [
                (900, "Death Note c012", 12.0, "chapter"), (901, "Chapter 13: Weapon", 13.0, "chapter"),
                (902, "Death Note, Vol. 2: Confluence", 2.0, "volume"), (903, "Death Note c002", 2.0, "chapter"),
            ] {
                try db.execute(sql: """
                    INSERT INTO books (id, title, author, series, series_index, book_type_id, status, content_type, is_reviewed, added_at, updated_at)
                    VALUES (?, ?, 'Tsugumi Ohba, Takeshi Obata', 'Death Note', ?, 2, 'active', ?, 0, '2025-06-01', '2025-06-01');
                    INSERT INTO book_files (book_id, file_path, format, file_size, added_at)
                    VALUES (?, '/library/Tsugumi Ohba/Death Note/' || ? || '.cbz', 'cbz', 1000, '2025-06-01');
                    """, arguments: [id, title, index, content, id, title])
            }
        }
        try queue.close()
        return tome
    }

    @Test func chapterFilesFindChapterBooksOnly() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let temporary = try TemporaryCatalog()
        var source = try TomeLibrarySource(path: try Self.tomeWithChapters(dir))
        #expect(try temporary.catalog.importBooks(from: &source).added == 604)
        let resolver = Resolver(catalog: temporary.catalog)
        func resolve(_ name: String) throws -> Resolution { try resolver.resolve(name) }

        // A chapter file: its series and number, a chapter book.
        #expect(try resolve("Death Note c012.cbz").bookID == 900)
        #expect(try resolve("Death Note c012.cbz").method == .path)  // its own file's name
        #expect(try resolve("Death Note c012 (2005) (Digital).cbz").bookID == 900)
        #expect(try resolve("Death Note c012 (2005) (Digital).cbz").method == .chapter)
        #expect(try resolve("Death Note - Chapter 13.cbz").bookID == 901)
        #expect(try resolve("[Group] Death Note - c002 [Digital].cbz").bookID == 903)
        // The series and, as another dash part, one of the book's authors.
        #expect(try resolve("Tsugumi Ohba - Death Note c012 (2005).cbz").bookID == 900)
        #expect(try resolve("Death Note - Chapter 13 - Takeshi Obata.cbz").bookID == 901)
        // Another author, or no such chapter: refused.
        #expect(try resolve("Death Note c012 - Kentaro Miura.cbz").bookID == nil)
        #expect(try resolve("Takeshi Obata - Death Note c014.cbz").refusal == .chapterFile)
        // No chapter book with that number: refused, never a volume.
        #expect(try resolve("Death Note c014.cbz").refusal == .chapterFile)
        #expect(try resolve("Death Note - Chapter 1.cbz").refusal == .chapterFile)
        // Another series' chapter 12: not Death Note's.
        #expect(try resolve("Bleach c012.cbz").bookID == nil)
        // A volume file: a volume book, never a chapter book with its number.
        #expect(try resolve("Death Note v02.cbz").bookID == 902)
        #expect(try resolve("Death Note v01.cbz").bookID == 585)
        #expect(try resolve("Death Note v12.cbz").bookID == nil)
        #expect(try resolve("Death Note Vol. 13.cbz").bookID == nil)
        // A chapter book's title alone finds nothing: it has no title keys.
        #expect(try resolve("Weapon.cbz").bookID == nil)
        // Its own file's name is an exact file match.
        #expect(try resolve("Chapter 13: Weapon.cbz").bookID == 901)
    }

    /// `content_type` in JSON Lines: `volume` by default, `chapter` read by
    /// both JSON readers alike; a chapter needs its number.
    @Test func jsonLinesContentType() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let lines = dir.write("c.jsonl", """
            {"id": 1, "title": "One Piece, Vol. 1", "authors": ["Eiichiro Oda"], "series": "One Piece", "series_index": 1, "book_type": "manga"}
            {"id": 2, "title": "Romance Dawn", "authors": ["Eiichiro Oda"], "series": "One Piece", "series_index": 1, "book_type": "manga", "content_type": "chapter"}
            {"id": 3, "title": "They Call Him Straw Hat Luffy", "series": "One Piece", "series_index": 2, "content_type": "chapter", "ko_md5s": ["ABCDEF0123456789ABCDEF0123456789"]}

            """)
        let temporary = try TemporaryCatalog()
        try temporary.load(jsonLines: lines)
        let resolver = Resolver(catalog: temporary.catalog)
        #expect(try resolver.resolve("One Piece v01.cbz").bookID == 1)
        #expect(try resolver.resolve("One Piece c001.cbz").bookID == 2)
        #expect(try resolver.resolve("One Piece - Chapter 2.cbz").bookID == 3)
        #expect(try resolver.resolve("Romance Dawn.cbz").bookID == nil)
        #expect(try resolver.resolve("x.cbz", koMD5: "abcdef0123456789abcdef0123456789").bookID == 3)
        #expect(try resolver.books(koMD5s: ["ABCDEF0123456789ABCDEF0123456789"]) == ["ABCDEF0123456789ABCDEF0123456789": 3])

        let bad = dir.write("bad.jsonl", #"{"id": 4, "title": "Loose chapter", "content_type": "chapter"}"# + "\n")
        #expect {
            try temporary.load(jsonLines: bad)
        } throws: { error in
            "\(error)".contains("a chapter book needs its chapter number in series_index")
        }
        let unknown = dir.write("unknown.jsonl", #"{"id": 5, "title": "X", "content_type": "omnibus"}"# + "\n")
        #expect(throws: CatalogError.self) { try temporary.load(jsonLines: unknown) }
    }
}
