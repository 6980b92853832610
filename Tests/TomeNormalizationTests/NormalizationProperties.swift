import PropertyBased
import Testing
@testable import TomeNormalization

/// Properties that must hold for any text at all.
@Suite("Normalization properties")
struct NormalizationProperties {
    /// Letters from many scripts, digits, separators and typographic marks.
    static let alphabet: [Character] = Array(
        "abcXYZ éøßÆ ΣΊ Ёж 進撃の巨人 ガパ 나혼 ＮＡ１２ 0123456789 ._-–—’“”…½×&!?#()[]{}: \u{0301}\u{00A0}\u{3000}"
    )

    static let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.string(of: 0...40)

    @Test func tokensAreIdempotent() async {
        await propertyCheck(count: 300, input: Self.text) { s in
            let once = TextNormalizer.shared.tokens(s)
            let twice = once.flatMap { TextNormalizer.shared.tokens($0) }
            #expect(twice == once, "tokens(\(s.debugDescription))")
        }
    }

    @Test func keyIsStableUnderItsOwnNormalization() async {
        await propertyCheck(count: 300, input: Self.text) { s in
            let key = TextNormalizer.shared.key(s)
            #expect(TextNormalizer.shared.key(key) == key)
            #expect(TextNormalizer.shared.fold(TextNormalizer.shared.fold(s)) == TextNormalizer.shared.fold(s))
        }
    }

    @Test func tokensHaveNoSeparatorsOrUppercase() async {
        await propertyCheck(count: 300, input: Self.text) { s in
            for token in TextNormalizer.shared.tokens(s) {
                #expect(!token.isEmpty)
                #expect(!token.contains(" ") && !token.contains("_") && !token.contains("-"))
                #expect(token == token.lowercased())
            }
        }
    }
}

@Suite("ASCII fast path")
struct ASCIIFastPath {
    static let ascii = Gen.int(in: 0...127).map { Character(Unicode.Scalar(UInt8($0))) }.string(of: 0...60)

    /// The fast path must give what ICU gives, for every ASCII string.
    @Test func foldAgreesWithICU() async {
        let n = TextNormalizer.shared
        let every = String((0...127).map { Character(Unicode.Scalar(UInt8($0))) })
        #expect(n.fold(every) == n.foldWithICU(every))
        await propertyCheck(count: 500, input: Self.ascii) { s in
            #expect(n.fold(s) == n.foldWithICU(s))
        }
    }

    /// The marks where word segmentation and the token rules decide
    /// something, densely mixed, and the typographic marks plain text may hold.
    static let plainAlphabet: [Character] = Array("aZk19_.'`:,;&@-\" /()[]#!?\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{00A0}")
    static let plain = Gen.int(in: 0...(plainAlphabet.count - 1)).map { plainAlphabet[$0] }.string(of: 0...24)

    /// Fold, tokens and Latin tokens of plain text (ASCII, curly quotes,
    /// en and em dashes, no-break spaces) skip ICU: each must give what ICU
    /// gives, for every such string.
    @Test func plainTextAgreesWithICU() async {
        let n = TextNormalizer.shared
        await propertyCheck(count: 3000, input: Self.plain) { s in
            #expect(TextNormalizer.plainFold(s) != nil)
            #expect(n.fold(s) == n.foldWithICU(s), "fold(\(s.debugDescription))")
            #expect(n.tokens(s) == n.tokensWithICU(s), "tokens(\(s.debugDescription))")
            #expect(n.latinTokens(s) == n.latinTokensWithICU(s), "latinTokens(\(s.debugDescription))")
        }
        // A tiny alphabet, so that every short arrangement of letters,
        // digits and joining marks (`a.b:c.d`, `1'2`, `a_1.5`) comes up.
        let dense: [Character] = Array("ab1.:',;_&@- ")
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(dense.count - 1)).map { dense[$0] }.string(of: 0...10)) { s in
            #expect(n.tokens(s) == n.tokensWithICU(s), "tokens(\(s.debugDescription))")
        }
        await propertyCheck(count: 500, input: Self.ascii) { s in
            #expect(n.tokens(s) == n.tokensWithICU(s), "tokens(\(s.debugDescription))")
            #expect(n.latinTokens(s) == n.latinTokensWithICU(s), "latinTokens(\(s.debugDescription))")
        }
    }

    /// Every string of up to four characters drawn from one member of each
    /// ASCII word break class (and the marks the token rules treat apart),
    /// of up to three of those and the typographic marks plain text may
    /// hold, and of up to two of all 128 ASCII characters: a
    /// deterministic sweep, so a class the fast path gets wrong (ICU 72 counts
    /// `@` as a letter) fails every run, not one random run in many.
    @Test func everySmallArrangementAgreesWithICU() {
        let n = TextNormalizer.shared
        let marks: [Character] = Array("aZ1_.',;:@&-` ")
        var strings: [String] = [""]
        var layer: [String] = [""]
        for _ in 1...4 {
            layer = layer.flatMap { prefix in marks.map { prefix + String($0) } }
            strings += layer
        }
        // The typographic marks plain text may hold, with the classes, to three.
        let typographic = marks + Array("\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{00A0}")
        layer = [""]
        for _ in 1...3 {
            layer = layer.flatMap { prefix in typographic.map { prefix + String($0) } }
            strings += layer.filter { $0.unicodeScalars.contains { !$0.isASCII } }  // the rest came above
        }
        let all = (0...127).map { Character(Unicode.Scalar(UInt8($0))) }
        for a in all {
            strings.append(String(a))
            for b in all { strings.append(String([a, b])) }
        }
        var disagreements: [String] = []
        for s in strings
        where n.fold(s) != n.foldWithICU(s) || n.tokens(s) != n.tokensWithICU(s) || n.latinTokens(s) != n.latinTokensWithICU(s) {
            disagreements.append(s)
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagree, first \(disagreements.prefix(10).map(\.debugDescription))")
    }

    /// Shapes the token rules name, each through both paths.
    @Test(arguments: [
        "J.K. Rowling & Co", "Sorcerer's Stone", "v2.5", "2019.05.01", "v1.2.3", "U.S.A.", "a.b:c.d", "1,000,000", "rock 'n' roll",
        "a'1", "1'2", "x_y_1", "AT&T", "Vol. 3 — Title", "Don’t Panic", "“Quoted” – text", "The.Island.Of.The.Day.Before",
        "Berserk v02 (2003) (Digital)", "[Group] Series v03 c012-015", "`back`tick", "a..b", "1..2", ".5", "5.", "'tis",
        "@A.A", "x@j.k.", "user@example.com", "@1.2", "a.@", "@.a.b",
    ])
    func namedShapesAgreeWithICU(_ s: String) {
        let n = TextNormalizer.shared
        #expect(n.tokens(s) == n.tokensWithICU(s))
        #expect(n.latinTokens(s) == n.latinTokensWithICU(s))
    }

    /// Text with any other non-ASCII scalar is not plain: it goes through ICU.
    @Test func otherTextIsNotPlain() {
        for s in ["Misérables", "ＮＡＲＵＴＯ", "進撃", "Ёж", "a…b", "½", "a\u{2033}b", "a\u{00B4}b", "x\u{2212}y"] {
            #expect(TextNormalizer.plainFold(s) == nil, "\(s)")
        }
    }
}
