import Foundation
import Testing
import TomeCatalog
import TomeTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The CLI's rough edges, smoothed: errors without usage noise, tables that
/// align, input validated, blank lines skipped, progress only on a terminal,
/// shutdown logged.
@Suite("tome-resolve messages, tables and input", .serialized, .offTheCooperativePool)
struct CommandMessagesTests {
    static func catalog(in dir: TemporaryDirectory) throws -> String {
        let jsonl = dir.write("books.jsonl", #"{"id": 1, "title": "Dune", "authors": ["Frank Herbert"]}"# + "\n")
        let db = dir.file("c.sqlite")
        #expect(try CLI.run(["index", "--db", db, "--jsonl", jsonl]).status == 0)
        return db
    }

    @Test func revokingAnUnknownOrRevokedKeyIsAClearError() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.catalog(in: dir)
        #expect(try CLI.run(["keys", "create", "--db", db, "--label", "Kobo"]).status == 0)
        let unknown = try CLI.run(["keys", "revoke", "--db", db, "99"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "Error: no key with id 99 (see 'tome-resolve keys list')\n", "\(unknown.stderr)")
        #expect(try CLI.run(["keys", "revoke", "--db", db, "1"]).status == 0)
        let again = try CLI.run(["keys", "revoke", "--db", db, "1"])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("Error: key 1 (Kobo) is already revoked, since "), "\(again.stderr)")
        #expect(!again.stderr.contains("Usage"))
    }

    /// Columns start at the same terminal column on every line, whatever
    /// the labels: long ones are cut, wide (CJK) characters count as two.
    @Test func keysListColumnsAlign() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.catalog(in: dir)
        for label in ["Kobo", String(repeating: "A very long label ", count: 5), "小説用の端末", "Kindle"] {
            #expect(try CLI.run(["keys", "create", "--db", db, "--label", label]).status == 0)
        }
        let list = try CLI.run(["keys", "list", "--db", db])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        func width(_ text: Substring) -> Int {
            text.unicodeScalars.reduce(0) { $0 + ((0x3000...0x9FFF).contains($1.value) ? 2 : 1) }
        }
        func column(_ line: String, _ marker: String) -> Int? {
            line.range(of: marker).map { width(line[..<$0.lowerBound]) }
        }
        let prefixColumn = try #require(column(lines[0], "PREFIX"))
        let createdColumn = try #require(column(lines[0], "CREATED"))
        for line in lines.dropFirst() {
            #expect(column(line, "tk_") == prefixColumn, "\(line)")
            #expect(column(line, " 20")! + 1 == createdColumn, "\(line)")
        }
        #expect(list.stdout.contains("A very long label A very long label A v…"))
    }

    @Test func aKOMD5ThatIsNotOneIsAUsageError() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.catalog(in: dir)
        for bad in ["abc", String(repeating: "g", count: 32), String(repeating: "a", count: 33)] {
            let r = try CLI.run(["resolve", "--db", db, "--ko-md5", bad, "Dune.epub"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--ko-md5 must be KOReader's partial MD5: 32 hexadecimal digits"), "\(r.stderr)")
        }
        #expect(try CLI.run(["resolve", "--db", db, "--ko-md5", String(repeating: "A", count: 32), "Dune.epub"]).status == 0)
    }

    @Test func standardInputSkipsBlankLines() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.catalog(in: dir)
        let r = try CLI.run(["resolve", "--db", db, "--json", "-"], input: "Dune.epub\n\n   \r\nFrank Herbert - Dune.epub\n\n")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(r.stdout)")
        #expect(lines.allSatisfy { $0.contains(#""book_id":1"#) })
    }

    /// Progress goes to a terminal only: in a pipe, `eval --catalog` and
    /// `index` print their results and nothing else.
    @Test func noProgressOutsideATerminal() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let r = try CLI.run(["eval", "--catalog", Repository.corpus + "/hand/short-titles.catalog.jsonl",
                             "--cases", Repository.corpus + "/hand/short-titles.cases.tsv"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let index = try CLI.run(["index", "--db", dir.file("g.sqlite"), "--jsonl", Repository.goodbooks])
        #expect(index.status == 0 && index.stderr.isEmpty, "\(index.stderr)")
    }

    /// A catalog whose keys an older build computed resolves with a
    /// warning on standard error, and `serve` logs it; after the same
    /// `index` again, neither warns.
    @Test func aCatalogOfAnOlderVersionIsReported() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = try Self.catalog(in: dir)
        let fresh = try CLI.run(["resolve", "--db", db, "Frank Herbert - Dune.epub"])
        #expect(fresh.status == 0 && fresh.stderr.isEmpty, "\(fresh.stderr)")

        let catalog = try Catalog.open(path: db)
        try catalog.setMetadata("derived_version", "4")
        let stale = try CLI.run(["resolve", "--db", db, "Frank Herbert - Dune.epub"])
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(stale.stderr.contains("Warning: the catalog's keys were computed by an older tome-resolve (version 4"), "\(stale.stderr)")
        #expect(stale.stderr.contains("`tome-resolve index`"), "\(stale.stderr)")
        #expect(try serve(db: db, in: dir).log.contains("computed by an older tome-resolve"))

        try catalog.setMetadata("derived_version", "99")
        let newer = try CLI.run(["resolve", "--db", db, "Frank Herbert - Dune.epub"])
        #expect(newer.stderr.contains("computed by a newer tome-resolve (version 99"), "\(newer.stderr)")

        #expect(try CLI.run(["index", "--db", db, "--jsonl", dir.file("books.jsonl")]).status == 0)
        let mended = try CLI.run(["resolve", "--db", db, "Frank Herbert - Dune.epub"])
        #expect(mended.status == 0 && mended.stderr.isEmpty, "\(mended.stderr)")
        #expect(try !serve(db: db, in: dir).log.contains("tome-resolve ("))
    }

    /// Runs `serve --db db` until it serves, then stops it (SIGTERM): all
    /// it wrote, and its exit status.
    func serve(db: String, in dir: TemporaryDirectory) throws -> (log: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve", "--db", db, "--port", "0"]
        let log = dir.file("serve-\(UUID().uuidString).log")
        try Data().write(to: URL(fileURLWithPath: log))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        func text() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        while !text().contains("Serving 1 books"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        process.terminate()
        process.waitUntilExit()
        try handle.close()
        try #require(text().contains("Serving 1 books"), "\(text())")
        return (text(), process.terminationStatus)
    }

    /// `serve` logs one line when it starts shutting down and one when it
    /// has stopped.
    @Test func serveLogsItsShutdown() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let served = try serve(db: Self.catalog(in: dir), in: dir)
        #expect(served.status == 0)
        let lines = served.log.split(separator: "\n")
        let shutting = lines.firstIndex { $0.contains("shutting down: no new connections; finishing the requests in flight") }
        let stopped = lines.firstIndex { $0.hasSuffix("stopped") }
        #expect(shutting != nil && stopped != nil && shutting! < stopped!, "\(served.log)")
    }
}
