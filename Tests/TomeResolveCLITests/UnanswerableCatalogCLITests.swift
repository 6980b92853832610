import Foundation
import Testing
import TomeCatalog
import TomeTestSupport

@Suite("tome-resolve on catalogs that cannot answer")
struct UnanswerableCatalogCLITests {
    /// A JSON Lines file of a few books, and a catalog imported from it.
    static func importedCatalog(in dir: TemporaryDirectory) throws -> String {
        let lines = (1...40).map { "{\"id\": \($0), \"title\": \"Title number \($0)\", \"authors\": [\"Author \($0 % 7)\"]}" }
        let jsonl = dir.write("books.jsonl", lines.joined(separator: "\n") + "\n")
        let db = dir.file("c.sqlite")
        let r = try CLI.run(["index", "--db", db, "--jsonl", jsonl])
        #expect(r.status == 0, "\(r.stderr)")
        return db
    }

    /// A catalog no import completed into: exit 2 and a sentence, not a
    /// refusal as if the library lacked the book. (A failed first `index`
    /// leaves no file at all; such a catalog is one made by a program, or
    /// by a first import killed before its commit.)
    @Test func aNeverImportedCatalogIsAnErrorNotARefusal() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.file("c.sqlite")
        let failed = try CLI.run(["index", "--db", db, "--jsonl", dir.write("bad.jsonl", "{\"id\": 1, \"title\": \"Dune\"}\nnot json\n")])
        #expect(failed.status == 2)
        #expect(!FileManager.default.fileExists(atPath: db), "a failed first index left a catalog behind")
        _ = try Catalog.open(path: db, create: true)
        _ = try CLI.run(["keys", "create", "--db", db, "--label", "x"])
        let r = try CLI.run(["resolve", "--db", db, "Dune.epub"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the catalog is empty: import books first"), "\(r.stderr)")
    }

    /// `serve` and `keys create` refuse a catalog that fails `quick_check`;
    /// `resolve` says "corrupt", not "not a catalog".
    @Test func aCorruptCatalogIsRefusedByServeAndKeys() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.importedCatalog(in: dir)
        try CatalogDamage.corruptBooks(atPath: db)
        let serve = try CLI.run(["serve", "--db", db, "--port", "0"])
        #expect(serve.status == 2)
        #expect(serve.stderr.contains("is corrupt"), "\(serve.stderr)")
        let keys = try CLI.run(["keys", "create", "--db", db, "--label", "x"])
        #expect(keys.status == 2)
        #expect(keys.stderr.contains("is corrupt"), "\(keys.stderr)")
        let resolve = try CLI.run(["resolve", "--db", db, "Title number 3 - Author 3.epub"])
        #expect(resolve.status == 2)
        #expect(resolve.stderr.contains("is corrupt"), "\(resolve.stderr)")
        #expect(!resolve.stderr.contains("not a TomeResolver catalog"))
    }

    /// A catalog without write permission: `resolve` reads it and leaves
    /// nothing beside it; `index` and `keys create` say they need a writable one.
    @Test func aReadOnlyCatalogIsResolvedAndNotWritten() throws {
        let dir = TemporaryDirectory()
        let db = try Self.importedCatalog(in: dir)
        defer {
            chmod(db, 0o644)
            dir.cleanup()
        }
        #expect(chmod(db, 0o444) == 0)
        let before = CatalogDamage.bytes(db)
        let r = try CLI.run(["resolve", "--db", db, "Title number 3 - Author 3.epub"])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try CLI.run(["index", "--db", db, "--jsonl", dir.file("books.jsonl")])
        #expect(index.status == 2)
        #expect(index.stderr.contains("is read-only: importing books needs a writable catalog"), "\(index.stderr)")
        let keys = try CLI.run(["keys", "create", "--db", db, "--label", "x"])
        #expect(keys.status == 2)
        #expect(keys.stderr.contains("is read-only"), "\(keys.stderr)")
        #expect(CatalogDamage.bytes(db) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["books.jsonl", "c.sqlite"])
    }
}
