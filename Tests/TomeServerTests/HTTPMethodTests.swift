import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TomeServer

/// Every route answers `HEAD` where it answers `GET`, and any other method
/// with 405 and `Allow`.
@Suite("HTTP methods: HEAD, 405")
struct HTTPMethodTests {
    static let routes: [(uri: String, allow: String)] = [
        ("/healthz", "GET, HEAD"),
        ("/metrics", "GET, HEAD"),
        ("/api/tome-sync/resolve?filename=Dune.epub", "GET, HEAD"),
        ("/api/tome-sync/resolve/batch", "POST"),
        ("/api/tome-sync/match-hashes", "POST"),
    ]

    /// `HEAD` gets `GET`'s status and headers, and no body. (`/metrics`
    /// grows with every request counted: its length is not compared.)
    @Test func headIsGetWithoutTheBody() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            for (uri, headers) in [("/healthz", HTTPFields()), ("/metrics", [:]),
                                   ("/api/tome-sync/resolve?filename=Dune.epub", f.auth),
                                   ("/api/tome-sync/resolve?filename=Twilight.epub", f.auth),
                                   ("/api/tome-sync/resolve?filename=Dune.epub", [:])] {
                let get = try await client.execute(uri: uri, method: .get, headers: headers)
                let head = try await client.execute(uri: uri, method: .head, headers: headers)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                if uri != "/metrics" { #expect(head.headers[.contentLength] == get.headers[.contentLength], "\(uri)") }
                #expect(head.headers[.contentLength] != nil, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
            }
        }
    }

    /// Every other method on every route: 405, `Allow`, a JSON detail.
    @Test func otherMethodsAre405WithAllow() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            for (uri, allow) in Self.routes {
                let allowed = Set(allow.components(separatedBy: ", "))
                for method in [HTTPRequest.Method.get, .head, .post, .put, .delete, .patch, .options, .trace]
                where !allowed.contains(method.rawValue) {
                    try await client.execute(uri: uri, method: method, headers: f.auth) { r in
                        #expect(r.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(r.headers[.allow] == allow, "\(method) \(uri)")
                        if method != .head { #expect((try? json(r))?["detail"] is String, "\(method) \(uri)") }
                    }
                }
            }
        }
    }

    /// On a real socket, a `HEAD` answer carries no body bytes: the next
    /// request on the connection is read and answered normally.
    @Test func headOnASocketLeavesTheConnectionUsable() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let (text, _) = await connection.readUntilClosed(within: 20)
            let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(responses.count == 2, "\(text)")
            #expect(responses.first?.hasPrefix("200") == true && responses.first?.hasSuffix("\r\n\r\n") == true, "\(text)")
            #expect(responses.last?.hasSuffix("\"status\":\"ok\"}") == true, "\(text)")
        }
    }
}
