import Foundation
import Testing
import TomeCatalog
import TomeFilename
import TomeTestSupport
@testable import TomeResolver

/// How much work one name may cause: a name with more title parts or words
/// than any file's name is refused before any lookup, and the candidate
/// stages stop at the resolver's CPU budget.
@Suite("Bounded cost per name")
struct BoundedCostTests {
    static let books: [CatalogBook] = [
        book(1, "Dune", "Frank Herbert", series: "Dune", index: 1),
        book(2, "Dune Messiah", "Frank Herbert", series: "Dune", index: 2),
        book(3, "Emma", "Jane Austen"),
        book(4, "Persuasion", "Jane Austen"),
        book(5, "It", "Stephen King"),
        book(6, "The Stand", "Stephen King"),
    ]

    static let words = ["Dune", "Messiah", "Emma", "Persuasion", "It", "Stand", "Frank", "Herbert", "Jane", "Austen"]

    /// `count` catalog words joined by `separator`.
    static func name(_ count: Int, separator: String) -> String {
        (0..<count).map { words[$0 % words.count] }.joined(separator: separator) + ".epub"
    }

    /// The limits, as a table: at the limit a name is read and looked up;
    /// one over, it is refused with its count.
    @Test(arguments: [
        (name(NameCheck.maximumParts, separator: " - "), nil),
        (name(NameCheck.maximumParts + 1, separator: " - "), NameCheck.Problem.tooManyParts(NameCheck.maximumParts + 1)),
        (name(NameCheck.maximumWords, separator: " "), nil),
        (name(NameCheck.maximumWords + 1, separator: " "), .tooManyWords(NameCheck.maximumWords + 1)),
        (name(NameCheck.maximumWords + 1, separator: "."), .tooManyWords(NameCheck.maximumWords + 1)),
    ] as [(String, NameCheck.Problem?)])
    func limitsAreCountedOnTheReadName(_ name: String, _ expected: NameCheck.Problem?) {
        let evidence = FilenameReader().read(name)
        #expect(NameCheck.problem(in: evidence) == expected, "\(evidence.segments.count) parts, \(evidence.tokens.count) words")
        #expect(expected?.refusal ?? .nameTooComplex == .nameTooComplex)
    }

    /// The hostile probe's name: ~4 KB of catalog words joined by ` - `
    /// (hundreds of parts, each a key and a full-text query of its own;
    /// about a second of CPU before). Refused with no lookup but the file's
    /// own (ko_md5, path): the statement count is the bound, not a timing.
    @Test func aNameOfHundredsOfPartsCausesNoLookup() throws {
        let small = try SmallCatalog(Self.books)
        var name = ""
        while name.utf8.count < 4000 { name += (name.isEmpty ? "" : " - ") + Self.words[name.count % Self.words.count] }
        let r = try small.resolver.resolve(name + ".epub", explain: true)
        #expect(r.refusal == .nameTooComplex, "\(r.reason)")
        #expect(r.reason.contains("title parts"))
        let statements = try #require(r.explanation?.statements)
        #expect(statements <= 2, "\(statements) statements for a refused name")
        // The same words as one ordinary part are still answered.
        #expect(try small.resolver.resolve("Frank Herbert - Dune Messiah.epub").bookID == 2)
    }

    /// The CPU budget: a resolver with none left refuses every name that
    /// reaches the candidate stages with `over_budget`, and says so; the
    /// file's own identity (found before the budget starts) still answers.
    @Test func aSpentBudgetRefusesWithItsOwnCode() throws {
        let temporary = try TemporaryCatalog(Self.books)
        let broke = Resolver(catalog: temporary.catalog, timeBudget: .zero)
        let r = try broke.resolve("Frank Herbert - Dune Messiah.epub")
        #expect(r.refusal == .overBudget)
        #expect(r.reason.contains("time budget"))
        let rich = Resolver(catalog: temporary.catalog)
        #expect(rich.timeBudget == Resolver.defaultTimeBudget)
        #expect(try rich.resolve("Frank Herbert - Dune Messiah.epub").bookID == 2)
    }
}
