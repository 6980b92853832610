import Foundation
import Testing
import TomeTestSupport
import TomeEvaluation
import TomeFilename
import TomeResolver

/// The README states the weights and the refusal codes; these tests keep it
/// equal to the code. Run with `TOME_UPDATE_README=1` to rewrite the weights
/// table from ``Weights`` instead of comparing.
@Suite("README contract")
struct ReadmeContractTests {
    static let readmePath = Repository.root + "/README.md"
    static let begin = "<!-- weights:begin -->\n", end = "\n<!-- weights:end -->"

    @Test func weightsTableIsGeneratedFromWeights() throws {
        var readme = try String(contentsOfFile: Self.readmePath, encoding: .utf8)
        let start = try #require(readme.range(of: Self.begin), "README has no weights:begin marker")
        let stop = try #require(readme.range(of: Self.end, range: start.upperBound..<readme.endIndex))
        if ProcessInfo.processInfo.environment["TOME_UPDATE_README"] == "1" {
            readme.replaceSubrange(start.upperBound..<stop.lowerBound, with: Weights.markdownTable)
            try readme.write(toFile: Self.readmePath, atomically: true, encoding: .utf8)
            return
        }
        let shown = String(readme[start.upperBound..<stop.lowerBound])
        #expect(shown == Weights.markdownTable, "README's weights differ; run TOME_UPDATE_README=1 swift test --filter README")
    }

    /// Every weight the scorer uses appears in the table.
    @Test func everyWeightIsInTheTable() {
        let table = Weights.markdownTable
        let weights = [Weights.title, Weights.nameBesideVolume, Weights.title - Weights.altTitleDiscount,
                       Weights.nameBesideVolume - Weights.altTitleDiscount, Weights.titleWithoutVolume, Weights.titleInside,
                       Weights.titleFragment, Weights.titleTypo, Weights.longTitleTypo, Weights.series, Weights.volume,
                       Weights.trailingVolume, Weights.author, Weights.authorSpelling, Weights.authorSurname, Weights.year,
                       Weights.comicArchive, Weights.authorMismatch, Weights.numberMismatch, Weights.unexplainedPart,
                       Weights.unexplainedWord, Weights.unexplainedStopword, Weights.unexplainedWordsCap,
                       Weights.threshold, Weights.margin]
        for w in weights {
            let text = FilenameEvidence.format(abs(w))
            #expect(table.contains(text), "weight \(w) is not in the table")
        }
        #expect(Weights.table.count >= 19)
    }

    /// `--explain`'s `source` and `veto` values are all listed in the README.
    @Test func everyExplainedSourceAndVetoIsDocumented() throws {
        let readme = try String(contentsOfFile: Self.readmePath, encoding: .utf8)
        for name in CandidateSource.allCases.map(\.rawValue) + Veto.allCases.map(\.rawValue) {
            #expect(readme.contains("`\(name)`"), "\(name) is not documented in the README")
        }
    }

    /// Every refusal code has a row in the README's table.
    @Test func everyRefusalCodeIsDocumented() throws {
        let readme = try String(contentsOfFile: Self.readmePath, encoding: .utf8)
        for code in RefusalCode.allCases {
            #expect(readme.contains("| `\(code.rawValue)` |"), "\(code.rawValue) is not documented in the README")
        }
    }
}
