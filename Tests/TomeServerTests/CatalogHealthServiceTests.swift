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

@Suite("The catalog behind the service")
struct CatalogHealthServiceTests {
    /// A catalog whose pages are damaged: requests get 503 saying so,
    /// `/healthz` is 503 with the reason.
    @Test func aCorruptCatalogIsReportedByHealthz() async throws {
        let f = try ServiceFixture()
        try CatalogDamage.corruptBooks(atPath: f.path)
        let damaged = try Catalog.open(path: f.path)
        let keys = try APIKeyStore(catalog: damaged)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = Application(router: ResolveServer.router(catalog: damaged, keys: keys, metrics: ServiceMetrics(), logger: logger), logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(((try? json(r))?["detail"] as? String)?.contains("corrupt") == true)
            }
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect((try? json(r))?["status"] as? String == "corrupt")
            }
        }
        #expect(throws: CatalogError.self) { try damaged.quickCheck() }
    }

    /// A catalog no import ever completed into: 503 "empty", not a refusal.
    @Test func aNeverImportedCatalogIsNotServedAsEmptyLibrary() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("new.sqlite"), create: true)
        let keys = try APIKeyStore(catalog: catalog)
        let key = try keys.create(label: "t").plaintext
        let app = Application(router: ResolveServer.router(catalog: catalog, keys: keys, metrics: ServiceMetrics()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get,
                                     headers: [.authorization: "Bearer \(key)"]) { r in
                #expect(r.status == .serviceUnavailable)
                #expect((try? json(r))?["detail"] as? String == "the catalog is empty: import books first")
            }
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect((try? json(r))?["status"] as? String == "empty")
            }
            var source = MemoryBookSource([book(1, "Dune", "Frank Herbert")])
            _ = try catalog.importBooks(from: &source)
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get,
                                     headers: [.authorization: "Bearer \(key)"]) { r in
                #expect(r.status == .ok)
            }
        }
    }

    /// A published catalog with no write permission is served; keys made
    /// before still work; nothing is written beside it.
    @Test func aReadOnlyCatalogIsServed() async throws {
        let dir = TemporaryDirectory()
        defer {
            chmod(dir.file("c.sqlite"), 0o644)
            dir.cleanup()
        }
        let path = dir.file("c.sqlite")
        let key: String
        do {
            let catalog = try Catalog.open(path: path, create: true)
            var source = MemoryBookSource(ServiceFixture.books)
            _ = try catalog.importBooks(from: &source)
            key = try APIKeyStore(catalog: catalog).create(label: "published").plaintext
        }
        #expect(chmod(path, 0o444) == 0)
        let before = CatalogDamage.bytes(path)
        do {
            let catalog = try Catalog.open(path: path)
            #expect(catalog.access == .readOnly)
            let keys = try APIKeyStore(catalog: catalog)
            #expect(throws: CatalogError.readOnly(path: path, needed: "creating an API key")) { try keys.create(label: "x") }
            let app = Application(router: ResolveServer.router(catalog: catalog, keys: keys, metrics: ServiceMetrics()))
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get,
                                         headers: [.authorization: "Bearer \(key)"]) { r in
                    #expect(r.status == .ok)
                    #expect((try? json(r))?["book_id"] as? Int == 6)
                }
                try await client.execute(uri: "/healthz", method: .get) { r in
                    #expect(r.status == .ok)
                }
            }
            #expect(try keys.flushUsage() == 0)
        }
        #expect(CatalogDamage.bytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["c.sqlite"])
    }

    /// The served catalog's file replaced (`mv new.sqlite catalog.sqlite`)
    /// or deleted: every request answers 503 saying so, `/healthz` too —
    /// not "ok" with the old count while new connections fail.
    @Test(arguments: [CatalogFileChange.replaced, .deleted])
    func aCatalogFileReplacedOrDeletedIsReported(_ change: CatalogFileChange) async throws {
        let f = try ServiceFixture()
        let app = f.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
            if change == .replaced {
                let other = f.path + ".new"
                try ServiceFixture.load([book(9, "Emma", "Jane Austen")], into: Catalog.open(path: other, create: true))
                #expect(rename(other, f.path) == 0)
            } else {
                #expect(unlink(f.path) == 0)
            }
            try await client.execute(uri: "/api/tome-sync/resolve?filename=Dune.epub", method: .get, headers: f.auth) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(((try? json(r))?["detail"] as? String)?.contains(change == .deleted ? "deleted" : "replaced") == true)
            }
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(((try? json(r))?["detail"] as? String)?.contains(change == .deleted ? "deleted" : "replaced") == true)
            }
        }
    }
}
