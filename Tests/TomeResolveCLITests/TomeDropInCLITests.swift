import Foundation
import GRDB
import Testing
import TomeTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 GET over a plain socket; returns the status code and body.
func httpGet(port: Int, _ target: String, bearer: String? = nil) throws -> (status: Int, body: String) {
    let fd = try connectToLocalhost(port: port)
    defer { close(fd) }
    var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if let bearer { request += "Authorization: Bearer \(bearer)\r\n" }
    request += "\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        received += buffer[0..<n]
    }
    let text = String(decoding: received, as: UTF8.self)
    let status = Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
    let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    return (status, body)
}

/// A `tome-resolve serve` process, stopped with SIGTERM.
final class ServeProcess {
    let process = Process()
    let output = Pipe()
    private(set) var port = 0
    private(set) var printed = ""

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            printed += String(decoding: data, as: UTF8.self)
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") }),
               let colon = line.range(of: "http://127.0.0.1:") {
                port = Int(line[colon.upperBound...].prefix { $0.isNumber }) ?? 0
                break
            }
        }
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("Switching from Tome: the CLI", .serialized)
struct TomeDropInCLITests {
    /// The issue's done-when, as a user types it: `index --tome` adds 600
    /// books, `keys import --tome` 2 keys, and both fixture keys get 200 from
    /// a live `serve`.
    @Test func indexKeysAndServe() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.file("c.sqlite")
        let index = try CLI.run(["index", "--db", db, "--tome", TomeFixture.database])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("added              600"), "\(index.stdout)")
        #expect(index.stdout.contains("(file paths are relative to /library)"))
        let keys = try CLI.run(["keys", "import", "--db", db, "--tome", TomeFixture.database])
        #expect(keys.status == 0 && keys.stdout.contains("added 2, removed 0"), "\(keys.stdout)\(keys.stderr)")

        let serve = try ServeProcess(["--db", db])
        defer { _ = serve.stop() }
        try #require(serve.port > 0, "serve did not start: \(serve.printed)")
        #expect(!serve.printed.contains("No API key existed"))  // the imported keys are the keys
        for key in TomeFixture.keys.map(\.plaintext) {
            let r = try httpGet(port: serve.port, "/api/tome-sync/resolve?filename=The%20Hunger%20Games.epub", bearer: key)
            #expect(r.status == 200 && r.body.contains(#""book_id":1"#), "\(r)")
        }
        #expect(try httpGet(port: serve.port, "/api/tome-sync/resolve?filename=x.epub", bearer: "tk_" + String(repeating: "0", count: 40)).status == 401)
        #expect(serve.stop() == 0)
    }

    /// `serve --follow-tome` imports at start (no `index` first), and a key
    /// deleted in Tome stops working after the next follow cycle.
    @Test func serveFollowsTome() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let serve = try ServeProcess(["--db", dir.file("c.sqlite"), "--follow-tome", tome, "--follow-interval", "0.2"])
        defer { _ = serve.stop() }
        try #require(serve.port > 0, "serve did not start: \(serve.printed)")
        #expect(serve.printed.contains("Serving 600 books") && serve.printed.contains("(following tome \(tome))"))
        let (kobo, kindle) = (TomeFixture.keys[0].plaintext, TomeFixture.keys[1].plaintext)
        #expect(try httpGet(port: serve.port, "/api/tome-sync/resolve?filename=Twilight%20-%20Stephenie%20Meyer.epub", bearer: kindle).status == 200)
        let health = try httpGet(port: serve.port, "/healthz")
        #expect(health.status == 200 && health.body.contains(#""kind":"tome""#) && health.body.contains(#""last_sync":"#), "\(health)")

        let queue = try DatabaseQueue(path: tome)
        try queue.inDatabase { try $0.execute(sql: "DELETE FROM api_keys WHERE label = 'Kindle'") }
        try queue.close()
        var status = 200
        let deadline = Date().addingTimeInterval(15)
        while status != 401, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            status = try httpGet(port: serve.port, "/api/tome-sync/resolve?filename=x.epub", bearer: kindle).status
        }
        #expect(status == 401)
        #expect(try httpGet(port: serve.port, "/api/tome-sync/resolve?filename=Twilight%20-%20Stephenie%20Meyer.epub", bearer: kobo).status == 200)
        #expect(serve.stop() == 0)
    }

    /// Argument mistakes are usage errors (exit 2, with the reason), before
    /// anything is opened.
    @Test func usageErrors() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.file("x.sqlite")
        for (arguments, message) in [
            (["index", "--db", db, "--tome", "a.db", "--jsonl", "b.jsonl"], "Give one source only"),
            (["index", "--db", db, "--jsonl", "b.jsonl", "--library-root", "/library"], "--library-root goes with --tome"),
            (["serve", "--follow-tome", "a.db"], "needs a catalog of its own: give --db PATH"),
            (["serve", "--db", db, "--follow-tome", "a.db", "--follow-calibre", "dir"], "Follow one library"),
        ] {
            let r = try CLI.run(arguments)
            #expect(r.status == 2 && r.stderr.contains(message), "\(arguments): \(r.status) \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db))
        }
        // A Tome database that cannot be read: a clear error, no catalog left behind.
        let r = try CLI.run(["index", "--db", db, "--tome", dir.write("not.db", "plain text")])
        #expect(r.status == 2 && r.stderr.contains("not a SQLite database"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["not.db"])
        // `serve --follow-tome` on a library it cannot read: the same, before it listens.
        let serve = try CLI.run(["serve", "--db", db, "--follow-tome", dir.file("not.db"), "--port", "0"])
        #expect(serve.status == 2 && serve.stderr.contains("could not read the library to follow"), "\(serve.stderr)")
        #expect(!serve.stderr.contains("Usage"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["not.db"])
        // Files outside the given library root: the error says which option fixes it.
        let outside = try CLI.run(["index", "--db", db, "--tome", TomeFixture.database, "--library-root", "/elsewhere"])
        #expect(outside.status == 2 && outside.stderr.contains("is not inside the library root /elsewhere (give --library-root)"),
                "\(outside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
        // A failed first JSON Lines import too; a failed re-import keeps the catalog.
        let bad = dir.write("bad.jsonl", #"{"id": 1, "title": ""}"# + "\n")
        #expect(try CLI.run(["index", "--db", db, "--jsonl", bad]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: db))
        let good = dir.write("good.jsonl", #"{"id": 1, "title": "Dune"}"# + "\n")
        #expect(try CLI.run(["index", "--db", db, "--jsonl", good]).status == 0)
        #expect(try CLI.run(["index", "--db", db, "--jsonl", bad]).status == 2)
        #expect(try CLI.run(["resolve", "--db", db, "Dune.epub"]).status == 0)
    }
}
