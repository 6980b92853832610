import Testing
import TomeCatalog
import TomeTestSupport
@testable import TomeResolver

/// Exact keys first: a name whose words a book's whole keys explain is
/// answered without the full-text index — and every rival the full-text
/// index would have brought still makes the same refusal.
@Suite("Exact answers before full text")
struct ExactAnswerTests {
    static let books: [CatalogBook] = [
        book(1, "The Hunger Games", "Suzanne Collins", series: "The Hunger Games", index: 1),
        book(2, "Catching Fire", "Suzanne Collins", series: "The Hunger Games", index: 2),
        book(3, "The Stand", "Stephen King"),
        book(4, "The Stand: Captain Trips", "Stephen King"),
        book(5, "The Apothecary Diaries, Vol. 1", "Natsu Hyuuga", series: "The Apothecary Diaries", index: 1, type: .lightNovel),
        book(6, "The Apothecary Diaries 01 (Manga)", "Natsu Hyuuga", series: "The Apothecary Diaries (Manga)", index: 1, type: .manga),
        book(7, "Twilight", "Stephenie Meyer", series: "Twilight", index: 1),
        book(8, "Twilight", "Meg Cabot", series: "The Mediator", index: 6),
        book(9, "Dune", "Frank Herbert", series: "Dune", index: 1),
        book(10, "Mockingjay: The Final Book of The Hunger Games", "Suzanne Collins"),
    ]

    let small: SmallCatalog
    init() throws { small = try SmallCatalog(Self.books) }

    func resolve(_ name: String) throws -> Resolution { try small.resolver.resolve(name, explain: true) }

    @Test(arguments: [
        ("Suzanne Collins - The Hunger Games.epub", Int64(1)),
        ("Catching Fire - Suzanne Collins.kepub.epub", 2),
        ("Dune.epub", 9),
        ("Frank Herbert - Dune.epub", 9),
    ])
    func wholeKeysAnswerWithoutFullText(_ name: String, _ id: Int64) throws {
        let r = try resolve(name)
        #expect(r.bookID == id)
        // File name, exact keys, candidates: no FTS query.
        #expect(r.explanation?.statements == 3, "\(r.reason)")
    }

    @Test(arguments: ["The Apothecary Diaries Vol. 1.epub", "Stephen King - The Stand.epub"])
    func aTitleThatStartsLikeTheNameIsStillARival(_ name: String) throws {
        // `The Apothecary Diaries 01 (Manga)` and `The Stand: Captain Trips`
        // are no exact key of the name, but begin with one of its keys: the
        // same refusal the full-text index gave.
        let r = try resolve(name)
        #expect(r.bookID == nil)
        #expect(r.refusal == .ambiguous)
    }

    @Test func tiesBetweenWholeKeysAreRefusedWithoutFullText() throws {
        let r = try resolve("Twilight.epub")
        #expect(r.refusal == .ambiguous)
        #expect(r.explanation?.statements == 3)
    }

    @Test(arguments: [("Frank.Herbert.Dune.epub", Int64(9)), ("Suzanne Collins - Mockingjay.epub", 10)])
    func namesNoWholeKeyExplainsAskTheFullTextIndex(_ name: String, _ id: Int64) throws {
        // A title inside a longer part; a title before its subtitle.
        let r = try resolve(name)
        #expect(r.bookID == id)
        #expect((r.explanation?.statements ?? 0) > 3)
    }
}
