import Testing
@testable import TomeNormalization

@Suite("TextNormalizer")
struct TextNormalizerTests {
    let n = TextNormalizer.shared

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let tokens: [String]
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        // NFKC, full-width, case folding.
        Case(input: "ＮＡＲＵＴＯ", tokens: ["naruto"]),
        Case(input: "Ｖｏｌ．１２", tokens: ["vol", "12"]),
        Case(input: "STRASSE Straße", tokens: ["strasse", "strasse"]),
        Case(input: "ΣΊΣΥΦΟΣ", tokens: ["σισυφοσ"]),
        Case(input: "ﬁnal ﬂight", tokens: ["final", "flight"]),
        // Diacritics.
        Case(input: "Les Misérables", tokens: ["les", "miserables"]),
        Case(input: "Shōgun", tokens: ["shogun"]),
        Case(input: "Łódź Æther", tokens: ["lodz", "aether"]),
        Case(input: "Ёлка", tokens: ["елка"]),
        // Typographic variants.
        Case(input: "Harry Potter and the Sorcerer’s Stone", tokens: ["harry", "potter", "and", "the", "sorcerers", "stone"]),
        Case(input: "“Quoted” — Title – Sub‐title", tokens: ["quoted", "title", "sub", "title"]),
        Case(input: "Wait…What", tokens: ["wait", "what"]),
        Case(input: "Ranma ½", tokens: ["ranma", "1/2"].flatMap { $0 == "1/2" ? ["1", "2"] : [$0] }),
        Case(input: "2×2", tokens: ["2x2"]),
        // & and `and` meet.
        Case(input: "Pride & Prejudice", tokens: ["pride", "and", "prejudice"]),
        Case(input: "Pride and Prejudice", tokens: ["pride", "and", "prejudice"]),
        Case(input: "Yotsuba&!", tokens: ["yotsuba", "and"]),
        // Separators, decimals, initials.
        Case(input: "the_hunger.games-book", tokens: ["the", "hunger", "games", "book"]),
        Case(input: "v2.5", tokens: ["v2.5"]),
        Case(input: "Vol. 10.5", tokens: ["vol", "10.5"]),
        Case(input: "2019.05.01", tokens: ["2019", "05", "01"]),
        Case(input: "J.K. Rowling", tokens: ["jk", "rowling"]),
        Case(input: "U.S.A.", tokens: ["usa"]),
        Case(input: "  many   spaces  ", tokens: ["many", "spaces"]),
        // Scripts stay in their own script; CJK is segmented.
        Case(input: "Война и мир", tokens: ["воина", "и", "мир"]),
        Case(input: "進撃の巨人", tokens: ["進撃", "の", "巨人"]),
        Case(input: "나 혼자만 레벨업", tokens: ["나", "혼자만", "레벨업"]),
        Case(input: "ガ パ", tokens: ["ガ", "パ"]),
        Case(input: "", tokens: []),
        Case(input: "!!! ???", tokens: []),
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) {
        #expect(n.tokens(c.input) == c.tokens)
    }

    @Test func transliterationLetsScriptsMeet() {
        #expect(n.latinKey("Братья Карамазовы") == n.key("Bratya Karamazovy"))
        #expect(n.latinKey("Война и мир") == "voyna i mir")
        #expect(n.latinKey("ナルト") == "naruto")
        #expect(n.latinKey("Les Misérables") == n.key("Les Miserables"))
    }

    @Test func keysJoinTokens() {
        #expect(n.key("The  Hunger_Games") == "the hunger games")
        #expect(n.key("THE HUNGER GAMES") == n.key("the hunger games"))
    }

    @Test func foldKeepsTextWhole() {
        #expect(n.fold("ÉCOLE – Straße") == "ecole - strasse")
    }

    @Test func icuIsTheSystemOne() throws {
        try TextNormalizer.prepare()
        #expect(TextNormalizer.icuVersion.first?.isNumber == true)
    }

    /// Many threads at once get the same answers as one thread.
    @Test func concurrentUseAgrees() async {
        let inputs = Self.cases.map(\.input)
        let expected = inputs.map { n.tokens($0) }
        let normalizer = n
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    for _ in 0..<20 where inputs.map({ normalizer.tokens($0) }) != expected { return false }
                    return true
                }
            }
            for await agreed in group { #expect(agreed) }
        }
    }
}
