import Foundation
import GRDB
import Testing
import TomeTestSupport
@testable import TomeCatalog

/// A line of the fixture's `expected.jsonl`.
private struct ExpectedBook: Decodable {
    struct File: Decodable {
        var path: String
        var format: String
        var size: Int64
        var ko_md5: String?
    }

    var id: Int64
    var title: String
    var authors: [String]
    var series: String?
    var series_index: Double?
    var book_type: String
    var alt_titles: [String]
    var language: String?
    var year: Int?
    var status: String
    var files: [File]
}

/// A Tome database written meanwhile by another connection, as a running Tome does.
private func writeTome(_ path: String, _ sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.inDatabase { try $0.execute(sql: sql) }
    try queue.close()
}

/// SQL that adds a book to a Tome database, with one file and (optionally) hashes.
func tomeInsert(id: Int64, title: String, author: String, series: String? = nil, index: Double? = nil,
                type: Int = 1, contentType: String = "volume", file: String, hashes: [(String, String)] = []) -> String {
    func q(_ s: String?) -> String { s.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }
    var sql = """
        INSERT INTO books (id, title, author, series, series_index, book_type_id, status, content_type, is_reviewed, added_at, updated_at)
        VALUES (\(id), \(q(title)), \(q(author)), \(q(series)), \(index.map { "\($0)" } ?? "NULL"), \(type), 'active', '\(contentType)', 0,
                '2025-06-01 00:00:00', '2025-06-01 00:00:00');
        INSERT INTO book_files (book_id, file_path, format, file_size, added_at)
        VALUES (\(id), \(q(file)), '\(file.split(separator: ".").last!)', 12345, '2025-06-01 00:00:00');
        """
    for (hash, kind) in hashes {
        sql += "INSERT INTO ko_hashes (book_id, ko_partial_md5, kind, created_at) VALUES (\(id), '\(hash)', '\(kind)', '2025-06-01 00:00:00');"
    }
    return sql
}

@Suite("Tome library import")
struct TomeLibrarySourceTests {
    /// Every field of every book of `expected.jsonl`, as stored after the
    /// import: authors in order, series index, type, relative paths, sizes,
    /// ko_md5 from Tome's hashes table.
    @Test func everyFieldOfEveryBook() throws {
        let lines = try String(contentsOfFile: TomeFixture.directory + "/expected.jsonl", encoding: .utf8).split(separator: "\n")
        let expected = try lines.map { try JSONDecoder().decode(ExpectedBook.self, from: Data($0.utf8)) }
        #expect(expected.count == 600)
        let temporary = try TemporaryCatalog()
        var source = try TomeLibrarySource(path: TomeFixture.database)
        #expect(source.libraryRoot == "/library")
        let summary = try temporary.catalog.importBooks(from: &source)
        #expect(summary.added == 600 && summary.removed == 0 && summary.updated == 0)

        try temporary.catalog.pool.read { (db: Database) throws -> Void in
            for book in expected {
                let row = try #require(try Row.fetchOne(db, sql: """
                    SELECT title, authors, series, series_index, book_type, alt_titles, language, year, status, content_type
                    FROM book WHERE id = ?
                    """, arguments: [book.id]), "book \(book.id)")
                #expect(row[0] as String == book.title)
                #expect(try JSONDecoder().decode([String].self, from: Data((row[1] as String).utf8)) == book.authors, "book \(book.id)")
                #expect(row[2] as String? == book.series)
                #expect(row[3] as Double? == book.series_index)
                #expect(row[4] as String? == book.book_type)
                #expect(row[5] as String == "[]" && book.alt_titles.isEmpty)
                #expect(row[6] as String? == book.language)
                #expect(row[7] as Int? == book.year)
                #expect(row[8] as String == book.status)
                #expect(row[9] as String == "volume")
                let files = try Row.fetchAll(db, sql: "SELECT path, format, size, ko_md5 FROM book_file WHERE book_id = ? ORDER BY position",
                                             arguments: [book.id])
                #expect(files.count == book.files.count)
                for (stored, file) in zip(files, book.files) {
                    #expect("/library/" + (stored[0] as String) == file.path)
                    #expect(stored[1] as String? == file.format)
                    #expect(stored[2] as Int64? == file.size)
                    #expect(stored[3] as String? == file.ko_md5, "book \(book.id)")
                }
            }
        }
        // Imported again: nothing changes.
        var again = try TomeLibrarySource(path: TomeFixture.database)
        #expect(try temporary.catalog.importBooks(from: &again).unchanged == 600)
    }

    /// A deleted book is removed on the next sync, an added one added; a
    /// book Tome flags (a status other than active) is left out; every raw
    /// and baked hash of a book resolves to it.
    @Test func syncFollowsTome() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let temporary = try TemporaryCatalog()
        var source = try TomeLibrarySource(path: tome)
        _ = try temporary.catalog.importBooks(from: &source)
        let baked = ["0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"]
        try writeTome(tome, """
            DELETE FROM ko_hashes WHERE book_id = 2; DELETE FROM book_files WHERE book_id = 2; DELETE FROM books WHERE id = 2;
            UPDATE books SET status = 'duplicate_review' WHERE id = 4;
            \(tomeInsert(id: 700, title: "A New Book", author: "Ann Author, Bob Writer", file: "/library/Ann Author/A New Book (700)/A New Book.epub",
                         hashes: [("00000000000000000000000000000001", "raw"), (baked[0], "baked"), (baked[1], "baked")]))
            INSERT INTO ko_hashes (book_id, ko_partial_md5, kind, created_at) VALUES (3, '\(baked[1].uppercased())', 'baked', '2025-06-01');
            """)
        var changed = try TomeLibrarySource(path: tome)
        #expect(changed.inactiveBooks == 1)
        let summary = try temporary.catalog.importBooks(from: &changed)
        #expect(summary.added == 1 && summary.removed == 2 && summary.updated == 1, "\(summary)")
        try temporary.catalog.pool.read { (db: Database) throws -> Void in
            #expect(try String.fetchOne(db, sql: "SELECT status FROM book WHERE id = 2") == "removed")
            #expect(try String.fetchOne(db, sql: "SELECT status FROM book WHERE id = 4") == "removed")
            #expect(try String.fetchOne(db, sql: "SELECT authors FROM book WHERE id = 700") == #"["Ann Author","Bob Writer"]"#)
            #expect(try String.fetchOne(db, sql: "SELECT ko_md5 FROM book_file WHERE book_id = 700") == "00000000000000000000000000000001")
        }
        let found = try temporary.catalog.reading { reader in
            (try reader.bookIDs(koMD5: baked[0], limit: 2), try reader.bookIDs(koMD5: baked[1], limit: 2),
             try reader.bookIDs(koMD5s: baked + ["00000000000000000000000000000001"]))
        }
        #expect(found.0 == [700])
        #expect(Set(found.1) == [3, 700])  // a hash two books share names neither
        #expect(found.2 == [baked[0]: 700, "00000000000000000000000000000001": 700])
    }

    /// Tome running in WAL mode, with a write transaction open in another
    /// process: the import reads the last committed state and writes nothing.
    @Test func readsWhileAnotherProcessWrites() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        try writeTome(tome, "PRAGMA journal_mode = WAL")
        let ready = dir.file("ready")
        let release = dir.file("release")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", """
            import os, sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM book_files WHERE book_id = 1")
            db.execute("DELETE FROM books WHERE id = 1")
            open(sys.argv[2], "w").close()
            deadline = time.time() + 60
            while not os.path.exists(sys.argv[3]) and time.time() < deadline:
                time.sleep(0.05)
            db.execute("ROLLBACK")
            """, tome, ready, release]
        try writer.run()
        defer {
            _ = FileManager.default.createFile(atPath: release, contents: nil)
            writer.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: ready) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(FileManager.default.fileExists(atPath: ready), "the writing process did not start (python3 needed)")
        let before = CatalogDamage.bytes(tome)
        let temporary = try TemporaryCatalog()
        var source = try TomeLibrarySource(path: tome)
        #expect(try temporary.catalog.importBooks(from: &source).added == 600)  // book 1 is still there: uncommitted
        #expect(CatalogDamage.bytes(tome) == before)
    }

    /// A file that is not a Tome database fails clearly and is left as it was.
    @Test func corruptOrForeignDatabasesFailClearly() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let foreign = dir.file("other.db")
        try writeTome(foreign, "CREATE TABLE books (id INTEGER PRIMARY KEY, name TEXT)")
        let notSQLite = dir.write("notes.db", String(repeating: "not a database ", count: 500))
        let corrupt = try TomeFixture.copy(into: dir)
        // Damage the pages after the first (the schema stays readable).
        let handle = try #require(FileHandle(forUpdatingAtPath: corrupt))
        try handle.seek(toOffset: 8192)
        handle.write(Data(repeating: 0xA5, count: 200_000))
        try handle.close()
        for (path, reason) in [(foreign, "not a Tome library database"), (notSQLite, "not a SQLite database"),
                               (corrupt, ""), (dir.file("missing.db"), "no such file")] {
            let before = CatalogDamage.bytes(path)
            #expect {
                _ = try TomeLibrarySource(path: path)
            } throws: { error in
                guard case ImportError.unreadableSource(let p, let why) = error else { return false }
                return p == path && (reason.isEmpty || why.contains(reason))
            }
            #expect(CatalogDamage.bytes(path) == before)
        }
    }

    /// Paths: the longest common folder, a root given, a file outside it.
    @Test func libraryRoots() throws {
        #expect(TomeLibrarySource.commonFolder(["/books/a/x.epub", "/books/b/y.epub"]) == "/books")
        #expect(TomeLibrarySource.commonFolder(["/books/a/x.epub", "/books/ab/y.epub"]) == "/books")
        #expect(TomeLibrarySource.commonFolder(["/books/a/x.epub"]) == "/books/a")
        #expect(TomeLibrarySource.commonFolder(["/a/x.epub", "/b/y.epub"]) == "/")
        #expect(TomeLibrarySource.relative("/books/a/x.epub", to: "/books") == "a/x.epub")
        #expect(TomeLibrarySource.relative("/booksx/a.epub", to: "/books") == nil)
        #expect(TomeLibrarySource.relative("/a.epub", to: "/") == "a.epub")
        let source = try TomeLibrarySource(path: TomeFixture.database, libraryRoot: "/")
        #expect(source.libraryRoot == "/")
        #expect {
            _ = try TomeLibrarySource(path: TomeFixture.database, libraryRoot: "/elsewhere/")
        } throws: { error in
            guard case ImportError.outsideLibraryRoot(_, _, _, let root) = error else { return false }
            return root == "/elsewhere"
        }
    }
}
