import Testing
import TomeCatalog
import TomeFilename
import TomeNormalization
import TomeTestSupport
@testable import TomeResolver

@Suite("Katakana word breaks")
struct KatakanaTests {
    /// ICU splits ダンジョン (a loanword) into ダン and ジョン, in a catalog's
    /// title as in a filename: both sides get the same tokens, so the name
    /// still meets the title (the README says so).
    @Test func katakanaIsSplitTheSameOnBothSides() throws {
        let normalizer = TextNormalizer()
        #expect(normalizer.tokens("ダンジョン飯") == ["ダン", "ジョン", "飯"])
        let evidence = FilenameReader(normalizer: normalizer).read("ダンジョン飯 1巻 (2015).cbz")
        #expect(evidence.tokens == normalizer.tokens("ダンジョン飯"))
        let catalog = try SmallCatalog([
            book(1, "ダンジョン飯 1", "九井諒子", series: "ダンジョン飯", index: 1, type: .manga),
            book(2, "ダンジョン飯 2", "九井諒子", series: "ダンジョン飯", index: 2, type: .manga),
        ])
        #expect(try catalog.resolver.resolve("ダンジョン飯 1巻 (2015).cbz").bookID == 1)
        #expect(try catalog.resolver.resolve("ダンジョン飯 第2巻.cbz").bookID == 2)
    }
}
