import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeServer

@Suite("POST /api/tome-sync/match-hashes")
struct MatchHashesTests {
    static let one = String(repeating: "a", count: 32)
    static let shared = String(repeating: "c", count: 32)
    static let removed = String(repeating: "d", count: 32)
    static let unknown = String(repeating: "e", count: 32)

    /// Book 1 has hash `bbbb…` (the fixture's); 11 has `aaaa…`; 12 and 13
    /// share `cccc…`; 14 had `dddd…` and is removed.
    static func fixture() throws -> ServiceFixture {
        let f = try ServiceFixture(books: ServiceFixture.books + [
            book(11, "Emma", "Jane Austen", md5: one), book(12, "Persuasion", "Jane Austen", md5: shared),
            book(13, "Persuasion (copy)", "Jane Austen", md5: shared), book(14, "Gone", "Nobody", md5: removed),
        ])
        try ServiceFixture.load(ServiceFixture.books + [
            book(11, "Emma", "Jane Austen", md5: one), book(12, "Persuasion", "Jane Austen", md5: shared),
            book(13, "Persuasion (copy)", "Jane Austen", md5: shared),
        ], into: f.catalog)
        return f
    }

    func post(_ client: some TestClientProtocol, _ f: ServiceFixture, _ body: String,
              headers: HTTPFields? = nil) async throws -> (HTTPResponse.Status, [String: Any]?) {
        try await client.execute(uri: "/api/tome-sync/match-hashes", method: .post, headers: headers ?? f.auth,
                                 body: ByteBuffer(string: body)) { r in
            (r.status, try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
        }
    }

    @Test func onlyHashesOfExactlyOneActiveBookMatch() async throws {
        let f = try Self.fixture()
        try await f.application().test(.router) { client in
            let upper = String(repeating: "B", count: 32)
            let body = "{\"hashes\": [\"\(Self.one)\", \"\(Self.shared)\", \"\(Self.removed)\", \"\(Self.unknown)\", \"\(upper)\", \"\(Self.one)\"]}"
            let (status, json) = try await post(client, f, body)
            #expect(status == .ok)
            let matches = try #require(json?["matches"] as? [String: Any])
            #expect(matches.count == 2)
            #expect(matches[Self.one] as? Int == 11)
            #expect(matches[upper] as? Int == 1)  // keyed as sent; case ignored in the lookup
        }
    }

    /// The plugin's JSON encoder writes an empty list as `{}`.
    @Test func emptyListsInEveryShape() async throws {
        let f = try Self.fixture()
        try await f.application().test(.router) { client in
            for body in ["{\"hashes\": []}", "{\"hashes\": {}}", "{}"] {
                let (status, json) = try await post(client, f, body)
                #expect(status == .ok, "\(body)")
                #expect((json?["matches"] as? [String: Any])?.isEmpty == true, "\(body)")
            }
        }
    }

    @Test func badRequestsAreJSONErrors() async throws {
        let f = try Self.fixture()
        let tooMany = "{\"hashes\": [" + Array(repeating: "\"\(Self.one)\"", count: 501).joined(separator: ",") + "]}"
        try await f.application().test(.router) { client in
            for (body, detail) in [("not json", "the body must be a JSON object"), ("[]", "the body must be a JSON object"),
                                   ("{\"hashes\": \"\(Self.one)\"}", "\"hashes\" must be an array of strings"),
                                   ("{\"hashes\": {\"a\": 1}}", "\"hashes\" must be an array of strings"),
                                   ("{\"hashes\": [\"\(Self.one)\", \"xyz\"]}", "hashes[1] is not 32 hexadecimal digits"),
                                   ("{\"hashes\": [\"\(Self.one)\", 7]}", "hashes[1] is not 32 hexadecimal digits"),
                                   (tooMany, "at most 500 hashes per request, got 501")] {
                let (status, json) = try await post(client, f, body)
                #expect(status == .badRequest, "\(body.prefix(60))")
                #expect((json?["detail"] as? String)?.hasPrefix(detail) == true, "\(String(describing: json))")
            }
            let (unauthorized, _) = try await post(client, f, "{}", headers: [:])
            #expect(unauthorized == .unauthorized)
            try await client.execute(uri: "/api/tome-sync/match-hashes", method: .get, headers: f.auth) { r in
                #expect(r.status == .methodNotAllowed)
                #expect(r.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(String(buffer: r.body).contains("route=\"match_hashes\""))
            }
        }
    }
}
