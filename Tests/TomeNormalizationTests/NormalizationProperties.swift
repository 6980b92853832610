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
}
