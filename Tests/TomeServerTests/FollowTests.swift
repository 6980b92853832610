import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeKeys
@testable import TomeServer

/// `serve --follow-tome`: the catalog and the keys follow a Tome database
/// that changes while the service runs.
@Suite("Following a Tome library", .serialized)
struct FollowTests {
    static let interval = Duration.milliseconds(300)

    /// A book deleted from Tome is refused, a book added is answered, a key
    /// deleted stops working — each within a few follow intervals — while a
    /// steady stream of resolves never fails.
    @Test func booksAndKeysFollowTome() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        // Tome runs in WAL mode; this connection stands for Tome itself.
        let tomeWriter = try DatabaseQueue(path: tome)
        try tomeWriter.inDatabase { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true, extensions: [APIKeyStore.schema])
        let keys = try APIKeyStore(catalog: catalog)
        let follower = SourceFollower(source: .tome(path: tome, libraryRoot: nil), catalog: catalog, keys: keys,
                                      interval: Self.interval, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        #expect(follower.syncNow())
        #expect(follower.current.lastSync != nil && follower.current.lastError == nil)
        #expect(try catalog.activeBookCount() == 600)

        let app = Application(router: ResolveServer.router(catalog: catalog, keys: keys, metrics: ServiceMetrics(),
                                                           logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, follower: follower))
        let kindle = TomeFixture.keys[1].plaintext
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await follower.run() }
            try await app.test(.router) { client in
                func resolve(_ name: String, key: String? = nil) async throws -> (status: HTTPResponse.Status, id: Int64?) {
                    let uri = "/api/tome-sync/resolve?filename=" + name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                    return try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(key ?? TomeFixture.keys[0].plaintext)"]) { r in
                        let body = try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                        return (r.status, (body?["book_id"] as? NSNumber)?.int64Value)
                    }
                }
                let before = try await resolve("Twilight - Stephenie Meyer.epub")
                #expect(before.status == .ok && before.id == 3)
                #expect(try await resolve("The Great Gatsby.epub", key: kindle).status == .ok)
                #expect(try await resolve("A Book Tome Added Today.epub").id == nil)

                // Tome deletes book 3 and key 'Kindle', adds book 700.
                try await tomeWriter.write { db in
                    try db.execute(sql: """
                        DELETE FROM ko_hashes WHERE book_id = 3; DELETE FROM book_files WHERE book_id = 3; DELETE FROM books WHERE id = 3;
                        DELETE FROM api_keys WHERE label = 'Kindle';
                        INSERT INTO books (id, title, author, status, content_type, is_reviewed, added_at, updated_at)
                        VALUES (700, 'A Book Tome Added Today', 'New Author', 'active', 'volume', 0, '2025-06-01', '2025-06-01');
                        INSERT INTO book_files (book_id, file_path, format, file_size, added_at)
                        VALUES (700, '/library/New Author/A Book Tome Added Today (700)/A Book Tome Added Today - New Author.epub', 'epub', 1, '2025-06-01');
                        """)
                }
                let changed = ContinuousClock.now
                var steady = 0
                var seen: (deleted: Duration?, added: Duration?, key: Duration?) = (nil, nil, nil)
                while ContinuousClock.now - changed < .seconds(20), seen.deleted == nil || seen.added == nil || seen.key == nil {
                    // The steady stream: a book that never changes, answered every time.
                    let stable = try await resolve("The Hunger Games - Suzanne Collins.epub")
                    #expect(stable.status == .ok && stable.id == 1)
                    steady += 1
                    let elapsed = ContinuousClock.now - changed
                    if seen.deleted == nil, try await resolve("Twilight - Stephenie Meyer.epub").id == nil { seen.deleted = elapsed }
                    if seen.added == nil, try await resolve("A Book Tome Added Today.epub").id == 700 { seen.added = elapsed }
                    if seen.key == nil, try await resolve("The Great Gatsby.epub", key: kindle).status == .unauthorized { seen.key = elapsed }
                    try await Task.sleep(for: .milliseconds(20))
                }
                // Two looks (the change, then the files still), then the sync.
                for (what, after) in [("deleted book", seen.deleted), ("added book", seen.added), ("deleted key", seen.key)] {
                    let after = try #require(after, "\(what) not followed within 20 s")
                    #expect(after < Self.interval * 2 + .seconds(10), "\(what) followed after \(after)")
                }
                #expect(steady > 0)
                #expect(try await resolve("The Great Gatsby.epub").status == .ok)

                // /healthz names the source and its last sync.
                try await client.execute(uri: "/healthz", method: .get) { r in
                    let body = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                    let source = try #require(body?["source"] as? [String: Any])
                    #expect(source["kind"] as? String == "tome" && source["path"] as? String == tome)
                    #expect(source["last_sync"] is String && source["last_error"] == nil)
                }
            }
            group.cancelAll()
        }
    }

    /// A sync that fails keeps the previous catalog, records the error, and
    /// recovers when the source can be read again.
    @Test func aFailedSyncKeepsTheCatalog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true, extensions: [APIKeyStore.schema])
        let keys = try APIKeyStore(catalog: catalog)
        let records = LogRecorder()
        let follower = SourceFollower(source: .tome(path: tome, libraryRoot: nil), catalog: catalog, keys: keys,
                                      logger: Logger(label: "test") { _ in records })
        #expect(follower.syncNow())
        let saved = dir.file("saved.db")
        try FileManager.default.moveItem(atPath: tome, toPath: saved)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: tome))  // half-written garbage
        #expect(!follower.syncNow())
        #expect(!follower.syncNow())
        #expect(follower.current.lastError?.contains("not a SQLite database") == true)
        #expect(follower.current.lastSync != nil)
        #expect(try catalog.activeBookCount() == 600)
        #expect(records.messages.filter { $0.contains("could not synchronize") }.count == 1)  // logged once
        try FileManager.default.removeItem(atPath: tome)
        try FileManager.default.moveItem(atPath: saved, toPath: tome)
        #expect(follower.syncNow())
        #expect(follower.current.lastError == nil)
    }

    /// `--follow-calibre`: a change to the library's metadata.db is seen
    /// by its files' stamp and synchronized (a deleted book is removed).
    @Test func followsACalibreLibrary() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let library = dir.file("library")
        try FileManager.default.copyItem(atPath: Repository.root + "/Tests/TomeCatalogTests/Fixtures/calibre-library", toPath: library)
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true, extensions: [APIKeyStore.schema])
        let follower = SourceFollower(source: .calibre(root: library), catalog: catalog, keys: try APIKeyStore(catalog: catalog),
                                      interval: Self.interval, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        #expect(follower.syncNow())
        let before = try catalog.activeBookCount()
        #expect(before > 10)
        let unchanged = LibrarySource.calibre(root: library).stamp()
        #expect(LibrarySource.calibre(root: library).stamp() == unchanged)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await follower.run() }
            let queue = try DatabaseQueue(path: library + "/metadata.db")
            try await queue.write { try $0.execute(sql: "DELETE FROM books WHERE id = (SELECT min(id) FROM books)") }
            try queue.close()
            #expect(LibrarySource.calibre(root: library).stamp() != unchanged)
            let deadline = ContinuousClock.now + .seconds(20)
            while try catalog.activeBookCount() == before, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try catalog.activeBookCount() == before - 1)
            group.cancelAll()
        }
    }
}
