import Foundation
import GRDB
import Testing
import TomeSynthetic
import TomeTestSupport
@testable import TomeCatalog

#if canImport(Glibc)
import Glibc
#endif

/// A catalog with `books`, written and closed, at `path`: no `-wal` left.
private func writeCatalog(_ path: String, _ books: [CatalogBook]) throws {
    let catalog = try Catalog.open(path: path, create: true)
    var source = MemoryBookSource(books)
    _ = try catalog.importBooks(from: &source)
}

@Suite("A catalog's file: reading writes nothing, other programs' files, a file replaced or deleted")
struct CatalogFileTests {
    /// Opening a current catalog and reading it writes nothing: not the file,
    /// not a frame into its write-ahead log (GRDB's read-write pool writes a
    /// transaction at opening when the log is empty; a served catalog moved
    /// aside then shares a log holding the old file's pages with the new one).
    @Test func readingACurrentCatalogWritesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        try writeCatalog(path, [book(1, "Dune", "Frank Herbert"), book(2, "Emma", "Jane Austen")])
        let before = try #require(CatalogDamage.bytes(path))
        do {
            let catalog = try Catalog.open(path: path)
            #expect(try catalog.activeBookCount() == 2)
            #expect(try catalog.read { try String.fetchOne($0, sql: "SELECT title FROM book WHERE id = 1") } == "Dune")
            let logSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            #expect(logSize == 0, "reading wrote \(logSize) bytes of write-ahead log")
        }
        #expect(CatalogDamage.bytes(path) == before, "reading changed the catalog file")
    }

    /// The writer a reading catalog opens at its first write works, and
    /// what it commits is read by the read-only readers.
    @Test func aReadingCatalogStillWritesWhenAsked() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        try writeCatalog(path, [book(1, "Dune", "Frank Herbert")])
        let catalog = try Catalog.open(path: path)
        try catalog.setMetadata("note", "written later")
        #expect(try catalog.metadata("note") == "written later")
        var source = MemoryBookSource([book(1, "Dune", "Frank Herbert"), book(2, "Emma", "Jane Austen")])
        _ = try catalog.importBooks(from: &source)
        #expect(try catalog.activeBookCount() == 2)
    }

    /// A SQLite file another program claimed (`application_id` or
    /// `user_version`), even without tables, is refused by every opening and
    /// left byte for byte; a file without tables becomes a catalog only
    /// when asked to (`create`, as `index` does).
    @Test func onlyAnUnclaimedEmptyDatabaseBecomesACatalog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        for (name, pragma) in [("app.sqlite", "PRAGMA application_id = 1095520323"), ("user.sqlite", "PRAGMA user_version = 7")] {
            let path = dir.file(name)
            do {
                let queue = try DatabaseQueue(path: path)
                try queue.writeWithoutTransaction { try $0.execute(sql: pragma) }
                try queue.close()
            }
            let before = try #require(CatalogDamage.bytes(path))
            for create in [false, true] {
                #expect {
                    try Catalog.open(path: path, create: create)
                } throws: { error in
                    guard case .notACatalog(_, let reason) = error as? CatalogError else { return false }
                    return reason.contains("another application")
                }
            }
            #expect(CatalogDamage.bytes(path) == before, "\(name) was changed by a refused open")
        }
        let empty = dir.file("empty.sqlite")
        do {
            let queue = try DatabaseQueue(path: empty)
            try queue.write { try $0.execute(sql: "CREATE TABLE t (x); DROP TABLE t") }
            try queue.close()
        }
        let before = try #require(CatalogDamage.bytes(empty))
        #expect {
            try Catalog.open(path: empty)
        } throws: { error in
            guard case .notACatalog(_, let reason) = error as? CatalogError else { return false }
            return reason.contains("without tables")
        }
        #expect(CatalogDamage.bytes(empty) == before)
        let created = try Catalog.open(path: empty, create: true)
        #expect(try created.hasCompletedImport() == false)
    }

    /// A file moved onto the catalog's path, or the file deleted, is noticed
    /// (one `stat`), and nothing is written any more: a write would put the
    /// old file's pages into the log the new file is read with.
    @Test func aReplacedOrDeletedFileIsNoticedAndNeverWritten() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        let other = dir.file("new.sqlite")
        try writeCatalog(path, [book(1, "Dune", "Frank Herbert")])
        try writeCatalog(other, [book(2, "Emma", "Jane Austen")])
        let catalog = try Catalog.open(path: path)
        #expect(catalog.fileChange() == .unchanged)
        #expect(rename(other, path) == 0)
        #expect(catalog.fileChange() == .replaced)
        #expect(throws: CatalogError.fileChanged(path: path, change: .replaced)) {
            try catalog.setMetadata("note", "lost")
        }
        var source = MemoryBookSource([book(3, "Persuasion", "Jane Austen")])
        #expect(throws: CatalogError.fileChanged(path: path, change: .replaced)) {
            _ = try catalog.importBooks(from: &source)
        }
        let replacement = try Catalog.open(path: path)
        #expect(try replacement.read { try Int.fetchAll($0, sql: "SELECT id FROM book") } == [2])
        #expect(try replacement.read { try String.fetchAll($0, sql: "PRAGMA quick_check") } == ["ok"])

        #expect(unlink(path) == 0)
        #expect(replacement.fileChange() == .deleted)
        #expect(throws: CatalogError.fileChanged(path: path, change: .deleted)) {
            try replacement.requireUnchangedFile()
        }
    }
}
