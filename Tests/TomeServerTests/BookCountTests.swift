import Foundation
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeServer

/// `/healthz` counts the books at most once per `BookCount.maximumAge`,
/// and sees a re-import once that age has passed.
@Suite("Health book count")
struct BookCountTests {
    @Test func countsAgainOnlyAfterTheMaximumAge() throws {
        let temporary = try TemporaryCatalog([book(1, "Dune", "Frank Herbert"), book(2, "Emma", "Jane Austen")])
        let count = BookCount(catalog: temporary.catalog)
        let start = Date()
        #expect(try count.value(now: start) == 2)
        try temporary.load([book(1, "Dune", "Frank Herbert")])
        #expect(try count.value(now: start.addingTimeInterval(1)) == 2, "within the maximum age: the cached count")
        #expect(try count.value(now: start.addingTimeInterval(BookCount.maximumAge + 0.1)) == 1)
    }
}
