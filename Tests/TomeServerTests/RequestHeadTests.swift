import Foundation
import Testing
@testable import TomeServer

/// What the connection guard checks in a request's head before the router
/// sees it: the `Host` header (RFC 9112 §3.2) and `Expect: 100-continue`.
@Suite("Request heads: Host, Expect")
struct RequestHeadTests {
    /// HTTP/1.1 needs exactly one `Host`: without one, or with two, 400 in
    /// JSON and a close. HTTP/1.0 may leave it out.
    @Test func http11NeedsExactlyOneHost() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            for request in ["GET /healthz HTTP/1.1\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"] {
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                connection.send(request)
                let (text, closedAfter) = await connection.readUntilClosed(within: 20)
                #expect(text.hasPrefix("HTTP/1.1 400"), "\(request.debugDescription): \(text)")
                #expect(text.lowercased().contains("content-type: application/json"))
                let body = text.components(separatedBy: "\r\n\r\n").last ?? ""
                let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                #expect((object?["detail"] as? String)?.contains("Host") == true, "\(body)")
                #expect(closedAfter != nil)
            }
            let old = try RawConnection(port: port)
            defer { old.close() }
            old.send("GET /healthz HTTP/1.0\r\n\r\n")
            let (text, _) = await old.readUntilClosed(within: 20)
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        }
    }

    /// `Expect: 100-continue` gets `100 Continue` before the body is sent,
    /// then the answer once it is.
    @Test func expectContinueIsAnswered() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            let body = "{\"filenames\":[\"Dune.epub\"]}"
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
            let interim = await connection.read(until: "\r\n\r\n", within: 10)
            #expect(interim.text.hasPrefix("HTTP/1.1 100 Continue\r\n"), "\(interim.text)")
            connection.send(body)
            let answer = await connection.read(until: "\"book_id\"", within: 30)
            #expect(answer.text.hasPrefix("HTTP/1.1 200"), "\(answer.text)")
            #expect(answer.text.contains("\"book_id\":6"), "\(answer.text)")
        }
    }

    /// A declared body over the limit with `Expect: 100-continue`: 413 at
    /// once, in JSON, and a close — the client need not send it.
    @Test func expectContinueWithAnOversizedBodyIs413AtOnce() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                + "Content-Length: 100000000\r\nExpect: 100-continue\r\n\r\n")
            let (text, closedAfter) = await connection.readUntilClosed(within: 10)
            #expect(text.hasPrefix("HTTP/1.1 413"), "\(text)")
            #expect(text.lowercased().contains("content-type: application/json"))
            #expect(closedAfter != nil)
        }
    }
}
