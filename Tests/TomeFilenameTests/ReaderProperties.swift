import PropertyBased
import Testing
@testable import TomeFilename

/// The reader never crashes or hangs, whatever it is given, and what it
/// reports always points at real text of the name.
@Suite("Reader properties")
struct ReaderProperties {
    let reader = FilenameReader()

    /// Pieces names are made of, so random names hit the reader's shapes.
    static let pieces: [String] = [
        "Vol", "vol.", "v", "V", "Book", "#", "No.", "Ch.", "c", "第", "巻", "권", "화", "Том", "Глава",
        " ", " ", "_", ".", "-", " - ", " — ", ",", ":", "(", ")", "[", "]", "{", "}", "【", "】",
        "1", "02", "003", "2.5", "2019", "１２", "-3", "~", "by", "c2c", "Digital", "The", "Hunger",
        "進撃の巨人", "나 혼자만", "Война", "ＮＡＲＵＴＯ", "é", "\u{0301}", "\u{FFFD}", "\u{0}", "/", "\\",
        ".epub", ".kepub.epub", ".cbz", "&", "!", "\"", "*", "NEAR", "AND",
    ]

    static let names = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...30).map { $0.map { pieces[$0] }.joined() }

    static let anyScalar = Gen.int(in: 0...0x10FFFF).map { Unicode.Scalar(UInt32($0)) ?? "\u{FFFD}" }
    static let anyUnicode = anyScalar.array(of: 0...80).map { String(String.UnicodeScalarView($0)) }

    static let anyBytes = Gen.int(in: 0...255).array(of: 0...120).map { String(decoding: $0.map(UInt8.init), as: UTF8.self) }

    /// Every finding and segment points at the text it names.
    func checkInvariants(_ name: String) {
        let e = reader.read(name)
        let bytes = Array(name.utf8)
        #expect(!(e.volume != nil && e.volumeRange != nil), "both a volume and a range in \(name.debugDescription)")
        if let range = e.volumeRange { #expect(range.lowerBound < range.upperBound) }
        for finding in e.findings {
            #expect(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= bytes.count)
            guard finding.kind != .extension, finding.kind != .truncated,
                  finding.span.end <= bytes.count, finding.span.start <= finding.span.end else { continue }
            let original = String(decoding: bytes[finding.span.start..<finding.span.end], as: UTF8.self)
            #expect(original == finding.text, "\(finding) in \(name.debugDescription)")
        }
        for segment in e.segments {
            #expect(!segment.tokens.isEmpty)
            #expect(segment.tokens == reader.normalizer.tokens(segment.text))
        }
    }

    /// Found by `shapedNamesKeepInvariants`: a chapter alone in brackets was
    /// reported with the brackets' span and the chapter's text.
    @Test func chaptersInBracketsHaveTheirOwnSpan() {
        for name in ["(Ch.1)", "Berserk (c050-055).cbz", "[Ch 12-20] Title.epub"] {
            checkInvariants(name)
        }
    }

    @Test func shapedNamesKeepInvariants() async {
        await propertyCheck(count: 500, input: Self.names) { name in
            checkInvariants(name)
        }
    }

    @Test func arbitraryUnicodeKeepsInvariants() async {
        await propertyCheck(count: 300, input: Self.anyUnicode) { name in
            checkInvariants(name)
        }
    }

    /// Bytes that are not UTF-8 arrive as U+FFFD after decoding; the reader
    /// copes with whatever the decoder made of them.
    @Test func invalidUTF8KeepsInvariants() async {
        await propertyCheck(count: 300, input: Self.anyBytes) { name in
            checkInvariants(name)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func hundredKilobyteNames() {
        let typical = "[Group] Some Series v03 (2019) (Digital) - Chapter 12 by Some One _ 進撃の巨人 "
        var big = ""
        while big.utf8.count < 100_000 { big += typical }
        let e = reader.read(big + ".cbz")
        #expect(e.fileExtension == "cbz")
        #expect(e.truncated)
        #expect(e.volume == 3)

        let words = String(repeating: "word ", count: 20_000)
        #expect(reader.read(words).tokens.count == 20_000)
    }

    @Test(.timeLimit(.minutes(1)))
    func tenThousandNestedBrackets() {
        let closed = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000) + " Title v2.epub"
        let e = reader.read(closed)
        #expect(e.noise.count == 1)
        #expect(e.title == "Title")
        #expect(e.volume == 2)

        let unclosed = "Title v2 " + String(repeating: "[", count: 10_000)
        let u = reader.read(unclosed)
        #expect(u.title == "Title")
        #expect(u.volume == 2)

        let mixed = "Title " + String(repeating: "([{【", count: 5_000) + String(repeating: ")]}】", count: 4_000)
        #expect(reader.read(mixed).title == "Title")

        let closers = String(repeating: ")]}", count: 10_000)
        checkInvariants(closers)
    }

    @Test func emptyAndDegenerateNames() {
        for name in ["", ".", "..", ".epub", "/", "\\\\", "a/b/", "\u{0}", "\u{FFFD}\u{FFFD}", " ", "()", "[]", "Vol.", "#", "第", "巻"] {
            checkInvariants(name)
        }
        #expect(reader.read("").title == "")
        #expect(reader.read(".epub").fileExtension == nil)
    }
}
