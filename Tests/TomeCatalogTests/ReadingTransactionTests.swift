import Foundation
import Testing
import TomeTestSupport
@testable import TomeCatalog

/// `Catalog.reading` runs its body in one read transaction of its own
/// (begun and ended with cached statements, not GRDB's `read`): the body
/// sees one snapshot however the catalog changes meanwhile, and no
/// connection goes back to the pool inside a transaction — a failed body
/// included — or it would keep serving an old snapshot.
@Suite("Reading transaction")
struct ReadingTransactionTests {
    static let books = (1...6).map { book(Int64($0), "Title \($0)", "Author \($0)") }

    let temporary: TemporaryCatalog
    init() throws { temporary = try TemporaryCatalog(Self.books) }

    func titles(_ reader: inout CatalogReader) throws -> [String] {
        try reader.candidates(Array(1...7)).map(\.title)
    }

    @Test func oneSnapshotWhileTheCatalogChanges() throws {
        let temporary = self.temporary
        let (before, during) = try temporary.catalog.reading { reader -> ([String], [String]) in
            let before = try titles(&reader)
            // Another thread removes a book and adds one, and commits.
            let done = DispatchSemaphore(value: 0)
            let failure = LockedBox<Error?>(nil)
            DispatchQueue.global().async {
                do {
                    try temporary.load(Array(Self.books.dropFirst()) + [book(7, "Title 7", "Author 7")])
                } catch {
                    failure.value = error
                }
                done.signal()
            }
            done.wait()
            if let error = failure.value { throw error }
            return (before, try titles(&reader))
        }
        #expect(before == (1...6).map { "Title \($0)" })
        #expect(during == before, "a reading saw a change committed while it ran")
        let after = try temporary.catalog.reading { try titles(&$0) }
        #expect(after == (2...7).map { "Title \($0)" })
    }

    struct Failure: Error {}

    @Test func aFailedBodyLeavesNoTransactionOpen() throws {
        // More failures than the pool has readers: every connection fails once.
        for _ in 0..<12 {
            #expect(throws: CatalogError.self) {
                try temporary.catalog.reading { reader -> Int in
                    _ = try titles(&reader)
                    throw Failure()
                }
            }
        }
        try temporary.load(Array(Self.books.dropFirst()))
        // A connection left inside its transaction would still see book 1.
        for _ in 0..<12 {
            let titles = try temporary.catalog.reading { try self.titles(&$0) }
            #expect(titles == (2...6).map { "Title \($0)" })
        }
    }

    @Test func readingsRunSideBySide() async throws {
        let catalog = temporary.catalog
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var total = 0
                    for _ in 0..<50 {
                        total += try catalog.reading { try $0.candidates(Array(1...6)).count }
                    }
                    return total
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 300, count: 8))
    }
}

/// A value shared with another thread, behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
