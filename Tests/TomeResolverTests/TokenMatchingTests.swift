import Testing
@testable import TomeResolver

@Suite("Token matching")
struct TokenMatchingTests {
    /// The uncopied fast path gives what the full compaction gives, for every
    /// arrangement of up to four tokens of the kinds that matter: letters,
    /// digits, longer words, a non-ASCII letter.
    @Test func compactedTokensAgreeWithCompacted() {
        let alphabet = ["j", "k", "1", "rowling", "é", "jk", "2"]
        var arrangements: [[String]] = [[]]
        var checked = 0
        for _ in 1...4 {
            arrangements = arrangements.flatMap { a in alphabet.map { a + [$0] } }
            for tokens in arrangements {
                #expect(TokenMatching.compactedTokens(tokens) == TokenMatching.compacted(tokens).tokens, "\(tokens)")
                checked += 1
            }
        }
        #expect(checked == 7 + 49 + 343 + 2401)
        #expect(TokenMatching.compactedTokens(["j", "k", "rowling"]) == ["jk", "rowling"])
    }
}
