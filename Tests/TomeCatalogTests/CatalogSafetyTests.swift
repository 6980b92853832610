import Foundation
import GRDB
import Testing
import TomeSynthetic
import TomeTestSupport
@testable import TomeCatalog

#if canImport(Glibc)
import Glibc
#endif

/// The files in `directory`, sorted.
private func files(_ directory: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite("Catalog safety: nothing written before validation, read-only, corruption, failed imports")
struct CatalogSafetyTests {
    /// Another application's database — in rollback-journal mode, and in
    /// WAL mode — is refused and left exactly as it was, with nothing beside it.
    @Test func aForeignDatabaseIsLeftByteForByte() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        for (name, wal) in [("journal.sqlite", false), ("wal.sqlite", true)] {
            let path = dir.file(name)
            do {
                let queue = try DatabaseQueue(path: path)
                if wal { try queue.writeWithoutTransaction { _ = try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") } }
                try queue.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')") }
                try queue.close()
            }
            let before = try #require(CatalogDamage.bytes(path))
            for create in [false, true] {
                #expect {
                    try Catalog.open(path: path, create: create)
                } throws: { error in
                    guard case .notACatalog(_, let reason) = error as? CatalogError else { return false }
                    return reason.contains("recipes")
                }
            }
            #expect(CatalogDamage.bytes(path) == before, "\(name) was changed by a failed open")
        }
        #expect(try files(dir) == ["journal.sqlite", "wal.sqlite"])
    }

    /// A catalog written by a newer version: refused, unchanged.
    @Test func aNewerCatalogIsLeftByteForByte() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        do {
            let catalog = try Catalog.open(path: path, create: true)
            var source = MemoryBookSource([book(1, "Dune", "Frank Herbert")])
            _ = try catalog.importBooks(from: &source)
            try catalog.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        }
        #expect(try files(dir) == ["c.sqlite"])
        let before = try #require(CatalogDamage.bytes(path))
        #expect(throws: CatalogError.newerVersion(path: path, migrations: ["v9: from the future"])) { try Catalog.open(path: path) }
        #expect(CatalogDamage.bytes(path) == before)
        #expect(try files(dir) == ["c.sqlite"])
    }

    /// Damaged pages are reported as corruption, by a read and by
    /// `quickCheck()`, with SQLite's words.
    @Test func corruptionIsReportedAsCorruption() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.file("c.sqlite")
        do {
            let catalog = try Catalog.open(path: path, create: true)
            var source = MemoryBookSource((1...300).map { book(Int64($0), "Title number \($0)", "Author \($0 % 17)") })
            _ = try catalog.importBooks(from: &source)
            try catalog.quickCheck()
        }
        try CatalogDamage.corruptBooks(atPath: path)
        let catalog = try Catalog.open(path: path)
        #expect {
            try catalog.quickCheck()
        } throws: { error in
            guard case .corrupt(let at, let detail) = error as? CatalogError else { return false }
            return at == path && !detail.isEmpty
        }
        #expect {
            try catalog.allBooks()
        } throws: { error in
            guard case .corrupt = error as? CatalogError else { return false }
            return true
        }
    }

    /// A catalog without write permission opens read-only: it is read, an
    /// import is refused with a clear error, and nothing is written — not
    /// the file, not a `-wal` or `-shm` beside it.
    @Test func aReadOnlyCatalogIsReadAndNeverWritten() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("c.sqlite")
        defer {
            chmod(path, 0o644)
            dir.cleanup()
        }
        do {
            let catalog = try Catalog.open(path: path, create: true)
            var source = MemoryBookSource([book(1, "Dune", "Frank Herbert"), book(2, "Emma", "Jane Austen")])
            _ = try catalog.importBooks(from: &source)
        }
        #expect(chmod(path, 0o444) == 0)
        let before = try #require(CatalogDamage.bytes(path))
        do {
            let catalog = try Catalog.open(path: path)
            #expect(catalog.access == .readOnly)
            #expect(try catalog.activeBookCount() == 2)
            #expect(try catalog.hasCompletedImport())
            try catalog.quickCheck()
            var source = MemoryBookSource([book(3, "Ulysses", "James Joyce")])
            #expect(throws: CatalogError.readOnly(path: path, needed: "importing books")) { try catalog.importBooks(from: &source) }
            #expect(throws: CatalogError.readOnly(path: path, needed: "writing")) { try catalog.setMetadata("k", "v") }
            #expect(try catalog.activeBookCount() == 2)
        }
        #expect(CatalogDamage.bytes(path) == before)
        #expect(try files(dir) == ["c.sqlite"])
        // A catalog that needs a schema step cannot get it while read-only.
        #expect(throws: CatalogError.readOnly(path: path, needed: "creating or upgrading its schema")) {
            try Catalog.open(path: path, extensions: [Fixtures.notesExtension])
        }
    }

    /// A catalog nothing was ever imported into says so; one whose first
    /// import failed too; an import of no books counts as an import.
    @Test func aCatalogKnowsWhetherAnImportEverCompleted() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        #expect(try !catalog.hasCompletedImport())
        var failing = MemoryBookSource([book(1, "Dune", "Frank Herbert"), book(1, "Emma", "Jane Austen")])
        #expect(throws: CatalogError.self) { try catalog.importBooks(from: &failing) }
        #expect(try !catalog.hasCompletedImport())
        var none = MemoryBookSource([])
        _ = try catalog.importBooks(from: &none)
        #expect(try catalog.hasCompletedImport())
    }
}

/// A small tmpfs, mounted for the test (root and `mount` permission needed).
struct SmallDisk {
    let path: String

    static let available: Bool = {
        guard let disk = SmallDisk(megabytes: 1) else { return false }
        disk.unmount()
        return true
    }()

    init?(megabytes: Int) {
        let dir = TemporaryDirectory("tome-tmpfs")
        path = dir.path
        let status = Self.run(["/bin/mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        if status != 0 {
            dir.cleanup()
            return nil
        }
    }

    func unmount() {
        _ = Self.run(["/bin/umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }
}

@Suite("Catalog safety: a full disk", .offTheCooperativePool)
struct DiskFullTests {
    /// An import that fills the disk fails, leaves the previous catalog as
    /// it was (and readable), and gives the write-ahead log's space back.
    @Test(.enabled(if: SmallDisk.available, "mounting a tmpfs is not permitted here: skipped"))
    func aDiskFullImportKeepsTheCatalogAndReleasesTheSpace() throws {
        let disk = try #require(SmallDisk(megabytes: 4))
        defer { disk.unmount() }
        let path = disk.path + "/c.sqlite"
        let catalog = try Catalog.open(path: path, create: true)
        var small = MemoryBookSource((1...50).map { book(Int64($0), "Small title \($0)", "Author \($0)") })
        _ = try catalog.importBooks(from: &small)
        let freeBefore = disk.freeBytes
        var big = SyntheticCatalog(count: 30_000)
        #expect {
            try catalog.importBooks(from: &big)
        } throws: { error in
            guard case .database(let message) = error as? CatalogError else { return false }
            return message.contains("full")
        }
        #expect(try catalog.activeBookCount() == 50)
        #expect(try catalog.allBooks().first?.book.title == "Small title 1")
        var log = stat()
        let logSize = stat(path + "-wal", &log) == 0 ? Int(log.st_size) : 0
        #expect(logSize < 1 << 20, "the write-ahead log kept \(logSize) bytes")
        #expect(disk.freeBytes >= freeBefore - (1 << 20), "free \(disk.freeBytes) bytes, \(freeBefore) before")
    }
}
