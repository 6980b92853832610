import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TomeTestSupport
@testable import TomeServer

/// The bodies the TomeSync plugin reads, byte for byte: compact JSON, keys
/// sorted, `/` not escaped, `application/json` (``TomeJSONEncoder``).
@Suite("Response bodies, byte for byte")
struct WireFormatTests {
    static let md5 = String(repeating: "b", count: 32)

    func get(_ client: some TestClientProtocol, _ f: ServiceFixture, _ uri: String) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: uri, method: .get, headers: f.auth) { r in
            (r.status, String(buffer: r.body), r.headers[.contentType])
        }
    }

    func post(_ client: some TestClientProtocol, _ f: ServiceFixture, _ uri: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .post, headers: f.auth, body: ByteBuffer(string: body)) { r in
            (r.status, String(buffer: r.body))
        }
    }

    @Test func singleRouteAnswersRefusalsAndErrors() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            let answer = try await get(client, f, "/api/tome-sync/resolve?filename=x.epub&ko_md5=\(Self.md5)")
            #expect(answer.0 == .ok)
            #expect(answer.1 == #"{"book_id":1,"confidence":1,"method":"ko_md5"}"#)
            #expect(answer.2 == "application/json")

            let refusal = try await get(client, f, "/api/tome-sync/resolve?filename=Twilight.epub")
            #expect(refusal.0 == .notFound)
            #expect(refusal.1 == #"{"detail":"Ambiguous filename; could not resolve uniquely","reason":"ambiguous: 2 books titled Twilight and the name has no author","refusal":"ambiguous"}"#)
            #expect(refusal.2 == "application/json")

            let missing = try await get(client, f, "/api/tome-sync/resolve")
            #expect(missing.0 == .badRequest)
            #expect(missing.1 == #"{"detail":"the query parameter 'filename' is required"}"#)
            #expect(missing.2 == "application/json")

            let unknown = try await get(client, f, "/api/tome-sync/nothing")
            #expect(unknown.0 == .notFound)
            #expect(unknown.1 == #"{"detail":"Not found"}"#)
        }
    }

    @Test func batchItemsAndMatches() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            let batch = try await post(client, f, "/api/tome-sync/resolve/batch", #"{"filenames": ["Twilight.epub", "a/b.epub"]}"#)
            #expect(batch.0 == .ok)
            #expect(batch.1.hasPrefix(#"{"results":[{"book_id":null,"confidence":0,"filename":"Twilight.epub","method":"none","reason":"ambiguous: 2 books titled Twilight and the name has no author","refusal":"ambiguous"},{"book_id":null,"confidence":0,"filename":"a/b.epub","method":"none","reason":"#), "\(batch.1)")

            let matches = try await post(client, f, "/api/tome-sync/match-hashes", "{\"hashes\": [\"\(Self.md5)\"]}")
            #expect(matches.0 == .ok)
            #expect(matches.1 == "{\"matches\":{\"\(Self.md5)\":1}}")

            // `null` is no hashes, as `{}` and `[]` are.
            let none = try await post(client, f, "/api/tome-sync/match-hashes", #"{"hashes": null}"#)
            #expect(none.0 == .ok)
            #expect(none.1 == #"{"matches":{}}"#)
        }
    }
}
