import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import TomeCatalog
@testable import TomeKeys
import TomeTestSupport
@testable import TomeServer

@Suite("Keys imported from Tome, at the service")
struct ImportedKeysServiceTests {
    /// Both fixture keys authenticate against the service after an import;
    /// a key deleted in Tome stops working after the next import; a key
    /// made here is never touched.
    @Test func importedKeysAuthenticateAndFollowTome() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let temporary = try TemporaryCatalog([book(1, "The Hunger Games", "Suzanne Collins")])
        let keys = try APIKeyStore(catalog: temporary.catalog)
        let local = try keys.create(label: "made here").plaintext
        #expect(try keys.importTomeKeys(from: tome) == TomeKeyImportSummary(added: 2, removed: 0, unchanged: 0))
        #expect(try keys.importTomeKeys(from: tome) == TomeKeyImportSummary(added: 0, removed: 0, unchanged: 2))
        #expect(try keys.list().map(\.label) == ["made here", "Kobo Libra", "Kindle"])
        #expect(try keys.list().last?.createdAt == "2025-02-02T00:00:00Z")
        let app = Application(router: ResolveServer.router(catalog: temporary.catalog, keys: keys, metrics: ServiceMetrics()))
        try await app.test(.router) { client in
            for key in TomeFixture.keys.map(\.plaintext) + [local] {
                try await client.execute(uri: "/api/tome-sync/resolve?filename=The%20Hunger%20Games.epub", method: .get,
                                         headers: [.authorization: "Bearer \(key)"]) { r in
                    #expect(r.status == .ok, "\(key.prefix(11))")
                }
            }
        }
        // Tome deletes a key to revoke it.
        let tomeQueue = try DatabaseQueue(path: tome)
        try tomeQueue.inDatabase { try $0.execute(sql: "DELETE FROM api_keys WHERE label = 'Kindle'") }
        try tomeQueue.close()
        #expect(try keys.importTomeKeys(from: tome) == TomeKeyImportSummary(added: 0, removed: 1, unchanged: 1))
        #expect(try keys.authenticate(TomeFixture.keys[1].plaintext) == nil)
        #expect(try keys.authenticate(TomeFixture.keys[0].plaintext) != nil)
        #expect(try keys.authenticate(local) != nil)
    }
}
