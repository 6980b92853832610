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

/// A catalog in a temporary folder, a key, and the service's application.
final class ServiceFixture: @unchecked Sendable {
    let temporary: TemporaryCatalog
    var path: String { temporary.path }
    var catalog: Catalog { temporary.catalog }
    let keys: APIKeyStore
    let key: String

    static let books: [CatalogBook] = [
        CatalogBook(id: 1, title: "The Hunger Games", authors: ["Suzanne Collins"], series: "The Hunger Games", seriesIndex: 1,
                    files: [CatalogFile(path: "Suzanne Collins/The Hunger Games (1)/The Hunger Games - Suzanne Collins.epub",
                                        koMD5: String(repeating: "b", count: 32))]),
        CatalogBook(id: 2, title: "Catching Fire", authors: ["Suzanne Collins"], series: "The Hunger Games", seriesIndex: 2),
        CatalogBook(id: 3, title: "Twilight", authors: ["Stephenie Meyer"]),
        CatalogBook(id: 4, title: "Twilight", authors: ["Meg Cabot"]),
        CatalogBook(id: 5, title: "進撃の巨人 第1巻", authors: ["諫山創"], series: "進撃の巨人", seriesIndex: 1, bookType: .manga),
        CatalogBook(id: 6, title: "Dune", authors: ["Frank Herbert"]),
    ]

    init(books: [CatalogBook] = ServiceFixture.books) throws {
        temporary = try TemporaryCatalog(books)
        keys = try APIKeyStore(catalog: temporary.catalog)
        key = try keys.create(label: "test").plaintext
    }

    static func load(_ books: [CatalogBook], into catalog: Catalog) throws {
        var source = MemoryBookSource(books)
        _ = try catalog.importBooks(from: &source)
    }

    func application() -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return Application(router: ResolveServer.router(catalog: catalog, keys: keys, metrics: ServiceMetrics()), logger: logger)
    }

    var auth: HTTPFields { [.authorization: "Bearer \(key)"] }

}

/// Percent-encodes like the KOReader plugin (`util.urlEncode`): everything but
/// unreserved characters, spaces as `%20`.
func pluginEncode(_ name: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-._~")
    return name.addingPercentEncoding(withAllowedCharacters: allowed)!
}

func json(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
}

@Suite("Resolve service (router)")
struct ServerRouterTests {
    @Test func answersRefusesAndExplains() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode("Suzanne Collins - The Hunger Games.epub"))", method: .get, headers: f.auth) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/json")
                let o = try json(r)
                #expect(o["book_id"] as? Int == 1)
                #expect(o["method"] as? String == "title")
                #expect((o["confidence"] as? Double ?? 0) > 0.5)
                // The plugin's answer, exactly: no more keys.
                #expect(Set(o.keys) == ["book_id", "method", "confidence"])
            }
            // `+` for spaces, as forms encode them.
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Vol.+2+%E2%80%94+Catching+Fire.epub", method: .get, headers: f.auth) { r in
                #expect((try? json(r))?["book_id"] as? Int == 2)
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode("進撃の巨人 第01巻.cbz"))", method: .get, headers: f.auth) { r in
                #expect((try? json(r))?["book_id"] as? Int == 5)
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=whatever.epub&ko_md5=\(String(repeating: "b", count: 32))", method: .get, headers: f.auth) { r in
                let o = try json(r)
                #expect(o["book_id"] as? Int == 1)
                #expect(o["method"] as? String == "ko_md5")
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Twilight.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .notFound)
                let o = try json(r)
                #expect(o["detail"] as? String == "Ambiguous filename; could not resolve uniquely")
                #expect(o["reason"] as? String == "ambiguous: 2 books titled Twilight and the name has no author")
                #expect(o["refusal"] as? String == "ambiguous")
                #expect(Set(o.keys) == ["detail", "reason", "refusal"])
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Nothing+Like+It.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .notFound)
                let o = try json(r)
                #expect(o["detail"] as? String == "No matching book found")
                #expect(o["refusal"] as? String == "no_candidate")
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune+v01-03.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .notFound)
                #expect((try? json(r))?["refusal"] as? String == "volume_range")
            }
        }
    }

    @Test func authenticationMatrix() async throws {
        let f = try ServiceFixture()
        let second = try f.keys.create(label: "to revoke")
        try await f.application().test(.router) { client in
            let uri = "/api/tome-sync/resolve?filename=Dune.epub"
            for headers: HTTPFields in [[:], [.authorization: "Basic dXNlcjpwYXNz"], [.authorization: "Bearer"],
                                        [.authorization: "Bearer tk_notakeyatallnotakeyatallnotakeyatall"], [.authorization: "Bearer \(f.key)x"],
                                        [.authorization: f.key]] {
                try await client.execute(uri: uri, method: .get, headers: headers) { r in
                    #expect(r.status == .unauthorized, "\(headers)")
                    #expect(r.headers[.contentType] == "application/json")
                    #expect((try? json(r))?["detail"] is String)
                }
            }
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "bearer \(second.plaintext)"]) { r in
                #expect(r.status == .ok)
            }
            // Revocation takes effect on the very next request.
            #expect(try f.keys.revoke(id: second.key.id))
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(second.plaintext)"]) { r in
                #expect(r.status == .unauthorized)
                #expect((try? json(r))?["detail"] as? String == "unknown or revoked API key")
            }
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                let o = try json(r)
                #expect(o["status"] as? String == "ok")
                #expect(o["books"] as? Int == ServiceFixture.books.count)
            }
        }
    }

    @Test func badFilenamesAre400() async throws {
        let f = try ServiceFixture()
        let cases: [(String, String)] = [
            ("/api/tome-sync/resolve", "the query parameter 'filename' is required"),
            ("/api/tome-sync/resolve?file=Dune.epub", "the query parameter 'filename' is required"),
            ("/api/tome-sync/resolve?filename=", "filename is empty"),
            ("/api/tome-sync/resolve?filename=%20%20", "filename is empty"),
            ("/api/tome-sync/resolve?filename=" + String(repeating: "a", count: 5 * 1024), "filename is longer than 4096 bytes"),
            ("/api/tome-sync/resolve?filename=%FF%FE.epub", "filename is not valid UTF-8"),
            ("/api/tome-sync/resolve?filename=%C3%28", "filename is not valid UTF-8"),
            ("/api/tome-sync/resolve?filename=Dune%00.epub", "filename contains a NUL character"),
            ("/api/tome-sync/resolve?filename=Dune.epub&ko_md5=%FF", "ko_md5 is not valid UTF-8"),
        ]
        try await f.application().test(.router) { client in
            for (uri, detail) in cases {
                try await client.execute(uri: uri, method: .get, headers: f.auth) { r in
                    #expect(r.status == .badRequest, "\(uri)")
                    #expect(r.headers[.contentType] == "application/json")
                    #expect((try? json(r))?["detail"] as? String == detail, "\(uri)")
                }
            }
        }
    }

    /// FTS5 operators, SQL and paths in names: answered or refused, never a 5xx.
    @Test func hostileNamesNeverFail() async throws {
        let f = try ServiceFixture()
        let names = ["\"", "*", "NEAR", "AND", "OR", "NOT", ":", "^", "(", ")", "Dune\" OR \"x", "Dune*", "NEAR(Dune Twilight)",
                     "title:Dune", "^Dune", "Dune AND Twilight", "-Dune", "'; DROP TABLE book; --", "1' OR '1'='1",
                     "Robert'); DELETE FROM book_fts;--", "../../etc/passwd", "/etc/passwd", "..\\..\\win.ini", "%", "%%",
                     "\u{1F600}.epub", "\u{202E}buc.epub", String(repeating: "(", count: 4000)]
        try await f.application().test(.router) { client in
            for name in names {
                try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode(name))", method: .get, headers: f.auth) { r in
                    #expect(r.status == .ok || r.status == .notFound, "\(name): \(r.status)")
                    let body = String(buffer: r.body)
                    #expect(!body.contains("SELECT") && !body.contains(f.temporary.directory.path), "\(name) leaked: \(body)")
                }
            }
        }
        #expect(try f.catalog.activeBookCount() == ServiceFixture.books.count)
    }

    @Test func batches() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            // Names NameCheck rejects make the batch a 400, as in a GET (BatchCancellationTests.badNamesInABatchAreRejectedLikeInAGet).
            let names = ["Dune.epub", "Twilight.epub", "Catching Fire - Suzanne Collins.epub", "Nothing like it.epub"]
            let body = try JSONSerialization.data(withJSONObject: ["filenames": names])
            try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth, body: ByteBuffer(bytes: body)) { r in
                #expect(r.status == .ok)
                let results = try #require(try json(r)["results"] as? [[String: Any]])
                #expect(results.map { $0["filename"] as? String } == names)
                #expect(results.map { $0["book_id"] as? Int } == [6, nil, 2, nil])
                #expect(results[1]["reason"] as? String == "ambiguous: 2 books titled Twilight and the name has no author")
                // Refusal codes; null on answers.
                #expect(results.map { $0["refusal"] as? String } == [nil, "ambiguous", nil, "no_candidate"])
                #expect(results[0]["refusal"] is NSNull && results[1]["book_id"] is NSNull)
                for result in results {
                    #expect(Set(result.keys) == ["filename", "book_id", "method", "confidence", "reason", "refusal"])
                }
            }
            // A batch larger than one chunk keeps its order.
            let many = (0..<120).map { ["Dune.epub", "Twilight.epub", "Catching Fire - Suzanne Collins.epub", "x\($0).epub"][$0 % 4] }
            let manyBody = try JSONSerialization.data(withJSONObject: ["filenames": many])
            try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth, body: ByteBuffer(bytes: manyBody)) { r in
                let results = (try? json(r))?["results"] as? [[String: Any]] ?? []
                #expect(results.map { $0["filename"] as? String } == many)
                #expect(results.map { $0["book_id"] as? Int } == (0..<120).map { [6, nil, 2, nil][$0 % 4] })
            }
            let tooMany = try JSONSerialization.data(withJSONObject: ["filenames": Array(repeating: "Dune.epub", count: 501)])
            let bad: [(ByteBuffer, HTTPResponse.Status)] = [
                (ByteBuffer(bytes: tooMany), .badRequest),
                (ByteBuffer(string: "not json"), .badRequest),
                (ByteBuffer(string: "{\"filenames\": \"Dune.epub\"}"), .badRequest),
                (ByteBuffer(string: "{\"filenames\": [1, 2]}"), .badRequest),
                (ByteBuffer(string: "[\"Dune.epub\"]"), .badRequest),
                (ByteBuffer(repeating: UInt8(ascii: "a"), count: 3 << 20), .contentTooLarge),
            ]
            for (body, status) in bad {
                try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, headers: f.auth, body: body) { r in
                    #expect(r.status == status)
                    #expect(r.headers[.contentType] == "application/json")
                }
            }
            try await client.execute(uri: "/api/tome-sync/resolve/batch", method: .post, body: ByteBuffer(bytes: body)) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    @Test func unknownRoutesAndMetrics() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType] == "application/json")
                #expect((try? json(r))?["detail"] as? String == "Not found")
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get, headers: f.auth) { _ in }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Twilight.epub", method: .get, headers: f.auth) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(r.status == .ok)
                let text = String(buffer: r.body)
                #expect(text.contains("tome_http_requests_total{route=\"resolve\",method=\"GET\",status=\"200\"} 1"))
                #expect(text.contains("tome_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"} 1"))
                #expect(text.contains("tome_resolve_answers_total{method=\"title\"} 1"))
                #expect(text.contains("tome_resolve_refusals_total{refusal=\"ambiguous\"} 1"))
                #expect(text.contains("tome_resolve_request_duration_seconds_bucket"))
                #expect(!text.contains(f.key))
            }
        }
    }

    @Test func keyUseIsRecordedWithoutAWritePerRequest() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.router) { client in
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get, headers: f.auth) { _ in }
        }
        #expect(try f.keys.list().first?.lastUsedAt == nil)
        #expect(try f.keys.flushUsage() == 1)
        #expect(try f.keys.list().first?.lastUsedAt != nil)
    }
}

@Suite("Resolve service (live socket)")
struct ServerLiveTests {
    /// Exactly as the plugin forms it: the basename, percent-encoded, with a Bearer key.
    @Test func pluginRequestAndImportsWhileServing() async throws {
        let f = try ServiceFixture()
        try await f.application().test(.live) { client in
            let name = "The Hunger Games - Suzanne Collins (2008).epub"
            try await client.execute(uri: "/api/tome-sync/resolve?filename=\(pluginEncode(name))", method: .get, headers: f.auth) { r in
                #expect(r.status == .ok)
                #expect((try? json(r))?["book_id"] as? Int == 1)
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Mockingjay.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .notFound)
            }
            // An import by another connection (as `tome-resolve index` would do) is visible at once.
            let other = try Catalog.open(path: f.path)
            try ServiceFixture.load(ServiceFixture.books + [CatalogBook(id: 7, title: "Mockingjay", authors: ["Suzanne Collins"],
                                                                         series: "The Hunger Games", seriesIndex: 3)], into: other)
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Mockingjay.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .ok)
                #expect((try? json(r))?["book_id"] as? Int == 7)
            }
        }
    }

    @Test func aThousandConcurrentRequests() async throws {
        let f = try ServiceFixture()
        let names = ["Dune.epub", "Twilight.epub", "Nothing.epub", "%FF", "", "Vol.+2+-+Catching+Fire.epub", "NEAR", "%22"]
        try await f.application().test(.live) { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group -> [Int] in
                for i in 0..<1000 {
                    let name = names[i % names.count]
                    let headers: HTTPFields = i % 10 == 9 ? [:] : f.auth
                    group.addTask {
                        try await client.execute(uri: "/api/tome-sync/resolve?filename=\(name)", method: .get, headers: headers) { $0.status.code }
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.count == 1000)
            #expect(statuses.allSatisfy { [200, 400, 401, 404].contains($0) }, "\(Set(statuses))")
            #expect(statuses.filter { $0 == 401 }.count == 100)
        }
    }
}
