import Foundation
import GRDB
import Logging
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeKeys
@testable import TomeServer

/// A followed library whose next state would be refused — a book over an
/// import limit, or no book at all — keeps the catalog it had and says why.
@Suite("Following a library: refused states", .serialized)
struct FollowLimitsTests {
    static func follower(_ source: LibrarySource, in dir: TemporaryDirectory) throws -> (SourceFollower, Catalog) {
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true, extensions: [APIKeyStore.schema])
        let follower = SourceFollower(source: source, catalog: catalog, keys: try APIKeyStore(catalog: catalog),
                                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return (follower, catalog)
    }

    /// A Tome title edited to 70 KiB (a 20 MB one took `serve --follow-tome`
    /// to 2 GB): the sync fails naming the book; the catalog keeps it as it was.
    @Test func anOversizedTomeTitleKeepsThePreviousCatalog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let tome = try TomeFixture.copy(into: dir)
        let (follower, catalog) = try Self.follower(.tome(path: tome, libraryRoot: nil), in: dir)
        #expect(follower.syncNow())
        let title = try catalog.book(id: 5)?.book.title
        let queue = try DatabaseQueue(path: tome)
        try queue.write { try $0.execute(sql: "UPDATE books SET title = ? WHERE id = 5", arguments: [String(repeating: "t", count: 70 * 1024)]) }
        try queue.close()
        #expect(!follower.syncNow())
        #expect(follower.current.lastError == "book 5: title is 71,680 bytes, over the 65,536-byte limit",
                "\(String(describing: follower.current.lastError))")
        #expect(try catalog.activeBookCount() == 600)
        #expect(try catalog.book(id: 5)?.book.title == title)
    }

    /// A followed JSON Lines file emptied: the sync is refused, the books stay.
    @Test func anEmptiedSourceNeverEmptiesTheCatalog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.write("books.jsonl", """
            {"id": 1, "title": "Dune", "authors": ["Frank Herbert"]}
            {"id": 2, "title": "Emma", "authors": ["Jane Austen"]}

            """)
        let (follower, catalog) = try Self.follower(.jsonLines(path: path), in: dir)
        #expect(follower.syncNow())
        _ = dir.write("books.jsonl", "")
        #expect(!follower.syncNow())
        #expect(follower.current.lastError == "the source holds no books; the catalog's 2 books would all be removed")
        #expect(try catalog.activeBookCount() == 2)
    }
}
