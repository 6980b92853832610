import Testing
@testable import TomeFilename

/// Pieces of a name that once were read and then dropped (issue #21): each
/// is now kept as evidence, for the verdict to weigh.
@Suite("Evidence kept")
struct EvidenceKeptTests {
    let reader = FilenameReader(normalizer: .shared)

    /// A vulgar fraction glued to the issue is part of its number.
    @Test(arguments: [
        ("Batman #012½.cbz", 12.5), ("Batman #1¼.cbz", 1.25), ("Batman #7¾ (2012).cbz", 7.75), ("Batman #012.cbz", 12),
    ])
    func fractionsBelongToTheNumber(_ name: String, _ volume: Double) {
        #expect(reader.read(name).volume == volume)
    }

    /// A decimal is read as the decimal it spells.
    @Test func decimalsAreExact() {
        #expect(reader.read("Vol. 0.3 — The Complete Robot.epub").volume == 0.3)
        #expect(reader.read("Oregairu v10.5.epub").volume == 10.5)
    }

    /// A part a bracketed group cut in two, with no dash between, is kept
    /// whole too — it may be a title of its own; groups at a part's end, or
    /// between dashes, cut nothing.
    @Test func partsCutByATagAreKeptWhole() {
        let split = reader.read("Inferno (The Divine Comedy, #1) - Hunger: A Memoir of (My) Body.epub").tagSplitParts
        #expect(split.map(\.text) == ["Hunger: A Memoir of (My) Body"])
        #expect(split.first?.tokens == ["hunger", "a", "memoir", "of", "my", "body"])
        #expect(split.first?.pieces == [["hunger", "a", "memoir", "of"], ["body"]])
        for name in ["Dune (2021) - Frank Herbert.epub", "[Group] Berserk v03 (2019) (Digital).cbz",
                     "Words of Radiance (Oathbringer).epub", "Dune - (Retail) - Frank Herbert.epub"] {
            #expect(reader.read(name).tagSplitParts.isEmpty, "\(name)")
        }
    }

    /// `LN01`, `Light Novel 03` say the kind of book too: a light novel,
    /// not the manga of the same name.
    @Test func lightNovelMarkersNameTheFormat() {
        for name in ["Toradora! LN01.epub", "Toradora! LN 02.epub", "Toradora! Light Novel 03.epub"] {
            #expect(reader.read(name).formatHint == "light_novel", "\(name)")
        }
        #expect(reader.read("Toradora! v01.epub").formatHint == nil)
    }

    /// `#-1` is issue −1, not issue 1.
    @Test func negativeIssue() {
        #expect(reader.read("Batman #-1.cbz").volume == -1)
        #expect(reader.read("Batman # 1.cbz").volume == 1)
    }

    /// A second volume marker with another number is kept; the same number is not.
    @Test func secondVolumes() {
        #expect(reader.read("Berserk v02 v03.cbz").otherVolumes == [3])
        #expect(reader.read("Berserk Vol. 2 Vol. 12.cbz").otherVolumes == [12])
        #expect(reader.read("Berserk v02 (Vol. 2).cbz").otherVolumes == [])
        #expect(reader.read("Berserk v02.cbz").otherVolumes == [])
    }

    /// Capital letters glued to the issue by a dot are a variant.
    @Test func variantSuffix() {
        #expect(reader.read("Amazing Spider-Man #31.LR.cbz").volumeSuffix == "lr")
        #expect(reader.read("Batman #1.BEY (2016).cbz").volumeSuffix == "bey")
        #expect(reader.read("Amazing Spider-Man #31 LR.cbz").volumeSuffix == nil)
        // In a dotted name a dot is a space.
        #expect(reader.read("Batman.012.LR.cbz").volumeSuffix == nil)
    }

    /// `TPB`, `HC` and their bracketed forms are collection tags.
    @Test(arguments: ["Batman #12 TPB.cbz", "Batman 012 (TPB) (2012).cbz", "Batman v1 HC.cbz", "Batman (Trade Paperback).cbz"])
    func collectionTags(_ name: String) {
        #expect(reader.read(name).collectionTag != nil)
    }

    @Test func noCollectionTag() {
        #expect(reader.read("Batman #12.cbz").collectionTag == nil)
        #expect(reader.read("Hcarus #1.cbz").collectionTag == nil)
    }

    /// A cover date's year is the name's year: `(29-06-11)`, `(08-1948)`.
    @Test(arguments: [("2000 AD 1740 (29-06-11).cbz", 2011), ("Police Comics 082 (08-1948).cbz", 1948),
                      ("X (04.08.2021).cbz", 2021)])
    func datesGiveTheYear(_ name: String, _ year: Int) {
        #expect(reader.read(name).year == year)
    }

    /// A bracketed range of small numbers covers several books.
    @Test func bracketedRanges() {
        #expect(reader.read("[HorribleSubs] Tsukimonogatari - (01-04) [1080p].epub").volumeRange == 1...4)
        #expect(reader.read("Fantastic Four (1961-1963).cbz").volumeRange == nil)
    }

    /// `(2nd Edition)` names an edition.
    @Test(arguments: [("The C Programming Language (2nd Edition).pdf", 2), ("Dune (Second Edition).epub", 2),
                      ("Algorithms (4th ed.).pdf", 4)])
    func editions(_ name: String, _ edition: Int) {
        #expect(reader.read(name).edition == edition)
    }

    /// `02v2`: a release revision glued to the number is no volume.
    @Test func revisionIsNoVolume() {
        let e = reader.read("[AKH-SWE]_Fullmetal_Alchemist_(2009)_02v2_[H.264.AAC][7B2C5E8B].cbz")
        #expect(e.volume != 2 || e.volumeForm != .vPrefix)
        #expect(reader.read("Berserk v02.cbz").volume == 2)
    }

    /// In a dotted name `.-.` separates parts, as ` - ` and `_-_` do.
    @Test func dottedDashSeparatesParts() {
        #expect(reader.read("Hugh.Howey.-.Wool.Omnibus.epub").segments.map(\.tokens) == [["hugh", "howey"], ["wool", "omnibus"]])
        #expect(reader.read("Hugh_Howey_-_Wool_Omnibus.epub").segments.map(\.tokens) == [["hugh", "howey"], ["wool", "omnibus"]])
        #expect(reader.read("Spider-Man.Blue.epub").segments.count == 1)
    }

    /// `(Series 2) Author - Title` (Calibre, Anna's Archive): a leading
    /// bracket of words and a number is the series and its volume.
    @Test func leadingSeriesNumber() {
        let e = reader.read("(Throne of Glass 2) Maas, Sarah J - Heir of Fire.epub")
        #expect(e.volume == 2)
        #expect(e.seriesHint == "Throne of Glass")
        #expect(reader.read("[Throne of Glass 3] Heir of Fire.epub").volume == 3)
        // Not a release group with digits glued on, nor a bracket after the title.
        #expect(reader.read("[tlacatlc6] Natsume Yuujinchou.cbz").volume == nil)
        #expect(reader.read("The Firm (Penguin Readers 5).epub").seriesHint != "The Firm")
        // Nor a marker's group.
        #expect(reader.read("(Ch.1) Title.epub").volume == nil)
        #expect(reader.read("(Vol 2) Title.epub").seriesHint == nil)
    }
}
