import Crypto
import Foundation
import GRDB
import Testing
@testable import TomeCatalog

@Suite("Calibre import")
struct CalibreImportTests {
    struct Expected: Decodable {
        struct Format: Decodable {
            var format: String
            var path: String
            var ko_md5: String
            var size: Int64
        }
        var calibre_id: Int64
        var title: String
        var authors: [String]
        var series: String?
        var series_index: Double?
        var formats: [Format]
        var languages: [String]
        var identifiers: [String: String]
        var tags: [String]
    }

    static func expected() throws -> [Expected] {
        let text = try String(contentsOfFile: Fixtures.calibreLibrary + "/expected.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }
    }

    @Test func everyFieldOfEveryBookMatchesExpected() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var source = try CalibreLibrarySource(root: Fixtures.calibreLibrary)
        let summary = try catalog.importBooks(from: &source)
        let expected = try Self.expected()
        #expect(expected.count == 44)
        #expect(summary.added == 44)
        #expect(summary.filesHashed == 47)

        for e in expected {
            let stored = try #require(try catalog.book(id: e.calibre_id), "book \(e.calibre_id)")
            let b = stored.book
            #expect(b.title == e.title)
            #expect(b.authors == e.authors, "author order of \(e.title)")
            #expect(b.series == e.series)
            #expect(b.seriesIndex == e.series_index, "series_index of \(e.title)")
            #expect(b.language == e.languages.first)
            #expect(b.identifiers == e.identifiers)
            let tags = Set(e.tags.map { $0.lowercased() })
            #expect(b.bookType == (tags.contains("manga") ? .manga : tags.contains("comic") ? .comic : nil))
            #expect(b.files.count == e.formats.count)
            for f in e.formats {
                let file = try #require(b.files.first { $0.path == f.path }, "file \(f.path)")
                #expect(file.format == f.format.lowercased())
                #expect(file.koMD5 == f.ko_md5, "ko_md5 of \(f.path)")
                #expect(file.size == f.size)
            }
        }
    }

    @Test func theCalibreDatabaseIsNeverWritten() throws {
        let dbPath = Fixtures.calibreLibrary + "/metadata.db"
        func digest() throws -> String {
            let data = try Data(contentsOf: URL(fileURLWithPath: dbPath))
            return SHA256.hash(data: data).description
        }
        let before = try digest()
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        for _ in 0..<2 {
            var source = try CalibreLibrarySource(root: Fixtures.calibreLibrary)
            _ = try catalog.importBooks(from: &source)
        }
        #expect(try digest() == before)
        #expect(!FileManager.default.fileExists(atPath: dbPath + "-wal"))
    }

    @Test func partialMD5SamplesTheDocumentedOffsets() throws {
        #expect(KOReaderDigest.offsets == [0, 1024, 4096, 16384, 65536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864, 268_435_456, 1_073_741_824])
        // Against a straightforward MD5 of the samples, for sizes around the offsets.
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        for size in [0, 1, 1023, 1024, 1025, 4096, 16_384 + 300, 70_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var md5 = Insecure.MD5()
            for offset in KOReaderDigest.offsets where offset < size {
                md5.update(data: bytes[Int(offset)..<min(Int(offset) + 1024, size)])
            }
            let expected = md5.finalize().map { String(format: "%02x", $0) }.joined()
            let path = dir.write("f\(size)", bytes: bytes)
            #expect(try KOReaderDigest.partialMD5(ofFileAt: path) == expected, "size \(size)")
            #expect(KOReaderDigest.partialMD5(of: bytes) == expected)
        }
        // The empty file is the MD5 of nothing.
        #expect(KOReaderDigest.partialMD5(of: []) == "d41d8cd98f00b204e9800998ecf8427e")
    }
}

@Suite("Opening a catalog")
struct CatalogOpeningTests {
    @Test func missingFileIsAClearError() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("none.sqlite")
        #expect(throws: CatalogError.missing(path: path)) { try Catalog.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: CatalogError.notACatalog(path: dir.path, reason: "it is a directory")) { try Catalog.open(path: dir.path) }
    }

    @Test func foreignFilesAreRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let text = dir.write("notes.txt", "just some text, long enough to have a header")
        #expect(throws: CatalogError.notACatalog(path: text, reason: "the file is not a SQLite database")) {
            try Catalog.open(path: text, create: true)
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "just some text, long enough to have a header")

        let other = dir.file("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        try queue.close()
        #expect {
            try Catalog.open(path: other, create: true)
        } throws: { error in
            guard case .notACatalog(_, let reason) = error as? CatalogError else { return false }
            return reason.contains("recipes")
        }

        // A catalog whose header survived but whose pages did not.
        let broken = dir.file("broken.sqlite")
        _ = try Catalog.open(path: broken, create: true)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: broken)))
        for i in 100..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 7) }
        try? FileManager.default.removeItem(atPath: broken + "-wal")
        try? FileManager.default.removeItem(atPath: broken + "-shm")
        _ = dir.write("broken.sqlite", bytes: bytes)
        #expect(throws: CatalogError.self) { try Catalog.open(path: broken).activeBookCount() }
    }

    @Test func catalogsFromANewerVersionAreRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        let catalog = try Catalog.open(path: path, create: true)
        try catalog.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        #expect(throws: CatalogError.newerVersion(path: path, migrations: ["v9: from the future"])) {
            try Catalog.open(path: path)
        }
    }

    /// Another module's tables live in the catalog's file: a catalog opened
    /// without that module still opens the file, and a migration nobody
    /// signed (a newer catalog's) still fails.
    @Test func extensionMigrationsAreSignedAndMovedOnesKnown() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        let withNotes = try Catalog.open(path: path, create: true, extensions: [Fixtures.notesExtension])
        try withNotes.pool.write { try $0.execute(sql: "INSERT INTO extension_note (label) VALUES ('kept')") }
        #expect(try withNotes.metadata("migration:test notes v1") == "TestNotes")
        let plain = try Catalog.open(path: path)
        #expect(try plain.pool.read { try String.fetchAll($0, sql: "SELECT label FROM extension_note") } == ["kept"])
        // The API key table moved from the catalog to TomeKeys under its old identifier.
        try plain.writer().write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: api keys')") }
        _ = try Catalog.open(path: path)
        // An extension that is opened judges its own migrations: one it does not know is newer.
        try plain.writer().write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('test notes v9')") }
        try plain.setMetadata("migration:test notes v9", "TestNotes")
        _ = try Catalog.open(path: path)
        #expect(throws: CatalogError.newerVersion(path: path, migrations: ["test notes v9"])) {
            try Catalog.open(path: path, extensions: [Fixtures.notesExtension])
        }
    }

    /// A reader keeps answering during an import (WAL: no blocking), sees the
    /// old state until the commit, and the new one after, without reopening.
    @Test func readersSeeCommitsWithoutReopening() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        let writer = try Catalog.open(path: path, create: true)
        var first = try JSONLinesSource(path: dir.write("a.jsonl", Fixtures.jsonLines(Fixtures.sampleBooks(1...3))))
        _ = try writer.importBooks(from: &first)

        let reader = try Catalog.open(path: path)
        #expect(try reader.activeBookCount() == 3)

        /// A source that asks the reader for the count while the import's
        /// transaction is open.
        struct Watching: BookSource {
            var books: [CatalogBook]
            let reader: Catalog
            var seen: [Int] = []
            var position: Int? { nil }
            var filesHashed: Int { 0 }
            mutating func next() throws(CatalogError) -> CatalogBook? {
                seen.append(try reader.activeBookCount())
                return books.isEmpty ? nil : books.removeFirst()
            }
        }
        var watching = Watching(books: Fixtures.sampleBooks(1...10), reader: reader)
        _ = try writer.importBooks(from: &watching)
        #expect(watching.seen == Array(repeating: 3, count: 11))
        #expect(try reader.activeBookCount() == 10)
    }
}
