import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TomeCatalog
import TomeKeys
import TomeResolver
import TomeTestSupport
@testable import TomeServer

@Suite("Batch and hash bodies are read within bounds")
struct BatchBodyBoundsTests {
    /// The 501st filename refuses the body at once: what follows it is not
    /// read, so a body whose tail is not even JSON gets the count's error.
    @Test func aBatchIsRefusedAtItsFiveHundredFirstName() async throws {
        let f = try ServiceFixture()
        let names = Array(repeating: "\"\"", count: 501).joined(separator: ",")
        try await f.application().test(.router) { client in
            for body in ["{\"filenames\": [" + names + ", \"unterminated", "{\"filenames\":[" + names + "]}"] {
                try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth,
                                         body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest)
                    let detail = (try? json(r))?["detail"] as? String ?? ""
                    #expect(detail.hasPrefix("at most 500 filenames per batch"), "\(detail)")
                }
            }
        }
    }

    /// A refused body is not read to its end: the 501st name, or a body
    /// declared larger than the limit, is answered at once (while the client
    /// has sent only the start of its 2 MiB) with `Connection: close`, and
    /// the connection closes once the rest has come, or after a short
    /// linger (2 s) — a request pipelined behind it is dropped, not
    /// answered. A client flooding junk bodies costs the server the bytes up
    /// to the refusal and at most 64 KiB more, not all 2 MiB of each body.
    @Test func aRefusedBodyIsNotReadToItsEnd() async throws {
        let f = try ServiceFixture()
        let start = "{\"filenames\":[" + Array(repeating: "\"\"", count: 501).joined(separator: ",") + ","
        let heads = [
            // Declared within the limit, refused at name 501.
            "Content-Length: \(2 << 20)\r\n\r\n" + start,
            // Declared over the limit: refused before any of it is read.
            "Content-Length: \((2 << 20) + 1)\r\n\r\n" + start,
        ]
        try await withLiveService(f) { port in
            for (route, head) in [("resolve/batch", heads[0]), ("resolve/batch", heads[1]), ("match-hashes", heads[1])] {
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                connection.send("POST /api/tome-sync/\(route) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                                + "Content-Type: application/json\r\n" + head)
                // Closed well before the 30 s body timeout would close it.
                let answer = await connection.readUntilClosed(within: 20)
                #expect(answer.closedAfter != nil, "\(route): the connection stayed open for the rest of the body")
                #expect(answer.text.hasPrefix("HTTP/1.1 4"), "\(route): \(answer.text.prefix(120))")
                #expect(answer.text.lowercased().contains("connection: close"), "\(answer.text.prefix(300))")
            }
            // A refused request with a request pipelined behind it: one
            // answer, then the connection closes.
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            let body = "{\"filenames\":[" + Array(repeating: "\"\"", count: 600).joined(separator: ",") + "]}"
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
                            + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let answer = await connection.readUntilClosed(within: 10)
            #expect(answer.closedAfter != nil)
            #expect(answer.text.components(separatedBy: "HTTP/1.1 ").count == 2, "\(answer.text)")
            #expect(answer.text.contains("at most 500 filenames per batch"), "\(answer.text.prefix(300))")
        }
    }

    /// The same bound for `match-hashes`: refused at the 501st hash.
    @Test func hashesAreRefusedAtTheFiveHundredFirst() async throws {
        let f = try ServiceFixture()
        let hashes = Array(repeating: "\"" + String(repeating: "a", count: 32) + "\"", count: 501).joined(separator: ",")
        try await f.application().test(.router) { client in
            try await client.execute(uri: "/api/tome-sync/match-hashes", method: .post, headers: f.auth,
                                     body: ByteBuffer(string: "{\"hashes\": [" + hashes + ", {{{")) { r in
                #expect(r.status == .badRequest)
                let detail = (try? json(r))?["detail"] as? String ?? ""
                #expect(detail.hasPrefix("at most 500 hashes per request"), "\(detail)")
            }
        }
    }

    /// The count reads the structure only, and stops at element 501: what
    /// follows is not looked at, however malformed. Strings (escaped quotes
    /// and brackets included), nested values and other members' arrays
    /// count right.
    @Test func theCountStopsAtElement501() throws {
        let head = "{\"filenames\": [" + Array(repeating: "\"\"", count: 501).joined(separator: ",")
        for tail in ["", "]}", ", {{{ \u{1} not JSON"] {
            #expect(JSONArrayCount.exceeds(500, member: "filenames", in: ByteBuffer(string: head + tail)))
        }
        let tricky = "{\"filenames\" : [" + Array(repeating: "\"a\\\"],[\\\\\"", count: 500).joined(separator: " , ") + "]}"
        #expect(!JSONArrayCount.exceeds(500, member: "filenames", in: ByteBuffer(string: tricky)))
        #expect(JSONArrayCount.exceeds(499, member: "filenames", in: ByteBuffer(string: tricky)))
        let many = Array(repeating: "1", count: 600).joined(separator: ",")
        let others = "{\"other\": [\(many)], \"x\": {\"filenames\": [\(many)]}, \"filenames\": [[1, 2, 3], {\"a\": [1, 2]}, \"x\"]}"
        #expect(!JSONArrayCount.exceeds(3, member: "filenames", in: ByteBuffer(string: others)))
        #expect(JSONArrayCount.exceeds(2, member: "filenames", in: ByteBuffer(string: others)))
        #expect(!JSONArrayCount.exceeds(0, member: "filenames", in: ByteBuffer(string: "{\"filenames\": [ ]}")))
        // Fed in pieces, as a body arrives, split anywhere (inside a key,
        // a string or an escape): the same decision.
        let small = "{\"x\": [1,2,3], \"filenames\" : [\"a\\\"],\", [\"filenames\"], \"c\"]}"
        for (limit, expected) in [(2, true), (3, false)] {
            #expect(JSONArrayCount.exceeds(limit, member: "filenames", in: ByteBuffer(string: small)) == expected)
            let bytes = Array(small.utf8)
            for cut in 1..<bytes.count {
                for step in [1, cut] {
                    var counter = JSONArrayCount(limit: limit, member: "filenames")
                    var fed = [false]
                    for start in stride(from: 0, to: bytes.count, by: step) {
                        fed.append(counter.feed(ByteBuffer(bytes: bytes[start..<min(start + step, bytes.count)])))
                    }
                    #expect(fed.last == expected, "limit \(limit), pieces of \(step)")
                }
            }
        }
        // 2 MiB of empty strings: refused with the count's error, the rest unread.
        let flood = "{\"filenames\":[" + Array(repeating: "\"\"", count: 699_000).joined(separator: ",") + "]}"
        for body in [flood, head + ", {{{"] {
            do {
                _ = try BatchRequest.filenames(in: ByteBuffer(string: body), limit: 500)
                Issue.record("a body of more than 500 names was accepted")
            } catch let error as APIError {
                #expect(error.status == .badRequest)
                #expect(error.detail == "at most 500 filenames per batch, got 501 or more")
            }
        }
    }

    /// All requests together hold at most ``TomeSyncRoutes/maximumBufferedBodyBytes``
    /// of bodies: a request that would pass it is answered 503 with
    /// `Retry-After: 1` at once (it does not wait), and the bytes are given
    /// back when a body is done with. The refused body is not read: the
    /// connection closes after the 503.
    @Test func bodiesShareOneBudget() async throws {
        let f = try ServiceFixture()
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let router = Router(context: ResolveRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        var routes = TomeSyncRoutes<ResolveRequestContext>(resolver: Resolver(catalog: f.catalog), authentication: .apiKeys(f.keys))
        routes.maximumBufferedBodyBytes = 3000
        routes.add(to: router)
        let budget = routes.bodyBudget
        let app = Application(router: router, server: .guardedHTTP1(ConnectionLimits()), logger: logger)
        // 1,500 bytes: fits alone, not beside a held 2,000.
        let body = ByteBuffer(string: "{\"filenames\": [\"Dune - Frank Herbert.epub\", \"\(String(repeating: "a", count: 1452))\"]}")
        #expect(body.readableBytes == 1500)
        try await app.test(.live) { client in
            let slow = try RawConnection(port: try #require(client.port))
            defer { slow.close() }
            let declared = "{\"filenames\": [\"" + String(repeating: "b", count: 1981) + "\"]}"
            slow.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                      + "Connection: close\r\nContent-Length: \(declared.utf8.count)\r\n\r\n" + declared.prefix(100))
            for _ in 0..<250 where budget.inUse == 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(budget.inUse == 2000)
            // Refused unread, so the connection closes after the answer.
            let refused = try RawConnection(port: try #require(client.port))
            defer { refused.close() }
            refused.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                         + "Content-Length: \(body.readableBytes)\r\n\r\n" + String(buffer: body))
            let refusal = await refused.readUntilClosed(within: 10)
            #expect(refusal.text.hasPrefix("HTTP/1.1 503"), "\(refusal.text.prefix(100))")
            #expect(refusal.text.lowercased().contains("retry-after: 1\r\n"))
            #expect(refusal.closedAfter != nil)
            slow.send(String(declared.dropFirst(100)))
            let answer = await slow.readUntilClosed(within: 30)
            #expect(answer.text.hasPrefix("HTTP/1.1 200"), "\(answer.text.prefix(100))")
            #expect(budget.inUse == 0)
            try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth, body: body) { r in
                #expect(r.status == .ok)
            }
        }
    }
}
