import Testing
@testable import TomeCatalog

/// FTS5 syntax in a filename is just text: every token is quoted, and each
/// expression built from hostile tokens runs against a real catalog without
/// an error, finding exactly the books that hold those words.
struct FTSCase: Sendable, CustomTestStringConvertible {
    var tokens: [String]
    /// `FTSQuery.all(tokens)` and the books it finds.
    var all: String
    var allFinds: Set<Int64>
    /// `FTSQuery.all(tokens, lastIsPrefix: true)` and the books it finds.
    var prefix: String
    var prefixFinds: Set<Int64>
    /// `FTSQuery.distinctive(tokens)`.
    var distinctive: [String]
    var distinctiveFinds: Set<Int64>
    /// `FTSQuery.any(tokens)` and the books it finds.
    var any: String?
    var anyFinds: Set<Int64>

    init(_ tokens: [String], all: String, _ allFinds: Set<Int64>, prefix: String, _ prefixFinds: Set<Int64>,
         distinctive: [String]? = nil, _ distinctiveFinds: Set<Int64>? = nil, any: String? = nil, _ anyFinds: Set<Int64> = []) {
        self.tokens = tokens
        self.all = all
        self.allFinds = allFinds
        self.prefix = prefix
        self.prefixFinds = prefixFinds
        self.distinctive = distinctive ?? tokens
        self.distinctiveFinds = distinctiveFinds ?? allFinds
        self.any = any
        self.anyFinds = anyFinds
    }

    var testDescription: String { tokens.map { "⟨\($0)⟩" }.joined(separator: " ") }
}

@Suite("FTSQuery")
struct FTSQueryTests {
    /// Titles holding the hostile words; the authors share no word with them.
    static let books: [CatalogBook] = [
        book(1, "Dune", "Zed Quill"),
        book(2, "Near Dune", "Zed Quill"),
        book(3, "And Or Not", "Zed Quill"),
        book(4, "Title Dune", "Zed Quill"),
        book(5, "Братья Карамазовы", "Zed Quill"),
        book(6, "Café Noir", "Zed Quill"),
    ]
    static let dunes: Set<Int64> = [1, 2, 4]

    static let cases: [FTSCase] = [
        // Punctuation alone is no word: it matches nothing, and never an error.
        FTSCase(["\""], all: "\"\"\"\"", [], prefix: "\"\"\"\"*", []),
        FTSCase(["\"\""], all: "\"\"\"\"\"\"", [], prefix: "\"\"\"\"\"\"*", []),
        FTSCase(["*"], all: "\"*\"", [], prefix: "\"*\"*", []),
        FTSCase(["^"], all: "\"^\"", [], prefix: "\"^\"*", []),
        FTSCase([":"], all: "\":\"", [], prefix: "\":\"*", []),
        FTSCase(["("], all: "\"(\"", [], prefix: "\"(\"*", []),
        FTSCase([")"], all: "\")\"", [], prefix: "\")\"*", []),
        FTSCase(["-"], all: "\"-\"", [], prefix: "\"-\"*", []),
        FTSCase(["'"], all: "\"'\"", [], prefix: "\"'\"*", []),
        FTSCase([";"], all: "\";\"", [], prefix: "\";\"*", []),
        FTSCase([""], all: "\"\"", [], prefix: "\"\"*", []),
        // Operators are words.
        FTSCase(["NEAR"], all: "\"NEAR\"", [2], prefix: "\"NEAR\"*", [2]),
        FTSCase(["near"], all: "\"near\"", [2], prefix: "\"near\"*", [2]),
        FTSCase(["AND"], all: "\"AND\"", [3], prefix: "\"AND\"*", [3]),
        FTSCase(["OR"], all: "\"OR\"", [3], prefix: "\"OR\"*", [3]),
        FTSCase(["NOT"], all: "\"NOT\"", [3], prefix: "\"NOT\"*", [3]),
        // Column filters, NEAR groups and inner quotes are phrases.
        FTSCase(["title:dune"], all: "\"title:dune\"", [4], prefix: "\"title:dune\"*", [4]),
        FTSCase(["NEAR(a b)"], all: "\"NEAR(a b)\"", [], prefix: "\"NEAR(a b)\"*", []),
        FTSCase(["a\"b"], all: "\"a\"\"b\"", [], prefix: "\"a\"\"b\"*", []),
        FTSCase(["\"dune\""], all: "\"\"\"dune\"\"\"", dunes, prefix: "\"\"\"dune\"\"\"*", dunes),
        FTSCase(["-dune"], all: "\"-dune\"", dunes, prefix: "\"-dune\"*", dunes),
        // A star inside the quotes is no prefix operator.
        FTSCase(["dun*"], all: "\"dun*\"", [], prefix: "\"dun*\"*", dunes),
        FTSCase(["dun"], all: "\"dun\"", [], prefix: "\"dun\"*", dunes),
        // Letters outside ASCII.
        FTSCase(["café"], all: "\"café\"", [6], prefix: "\"café\"*", [6]),
        FTSCase(["братья"], all: "\"братья\"", [5], prefix: "\"братья\"*", [5]),
        // Several tokens.
        FTSCase(["dune", "near"], all: "\"dune\" AND \"near\"", [2], prefix: "\"dune\" AND \"near\"*", [2],
                any: "\"dune\" OR \"near\"", dunes),
        FTSCase(["near", "*"], all: "\"near\" AND \"*\"", [], prefix: "\"near\" AND \"*\"*", []),
        FTSCase(["and", "or", "not", "dune"], all: "\"and\" AND \"or\" AND \"not\" AND \"dune\"", [],
                prefix: "\"and\" AND \"or\" AND \"not\" AND \"dune\"*", [], distinctive: ["not", "dune"], [],
                any: "\"not\" OR \"dune\"", [1, 2, 3, 4]),
        // Nothing but stopwords: kept, and no OR query.
        FTSCase(["the", "and"], all: "\"the\" AND \"and\"", [], prefix: "\"the\" AND \"and\"*", []),
        FTSCase(["NOT", "dune"], all: "\"NOT\" AND \"dune\"", [], prefix: "\"NOT\" AND \"dune\"*", [],
                any: "\"NOT\" OR \"dune\"", [1, 2, 3, 4]),
        // The four longest distinctive tokens, in the name's order.
        FTSCase(["alpha", "be", "dune", "karamazovy", "near", "noir", "title"],
                all: "\"alpha\" AND \"be\" AND \"dune\" AND \"karamazovy\" AND \"near\" AND \"noir\" AND \"title\"", [],
                prefix: "\"alpha\" AND \"be\" AND \"dune\" AND \"karamazovy\" AND \"near\" AND \"noir\" AND \"title\"*", [],
                any: "\"alpha\" OR \"dune\" OR \"karamazovy\" OR \"title\"", [1, 2, 4, 5]),
        FTSCase(["title:dune", "NEAR(a b)", "café"], all: "\"title:dune\" AND \"NEAR(a b)\" AND \"café\"", [],
                prefix: "\"title:dune\" AND \"NEAR(a b)\" AND \"café\"*", [],
                any: "\"title:dune\" OR \"NEAR(a b)\" OR \"café\"", [4, 6]),
    ]

    @Test(arguments: cases) func buildsQuotedExpressions(_ row: FTSCase) {
        #expect(FTSQuery.all(row.tokens) == row.all)
        #expect(FTSQuery.all(row.tokens, lastIsPrefix: true) == row.prefix)
        #expect(FTSQuery.distinctive(row.tokens) == row.distinctive)
        #expect(FTSQuery.any(row.tokens) == row.any)
        #expect(row.tokens.map(FTSQuery.quote).joined(separator: " AND ") == row.all)
    }

    @Test(arguments: cases) func expressionsRunAndFindTheBooksHoldingTheWords(_ row: FTSCase) throws {
        let temporary = try TemporaryCatalog(Self.books)
        func find(_ expression: String) throws -> Set<Int64> {
            Set(try temporary.catalog.reading { reader in try reader.bookIDs(matching: expression, limit: 10) })
        }
        #expect(try find(FTSQuery.all(row.tokens)) == row.allFinds, "all")
        #expect(try find(FTSQuery.all(row.tokens, lastIsPrefix: true)) == row.prefixFinds, "prefix")
        #expect(try find(FTSQuery.all(FTSQuery.distinctive(row.tokens))) == row.distinctiveFinds, "distinctive")
        if let any = FTSQuery.any(row.tokens) {
            #expect(try find(any) == row.anyFinds, "any")
        }
    }

    @Test(arguments: [
        ("\"", "\"\"\"\""), ("\"\"", "\"\"\"\"\"\""), ("*", "\"*\""), ("NEAR", "\"NEAR\""), ("a\"b", "\"a\"\"b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""), ("", "\"\""), ("東京", "\"東京\""),
    ])
    func quotesDoublingInnerQuotes(_ row: (token: String, quoted: String)) {
        #expect(FTSQuery.quote(row.token) == row.quoted)
    }
}
