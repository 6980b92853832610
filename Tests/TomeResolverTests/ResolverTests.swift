import Foundation
import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeResolver

/// A small catalog in a temporary file, and a resolver over it.
final class SmallCatalog {
    let temporary: TemporaryCatalog
    var catalog: Catalog { temporary.catalog }
    let resolver: Resolver

    init(_ books: [CatalogBook]) throws {
        temporary = try TemporaryCatalog(books)
        resolver = Resolver(catalog: temporary.catalog)
    }

    func load(_ books: [CatalogBook]) throws { try temporary.load(books) }
}

@Suite("Resolver")
struct ResolverTests {
    static let books: [CatalogBook] = [
        book(1, "The Hunger Games", "Suzanne Collins", series: "The Hunger Games", index: 1, md5: String(repeating: "a", count: 32)),
        book(2, "Catching Fire", "Suzanne Collins", series: "The Hunger Games", index: 2),
        book(3, "Twilight", "Stephenie Meyer", series: "Twilight", index: 1),
        book(4, "Twilight", "Meg Cabot", series: "The Mediator", index: 6),
        book(5, "Berserk, Vol. 1", "Kentaro Miura", series: "Berserk", index: 1, type: .manga),
        book(6, "Berserk, Vol. 3", "Kentaro Miura", series: "Berserk", index: 3, type: .manga),
        book(7, "It", "Stephen King"),
        book(8, "The Italian Job", "Someone Else"),
        book(9, "1984", "George Orwell"),
        book(10, "Dune", "Frank Herbert", series: "Dune", index: 1),
        book(11, "Dune Messiah", "Frank Herbert", series: "Dune", index: 2),
        book(12, "Братья Карамазовы", "Фёдор Достоевский", alt: ["The Brothers Karamazov"]),
        book(13, "Harry Potter and the Chamber of Secrets", "J.K. Rowling", series: "Harry Potter", index: 2),
    ]

    let small: SmallCatalog
    init() throws { small = try SmallCatalog(Self.books) }

    func id(_ name: String) throws -> Int64? { try small.resolver.resolve(name).bookID }

    @Test func answersFromEveryKindOfEvidence() throws {
        let r = try small.resolver.resolve("anything at all.epub", koMD5: String(repeating: "A", count: 32))
        #expect(r.bookID == 1 && r.method == .koMD5)
        let path = try small.resolver.resolve("Suzanne Collins/Catching Fire (2)/Catching Fire - Suzanne Collins.epub")
        #expect(path.bookID == 2 && path.method == .path)
        let base = try small.resolver.resolve("Catching Fire - Suzanne Collins.epub")
        #expect(base.bookID == 2 && base.method == .path)
        #expect(try id("Suzanne Collins - The Hunger Games.kepub.epub") == 1)
        #expect(try id("Vol. 2 — Catching Fire.epub") == 2)
        #expect(try id("[1r0n] Berserk v03 (2004) (Digital).cbz") == 6)
        #expect(try id("Bratya Karamazovy.epub") == 12)
        #expect(try id("The Brothers Karamazov - Fyodor Dostoevsky.epub") == 12)
        #expect(try id("Harry Potter and the Chamber of Secrest - J. K. Rowling.epub") == 13)
        let typo = try small.resolver.resolve("Harry Potter and the Chamber of Secrest.epub")
        #expect(typo.bookID == 13 && typo.method == .typo)
    }

    @Test func refusesWithReasonsAPersonUnderstands() throws {
        let twilight = try small.resolver.resolve("Twilight.epub")
        #expect(twilight.bookID == nil && twilight.refusal == .ambiguous)
        #expect(twilight.reason == "ambiguous: 2 books titled Twilight and the name has no author")
        #expect(try id("Twilight - Meg Cabot.epub") == 4)
        #expect(try id("Stephenie Meyer - Twilight.epub") == 3)

        let missing = try small.resolver.resolve("Berserk v02.cbz")
        #expect(missing.bookID == nil && missing.refusal == .volumeMissing)
        #expect(missing.reason == "volume 2 of Berserk is not in the catalog")

        let none = try small.resolver.resolve("Completely Unrelated Words.epub")
        #expect(none.bookID == nil && none.refusal == .noCandidate)

        let range = try small.resolver.resolve("Berserk v01-03.cbz")
        #expect(range.refusal == .volumeRange && range.reason == "the name covers volumes 1–3, not one book")
        let chapter = try small.resolver.resolve("Berserk c012.cbz")
        #expect(chapter.refusal == .chapterFile && chapter.reason == "a chapter file (chapter 12) is not a book of the catalog")
        let empty = try small.resolver.resolve("   ")
        #expect(empty.refusal == .emptyName && empty.reason == "empty filename")
        #expect(try small.resolver.resolve("Dune\u{0}.epub").refusal == .invalidName)
        #expect(try small.resolver.resolve("[Group] (2003) (Digital).epub").refusal == .noTitleWords)
        // Title evidence enough to answer, but the name names another author.
        let other = try small.resolver.resolve("Dune Messiah (Brian Herbert).epub")
        #expect(other.bookID == nil && other.refusal == .contradiction, "\(other.reason)")
        // Every answer has no refusal code, every refusal has one.
        for name in ["Dune.epub", "Twilight.epub", "It.epub", "nothing here.epub"] {
            let r = try small.resolver.resolve(name)
            #expect((r.bookID == nil) == (r.refusal != nil), "\(name)")
        }
    }

    @Test func shortTitlesMatchOnlyAsTheWholeName() throws {
        #expect(try id("It.epub") == 7)
        #expect(try id("Stephen King - It.epub") == 7)
        #expect(try id("It Ends with Us.epub") == nil)
        #expect(try id("The Italian Job.epub") == 8)
        #expect(try id("1984.epub") == 9)
        #expect(try id("1.epub") == nil)
        #expect(try id("Dune.epub") == 10)
        #expect(try id("Dune Messiah.epub") == 11)
        #expect(try id("Children of Dune.epub") == nil)
    }

    /// Hostile names are refused or resolved, never thrown, never crash.
    @Test(arguments: [
        "\"", "*", "NEAR", "AND", "OR", "NOT", ":", "^", "(", ")", "\"Dune\" OR \"It\"", "Dune*", "NEAR(Dune It)",
        "title:Dune", "^Dune", "Dune AND It", "- Dune", "'; DROP TABLE book; --", "Robert'); DELETE FROM book_fts;--",
        "../../etc/passwd", "/etc/passwd", "..\\..\\boot.ini", "\u{0}", "Dune\u{0}.epub", "\u{FFFD}\u{FFFD}", "%00%2e%2e",
        "[[[[[[[[", "((((((((((((", "v", "Vol.", "#", "第", "巻", ".epub", "-.epub",
    ])
    func hostileNames(_ name: String) throws {
        let r = try small.resolver.resolve(name, explain: true)
        if let id = r.bookID { #expect(id == 10 || id == 7, "\(name) → \(id)") }
        #expect(try small.catalog.activeBookCount() == Self.books.count)
    }

    @Test func hugeNamesAreHandled() throws {
        let big = String(repeating: "Dune Messiah ", count: 800_000)  // ~10 MB
        let r = try small.resolver.resolve(big)
        #expect(r.bookID == nil && r.refusal == .nameTooLong)
        #expect(r.reason == "the name is longer than 4096 bytes")
        // Just under the limit: read, and refused for what it says.
        let long = String(repeating: "Dune Messiah ", count: 300)
        #expect(long.utf8.count < 4096)
        #expect(try small.resolver.resolve(long).bookID == nil)
        // Invalid UTF-8 arrives repaired (U+FFFD): `Dune��.epub` is read, and
        // the stray replacement characters do not stop `Dune` from resolving.
        let invalid = String(decoding: [0x44, 0x75, 0x6E, 0x65, 0xFF, 0xFE, 0x2E, 0x65, 0x70, 0x75, 0x62], as: UTF8.self)
        #expect(invalid.unicodeScalars.contains("\u{FFFD}"))
        let repaired = try small.resolver.resolve(invalid)
        #expect(repaired.bookID == 10 || repaired.refusal != nil, "\(repaired.reason)")
        #expect(try small.catalog.activeBookCount() == Self.books.count)
    }

    @Test func removedBooksAreNeverAnswered() throws {
        let other = try SmallCatalog(Self.books)
        #expect(try other.resolver.resolve("Dune Messiah.epub").bookID == 11)
        try other.load(Self.books.filter { $0.id != 11 })
        let r = try other.resolver.resolve("Dune Messiah.epub")
        #expect(r.bookID == nil)
        #expect(try other.resolver.resolve("Dune Messiah - Frank Herbert.epub").bookID == nil)
    }

    @Test func explanationsShowEveryPart() throws {
        let r = try small.resolver.resolve("Suzanne Collins - The Hunger Games.epub", explain: true)
        let x = try #require(r.explanation)
        let best = try #require(x.candidates.first)
        #expect(best.bookID == 1)
        #expect(best.parts.map(\.rule) == [.titleExact, .author])
        #expect(best.parts.map(\.detail) == ["title exact", "author"])
        #expect(best.total == Weights.title + Weights.author)
        #expect(x.statements > 0 && x.statements < 30)
        #expect(r.confidence > 0.5 && r.confidence <= 1)
    }

    /// `--explain` names the last candidate source asked and the veto that
    /// refused, so a refusal can be traced to its rule.
    @Test func explanationsNameTheSourceAndTheVeto() throws {
        // Exact keys explain the whole name: no full-text search.
        let exact = try #require(try small.resolver.resolve("Suzanne Collins - The Hunger Games.epub", explain: true).explanation)
        #expect(exact.source == .exactKeys || exact.source == .longerKeys, "\(String(describing: exact.source))")
        #expect(exact.veto == nil)
        // Two books titled Twilight, no author: a close rival refuses.
        let twilight = try small.resolver.resolve("Twilight.epub", explain: true)
        #expect(twilight.refusal == .ambiguous)
        #expect(twilight.explanation?.veto == .closeRival)
        #expect(twilight.explanation?.source != nil)
        // Decided by the file's hash, before any candidate.
        let hashed = try small.resolver.resolve("anything.epub", koMD5: String(repeating: "a", count: 32), explain: true)
        #expect(hashed.method == .koMD5 && hashed.explanation?.source == nil && hashed.explanation?.veto == nil)
        // Words no book has: every source asked, no veto.
        let nothing = try small.resolver.resolve("Zyxwvut Qponm.epub", explain: true)
        #expect(nothing.refusal == .noCandidate && nothing.explanation?.source == .fuzzy && nothing.explanation?.veto == nil)
    }

    @Test func concurrentResolvesAgree() async throws {
        let names = ["Twilight.epub", "Dune.epub", "Vol. 2 — Catching Fire.epub", "Berserk v03.cbz", "It.epub", "nothing.epub"]
        let expected = try names.map { try small.resolver.resolve($0).bookID }
        let resolver = small.resolver
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10 where try names.map({ try resolver.resolve($0).bookID }) != expected { return false }
                    return true
                }
            }
            for try await agreed in group { #expect(agreed) }
        }
    }
}
