import Testing
import TomeFilename

/// Defects the fuzz targets (Fuzz/, `bash Fuzz/run.sh`) found, each with the
/// smallest input that showed it.
@Suite("Fuzz findings: filename reader")
struct FilenameFuzzFindingsTests {
    let reader = FilenameReader()

    /// FuzzFilename: `a` and 4,000 spaces spent a third of a second in the
    /// reader (under the fuzzer's sanitizers; ~20 ms in a release build,
    /// against ~0.1 ms for a usual name): the trailing whitespace and U+FFFD
    /// were cut one scalar at a time, each cut counting the whole name. They
    /// are now found first and cut once. (Its speed is a benchmark's or the
    /// fuzzer's to watch; this test holds the cut's meaning.)
    @Test(arguments: [
        "a" + String(repeating: " ", count: 4000),
        "a" + String(repeating: "\u{FFFD}", count: 1000),
        "a \u{3000}\t\u{FFFD} \u{FFFD}",
        "a\u{FFFD}\u{2003}\u{FFFD}",
    ])
    func trailingWhitespaceAndReplacementCharactersAreCut(name: String) {
        let long = reader.read(name)
        let short = reader.read("a")
        #expect(long.basename == "a")
        #expect(long.title == short.title)
        #expect(long.tokens == short.tokens)
        #expect(long.fileExtension == nil)
        #expect(long.filename == name)
    }

    /// What stays: whitespace inside the name, a combining mark after a
    /// space (a scalar that is not whitespace), an extension after spaces.
    @Test func onlyTheTrailingRunIsCut() {
        #expect(reader.read("Dune   Messiah  ").title == reader.read("Dune   Messiah").title)
        #expect(reader.read("Dune   Messiah  ").title.hasSuffix("Messiah"))
        #expect(reader.read("Dune \u{301}").basename == "Dune \u{301}")
        let spaced = reader.read("Dune.epub   ")
        #expect(spaced.fileExtension == "epub")
        #expect(spaced.basename == "Dune.epub")
    }
}
