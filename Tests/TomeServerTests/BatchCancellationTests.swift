import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing
import TomeCatalog
import TomeKeys
import TomeResolver
import TomeSynthetic
import TomeTestSupport
@testable import TomeServer

#if canImport(Glibc)
import Glibc
#endif

@Suite("Batches whose clients have gone")
struct BatchCancellationTests {
    /// Batches whose clients reset the connection right away stop at the
    /// next chunk: most of their chunks are skipped, and a single resolve
    /// is answered meanwhile.
    @Test func abortedBatchesStopConsumingCPU() async throws {
        var synthetic = SyntheticCatalog(count: 3000)
        var books: [CatalogBook] = []
        while let book = synthetic.next() { books.append(book) }
        let f = try ServiceFixture(books: books)
        let names = books.prefix(500).map { $0.title + " - " + ($0.authors.first ?? "") + ".epub" }
        let body = try JSONSerialization.data(withJSONObject: ["filenames": names])
        let metrics = ServiceMetrics()
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let app = Application(router: ResolveServer.router(catalog: f.catalog, keys: f.keys, metrics: metrics, logger: logger),
                              server: .guardedHTTP1(ConnectionLimits()), logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for _ in 0..<8 {
                let connection = try RawConnection(port: port)
                connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                                + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n")
                connection.send([UInt8](body))
                try await Task.sleep(for: .milliseconds(30))
                connection.reset()
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode(names[0]))", method: .get, headers: f.auth) { r in
                #expect(r.status == .ok)
            }
            // Wait for the batch pool to drain, then count.
            var skipped = 0, resolved = 0
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(100))
                let text = metrics.exposition()
                skipped = Self.counter(text, "tome_batch_chunks_total{outcome=\"skipped\"}")
                resolved = Self.counter(text, "tome_batch_chunks_total{outcome=\"resolved\"}")
                if skipped + resolved >= 8 * 20 { break }
            }
            // Every chunk of a batch that started is counted, resolved or
            // skipped (a body cut short ends the request before its chunks).
            // Most must have been skipped.
            #expect(skipped + resolved >= 20, "no batch started: \(skipped) chunks skipped, \(resolved) resolved")
            #expect(skipped > resolved, "only \(skipped) of \(skipped + resolved) chunks skipped")
        }
    }

    /// A client that goes away halfway through a batch's body is counted as
    /// gone (499), not as a body too large (413).
    @Test func aBodyCutShortIsNotTooLarge() async throws {
        let f = try ServiceFixture()
        let metrics = ServiceMetrics()
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let app = Application(router: ResolveServer.router(catalog: f.catalog, keys: f.keys, metrics: metrics, logger: logger),
                              server: .guardedHTTP1(ConnectionLimits()), logger: logger)
        try await app.test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                            + "Content-Length: 100\r\n\r\n{\"filen")
            try await Task.sleep(for: .milliseconds(100))
            connection.close()
            var text = ""
            for _ in 0..<50 where !text.contains("status=\"499\"") {
                try await Task.sleep(for: .milliseconds(100))
                text = metrics.exposition()
            }
            #expect(text.contains("route=\"resolve_batch\"") && text.contains("status=\"499\""),
                    "\(text.split(separator: "\n").filter { $0.contains("requests_total") })")
            #expect(!text.contains("status=\"413\""))
        }
    }

    /// A batch whose client closes its side normally — a half-close
    /// (`shutdown(SHUT_WR)`) right after the request, or a plain close (a
    /// FIN) — is abandoned like one whose client reset the connection: the
    /// chunks not started are skipped and the request counts as 499. The
    /// half-closed client, still listening, reads the 499.
    @Test(arguments: [true, false]) func batchesWhoseClientsCloseNormallyAreCancelled(halfClose: Bool) async throws {
        let (f, body) = try Self.slowBatch()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n")
            connection.send([UInt8](body))
            if halfClose { Glibc.shutdown(connection.fd, Int32(SHUT_WR)) } else { connection.close() }
            var text = ""
            for _ in 0..<200 where !text.contains("route=\"resolve_batch\"") {
                try await Task.sleep(for: .milliseconds(100))
                text = await Self.get("/metrics", port: port)
            }
            let skipped = Self.counter(text, "tome_batch_chunks_total{outcome=\"skipped\"}")
            let resolved = Self.counter(text, "tome_batch_chunks_total{outcome=\"resolved\"}")
            #expect(text.contains("route=\"resolve_batch\",method=\"POST\",status=\"499\""),
                    "\(text.split(separator: "\n").filter { $0.contains("requests_total") })")
            #expect(skipped > resolved, "only \(skipped) of \(skipped + resolved) chunks skipped")
            if halfClose {
                let answer = await connection.readUntilClosed(within: 10)
                #expect(answer.text.hasPrefix("HTTP/1.1 499"), "\(answer.text.prefix(80))")
                connection.close()
            }
        }
    }

    /// A catalog of 3,000 books and a batch body of 500 of their names: long
    /// enough to resolve (20 chunks) that a test can act while it runs.
    static func slowBatch() throws -> (ServiceFixture, Data) {
        var synthetic = SyntheticCatalog(count: 3000)
        var books: [CatalogBook] = []
        while let book = synthetic.next() { books.append(book) }
        let names = books.prefix(500).map { $0.title + " - " + ($0.authors.first ?? "") + ".epub" }
        return (try ServiceFixture(books: books), try JSONSerialization.data(withJSONObject: ["filenames": names]))
    }

    /// The body of `GET path` on a connection of its own.
    static func get(_ path: String, port: Int) async -> String {
        guard let connection = try? RawConnection(port: port) else { return "" }
        defer { connection.close() }
        connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return await connection.readUntilClosed(within: 10).text
    }

    static func counter(_ exposition: String, _ name: String) -> Int {
        for line in exposition.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Int(Double(line.split(separator: " ").last ?? "0") ?? 0)
        }
        return 0
    }

    /// One validation for a name, single or in a batch.
    @Test func badNamesInABatchAreRejectedLikeInAGet() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            for (name, detail) in [("Dune\u{0}.epub", "contains a NUL character"), ("", "is empty"),
                                   (String(repeating: "a", count: 5000), "is longer than")] {
                try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode(name))", method: .get, headers: f.auth) { r in
                    #expect(r.status == .badRequest)
                    #expect(((try? json(r))?["detail"] as? String)?.contains(detail) == true)
                }
                let body = try JSONSerialization.data(withJSONObject: ["filenames": ["Dune.epub", name]])
                try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth, body: ByteBuffer(bytes: body)) { r in
                    #expect(r.status == .badRequest)
                    let text = (try? json(r))?["detail"] as? String ?? ""
                    #expect(text.hasPrefix("filenames[1] ") && text.contains(detail), "\(text)")
                }
            }
        }
    }
}
