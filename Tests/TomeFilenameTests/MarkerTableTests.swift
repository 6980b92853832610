import Testing
@testable import TomeFilename

/// One filename and the volume, chapter and number evidence a careful
/// librarian would read from it.
///
/// Every field is checked on every row: a field left out must be nil. So a
/// row says both what is read and what must *not* be read (a year is not a
/// volume, `Fahrenheit 451` has no volume, `Part 2` is not `Book 2`).
struct MarkerRow: Sendable, CustomTestStringConvertible {
    var name: String
    /// The remaining title text: a marker read is not title text.
    var title: String
    var volume: Double?
    var range: ClosedRange<Double>?
    var form: VolumeForm?
    var chapter: Double?
    var chapterRange: ClosedRange<Double>?
    var trailing: Double?
    var year: Int?
    var bracketed: Double?

    init(_ name: String, _ title: String, vol: Double? = nil, range: ClosedRange<Double>? = nil, form: VolumeForm? = nil,
         ch: Double? = nil, chRange: ClosedRange<Double>? = nil, trailing: Double? = nil, year: Int? = nil,
         bracketed: Double? = nil) {
        self.name = name
        self.title = title
        self.volume = vol
        self.range = range
        self.form = form
        self.chapter = ch
        self.chapterRange = chRange
        self.trailing = trailing
        self.year = year
        self.bracketed = bracketed
    }

    var testDescription: String { name.debugDescription }

    /// Checks every field of `row` against what the reader reads.
    func check() {
        let e = FilenameReader().read(name)
        #expect(e.title == title)
        #expect(e.volume == volume)
        #expect(e.volumeRange == range)
        #expect(e.volumeForm == form)
        #expect(e.chapter == chapter)
        #expect(e.chapterRange == chapterRange)
        #expect(e.trailingNumber == trailing)
        #expect(e.year == year)
        #expect(e.bracketedNumber == bracketed)
    }
}

@Suite("Marker table")
struct MarkerTableTests {
    typealias M = MarkerRow

    static let rows: [MarkerRow] = volumeWords + vPrefix + numberSigns + books + brackets + cjk + foreign + chapters + years + numbersInTitles
        + noMarker + formerDefects + comics

    // MARK: Volume words

    static let volumeWords: [M] = [
        M("Berserk Vol. 3.cbz", "Berserk", vol: 3, form: .volumeWord),
        M("Berserk Vol 3.cbz", "Berserk", vol: 3, form: .volumeWord),
        M("Monster Volume 03.cbz", "Monster", vol: 3, form: .volumeWord),
        M("vinland saga vol.12.cbz", "vinland saga", vol: 12, form: .volumeWord),
        M("Claymore vol12.cbz", "Claymore", vol: 12, form: .volumeWord),
        M("Berserk.Vol.12.cbz", "Berserk", vol: 12, form: .volumeWord),
        M("Haikyu!! Vol. 10.5.cbz", "Haikyu!!", vol: 10.5, form: .volumeWord),
        M("Fate Zero Vol. 0.epub", "Fate Zero", vol: 0, form: .volumeWord),
        M("Fullmetal Alchemist vol.1-3.cbz", "Fullmetal Alchemist", range: 1...3, form: .volumeWord),
        M("Dragon Ball Vols. 1-3.cbz", "Dragon Ball", range: 1...3, form: .volumeWord),
        M("ＢＬＥＡＣＨ　Ｖｏｌ．５.cbz", "ＢＬＥＡＣＨ", vol: 5, form: .volumeWord),
        M("Overlord Volume 3 - The Bloody Valkyrie.epub", "Overlord - The Bloody Valkyrie", vol: 3, form: .volumeWord),
        M("Vol. 3 — The Dragon Reborn.epub", "The Dragon Reborn", vol: 3, form: .volumeWord),
    ]

    // MARK: v-prefix

    static let vPrefix: [M] = [
        M("Gantz v03.cbz", "Gantz", vol: 3, form: .vPrefix),
        M("Bleach V12.cbz", "Bleach", vol: 12, form: .vPrefix),
        // A capital V, one space, a zero-padded number (realworld-manga).
        M("Fullmetal Alchemist V 04.cbz", "Fullmetal Alchemist", vol: 4, form: .vPrefix),
        // Light novel volumes (anitopy-style release names).
        M("Toradora! LN01.epub", "Toradora!", vol: 1, form: .volumeWord),
        M("Toradora! LN 02.epub", "Toradora!", vol: 2, form: .volumeWord),
        M("Toradora! Light Novel 03.epub", "Toradora!", vol: 3, form: .volumeWord),
        M("One Piece v012.cbz", "One Piece", vol: 12, form: .vPrefix),
        M("Sword Art Online Progressive v3.5.epub", "Sword Art Online Progressive", vol: 3.5, form: .vPrefix),
        M("Berserk v01-03.cbz", "Berserk", range: 1...3, form: .vPrefix),
        M("Gintama v01-v03.cbz", "Gintama", range: 1...3, form: .vPrefix),
        M("Bleach v01~03.cbz", "Bleach", range: 1...3, form: .vPrefix),
        M("Berserk v16-17 (2003).cbz", "Berserk", range: 16...17, form: .vPrefix, year: 2003),
        // Four digits after `v` are no volume: a comic run named by its start year (`v1993 045`).
        M("Berserk v2003.cbz", "Berserk"),
    ]

    // MARK: Number signs

    static let numberSigns: [M] = [
        M("Saga #12.cbz", "Saga", vol: 12, form: .numberSign),
        M("Batman #003 (2016).cbr", "Batman", vol: 3, form: .numberSign, year: 2016),
        M("Saga # 3.cbz", "Saga", vol: 3, form: .numberSign),
        M("Batman No. 3.cbr", "Batman", vol: 3, form: .numberSign),
        M("Berserk № 4.cbz", "Berserk", vol: 4, form: .numberSign),
        // `No. 1` inside a title is no marker.
        M("The No. 1 Ladies' Detective Agency.epub", "The No. 1 Ladies' Detective Agency"),
    ]

    // MARK: Book, part

    static let books: [M] = [
        M("Mistborn Book 2.epub", "Mistborn", vol: 2, form: .bookWord),
        M("Discworld Bk. 3.epub", "Discworld", vol: 3, form: .bookWord),
        M("Mistborn Book 3 - The Hero of Ages.epub", "Mistborn - The Hero of Ages", vol: 3, form: .bookWord),
        // A part is not a volume (`Part 1 Volume 1` has both); its number stays unclaimed.
        M("Ascendance of a Bookworm Part 2.epub", "Ascendance of a Bookworm Part 2", trailing: 2),
        M("Ascendance of a Bookworm Part 2 Volume 1.epub", "Ascendance of a Bookworm Part 2", vol: 1, form: .volumeWord, trailing: 2),
        M("Discworld - 03 - Equal Rites.epub", "Discworld - Equal Rites", vol: 3, form: .dashedNumber),
        M("Spice and Wolf - 2.5 - Side Colors.epub", "Spice and Wolf - Side Colors", vol: 2.5, form: .dashedNumber),
        M("Naruto 1-3.cbz", "Naruto", range: 1...3, form: .bareRange),
    ]

    // MARK: Bracketed numbers and series

    static let brackets: [M] = [
        // `(2)`: a browser's second copy as often as a volume — kept apart.
        M("Dune (2).epub", "Dune", bracketed: 2),
        M("Berserk v02 (1).cbz", "Berserk", vol: 2, form: .vPrefix, bracketed: 1),
        M("進撃の巨人（２）.zip", "進撃の巨人", vol: 2, form: .cjkMarker),
        M("進撃の巨人（１２）.zip", "進撃の巨人", vol: 12, form: .cjkMarker),
        M("Harry Potter (Book 2).epub", "Harry Potter", vol: 2, form: .bookWord),
        M("The Final Empire (Mistborn, Book 1).epub", "The Final Empire", vol: 1, form: .bracketSeries),
        M("Dead Until Dark (Sookie Stackhouse #1).epub", "Dead Until Dark", vol: 1, form: .bracketSeries),
        M("Berserk (Vol. 12).cbz", "Berserk", vol: 12, form: .volumeWord),
        M("Watchmen 01 (of 12) (1986).cbr", "Watchmen", vol: 1, form: .issue, year: 1986),
    ]

    // MARK: Chinese, Japanese, Korean

    static let cjk: [M] = [
        M("進撃の巨人 第3巻.zip", "進撃の巨人", vol: 3, form: .cjkMarker),
        M("進撃の巨人第3巻.zip", "進撃の巨人", vol: 3, form: .cjkMarker),
        M("進撃の巨人 3巻.zip", "進撃の巨人", vol: 3, form: .cjkMarker),
        M("鋼の錬金術師 第 04 巻.cbz", "鋼の錬金術師", vol: 4, form: .cjkMarker),
        M("ワンピース 第 01 話.cbz", "ワンピース", ch: 1),
        M("鬼滅の刃 1-3巻.zip", "鬼滅の刃", range: 1...3, form: .cjkMarker),
        M("鬼滅の刃 1～3巻.zip", "鬼滅の刃", range: 1...3, form: .cjkMarker),
        M("ドラゴンボール 第1-3巻.zip", "ドラゴンボール", range: 1...3, form: .cjkMarker),
        M("斗罗大陆 第2卷.epub", "斗罗大陆", vol: 2, form: .cjkMarker),
        M("三体 第1册.epub", "三体", vol: 1, form: .cjkMarker),
        M("ＮＡＲＵＴＯ　第１巻.cbz", "ＮＡＲＵＴＯ", vol: 1, form: .cjkMarker),
        M("ダンジョン飯 1巻 (2015).cbz", "ダンジョン飯", vol: 1, form: .cjkMarker, year: 2015),
        M("나 혼자만 레벨업 3권.epub", "나 혼자만 레벨업", vol: 3, form: .cjkMarker),
        M("전지적 독자 시점 7.5권.epub", "전지적 독자 시점", vol: 7.5, form: .cjkMarker),
        M("鋼の錬金術師 第10話.cbz", "鋼の錬金術師", ch: 10),
        M("斗破苍穹 第100话.txt", "斗破苍穹", ch: 100),
        M("나 혼자만 레벨업 13화.cbz", "나 혼자만 레벨업", ch: 13),
    ]

    // MARK: Other languages

    static let foreign: [M] = [
        M("Берсерк Том 2.cbz", "Берсерк", vol: 2, form: .foreignWord),
        M("Война и мир. Том 1.fb2", "Война и мир", vol: 1, form: .foreignWord),
        M("Astérix Tome 3.cbz", "Astérix", vol: 3, form: .foreignWord),
        M("Dragon Ball Tomo 5.cbr", "Dragon Ball", vol: 5, form: .foreignWord),
        M("Perry Rhodan Band 4.epub", "Perry Rhodan", vol: 4, form: .foreignWord),
        M("Ведьмак Глава 3.txt", "Ведьмак", ch: 3),
    ]

    // MARK: Chapters

    static let chapters: [M] = [
        M("Berserk c012.cbz", "Berserk", ch: 12),
        M("Kingdom ch. 12.cbz", "Kingdom", ch: 12),
        M("Kingdom Ch.12.5.cbz", "Kingdom", ch: 12.5),
        M("One Piece Chapter 5.cbz", "One Piece", ch: 5),
        M("One Piece Chapter 1000.cbz", "One Piece", ch: 1000),
        M("Chainsaw Man c010-018.cbz", "Chainsaw Man", chRange: 10...18),
        M("Chainsaw Man c010-c018.cbz", "Chainsaw Man", chRange: 10...18),
        M("Berserk v02 c010.cbz", "Berserk", vol: 2, form: .vPrefix, ch: 10),
        // `c2c` is a scan-quality tag: no chapter 2.
        M("Amazing Spider-Man 300 c2c.cbr", "Amazing Spider-Man 300", trailing: 300),
    ]

    // MARK: Years

    static let years: [M] = [
        M("Dune (1965).epub", "Dune", year: 1965),
        M("Neuromancer [1984].epub", "Neuromancer", year: 1984),
        M("Berserk v02 (2003) (Digital).cbz", "Berserk", vol: 2, form: .vPrefix, year: 2003),
        M("The Name of the Wind (2007-03).epub", "The Name of the Wind", year: 2007),
        M("進撃の巨人（２００９）.zip", "進撃の巨人", year: 2009),
        M("Berserk v01 (1990) (2003).cbz", "Berserk", vol: 1, form: .vPrefix, year: 1990),
        // A year outside brackets is no year, and never a volume.
        M("Dune 1965.epub", "Dune 1965", trailing: 1965),
        M("Berserk (2150).cbz", "Berserk"),
    ]

    // MARK: Numbers that belong to titles

    static let numbersInTitles: [M] = [
        M("1984.epub", "1984"),
        M("Catch-22.epub", "Catch-22", trailing: 22),
        M("Fahrenheit 451.epub", "Fahrenheit 451", trailing: 451),
        M("Fahrenheit 451 - Ray Bradbury.epub", "Fahrenheit 451 - Ray Bradbury"),
        M("1984 (1949) - George Orwell.epub", "1984 - George Orwell", year: 1949),
        M("2001 A Space Odyssey.epub", "2001 A Space Odyssey"),
        M("Blade Runner 2049.epub", "Blade Runner 2049", trailing: 2049),
        // The title text still ends in a number, which the resolver weighs.
        M("Spider-Man 2099 v01.cbz", "Spider-Man 2099", vol: 1, form: .vPrefix, trailing: 2099),
        M("Berserk 1997-1998.cbz", "Berserk 1997-1998", trailing: 1998),
        M("The 39 Steps.epub", "The 39 Steps"),
        M("20,000 Leagues Under the Sea.epub", "20,000 Leagues Under the Sea"),
        M("Mob Psycho 100 v01.cbz", "Mob Psycho 100", vol: 1, form: .vPrefix, trailing: 100),
        M("20th Century Boys v01.cbz", "20th Century Boys", vol: 1, form: .vPrefix),
        M("Berserk 02.cbz", "Berserk 02", trailing: 2),
        M("Apollo 13.epub", "Apollo 13", trailing: 13),
    ]

    // MARK: No marker at all

    static let noMarker: [M] = [
        M("The Hunger Games.epub", "The Hunger Games"),
        M("Vol de nuit.epub", "Vol de nuit"),
        M("V for Vendetta.cbz", "V for Vendetta"),
        // An unbracketed count of a limited series ends the part: issue N.
        M("Ultimate Comics Hawkeye 1 of 4 (2011).cbr", "Ultimate Comics Hawkeye", vol: 1, form: .issue, year: 2011),
        M("Powerman & Iron Fist 2of5 (2011).cbr", "Powerman & Iron Fist", vol: 2, form: .issue, year: 2011),
        M("The Filth 05 de 13.cbz", "The Filth", vol: 5, form: .issue),
        // …not when more follows, nor a count smaller than the number.
        M("1 of 4 Stories.epub", "1 of 4 Stories"),
        M("Agent 7 of 5.epub", "Agent 7 of 5", trailing: 5),
        // A library's sort form, put back; an HTML-escaped ampersand, unescaped.
        M("Herbert, James - Fog, The.epub", "Herbert, James - The Fog"),
        M("Jordan, Robert - Crown of Swords, A.epub", "Jordan, Robert - A Crown of Swords"),
        M("Romeo &amp;amp; Juliet.epub", "Romeo & Juliet"),
        M("Pride &amp; Prejudice - Jane Austen.epub", "Pride & Prejudice - Jane Austen"),
        // …not the `, a` a cut name ends with, nor a lowercase article.
        M("The Devil in the White City: Murder, Magic, a.epub", "The Devil in the White City: Murder, Magic, a"),
        M("Love, the Movie.epub", "Love, the Movie"),
        // The Roman five, not a volume marker: not zero-padded.
        M("Rocky V 2.epub", "Rocky V 2", trailing: 2),
        M("Dr. No.epub", "Dr. No"),
        M("Chapterhouse Dune.epub", "Chapterhouse Dune"),
        M("The Book Thief.epub", "The Book Thief"),
        M("Tom Sawyer.epub", "Tom Sawyer"),
        M("Band of Brothers.epub", "Band of Brothers"),
        M("Henry V.epub", "Henry V"),
        M("Volume.epub", "Volume"),
        M("Vol..epub", "Vol"),
    ]

    @Test(arguments: rows)
    func reads(_ row: MarkerRow) {
        row.check()
    }

    @Test func tableIsLargeAndDistinct() {
        #expect(Self.rows.count >= 60)
        #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
    }

    /// Rows that were known defects until the reader was fixed (issue #9):
    /// parts (部) and editions (版) are not volumes, 章 is a chapter, 제 is
    /// part of the Korean marker, `#` issues run to four digits, ranges
    /// across a spaced dash, `Т.` is Russian for volume.
    static let formerDefects: [M] = [
        // `v.3`, number words, a full-width decimal point, years before 1800, `of 3`.
        M("Berserk v.3.cbz", "Berserk", vol: 3, form: .vPrefix),
        M("Berserk v. 3.cbz", "Berserk", vol: 3, form: .vPrefix),
        M("ＢＬＥＡＣＨ　Ｖｏｌ．１０．５.cbz", "ＢＬＥＡＣＨ", vol: 10.5, form: .volumeWord),
        M("Don Quixote (1605).epub", "Don Quixote", year: 1605),
        M("The Lord of the Rings Vol. 1 of 3.epub", "The Lord of the Rings", vol: 1, form: .volumeWord),
        M("Mistborn Book One.epub", "Mistborn", vol: 1, form: .bookWord),
        M("進撃の巨人 第十二巻.zip", "進撃の巨人", vol: 12, form: .cjkMarker),
        M("The Decline and Fall of the Roman Empire Volume III.epub", "The Decline and Fall of the Roman Empire", vol: 3, form: .volumeWord),
        M("ジョジョの奇妙な冒険 第3部.zip", "ジョジョの奇妙な冒険 第3部"),
        M("三体 第2版.epub", "三体"),
        M("斗破苍穹 第3章.txt", "斗破苍穹", ch: 3),
        M("나 혼자만 레벨업 제3권.epub", "나 혼자만 레벨업", vol: 3, form: .cjkMarker),
        M("나 혼자만 레벨업 제13화.cbz", "나 혼자만 레벨업", ch: 13),
        M("Action Comics #1000 (2018).cbr", "Action Comics", vol: 1000, form: .numberSign, year: 2018),
        M("Berserk Vol. 1 - 3.cbz", "Berserk", range: 1...3, form: .volumeWord),
        M("Berserk v01 - 03.cbz", "Berserk", range: 1...3, form: .vPrefix),
        M("Berserk v01 - v03.cbz", "Berserk", range: 1...3, form: .vPrefix),
        M("Война и мир. Т. 2.fb2", "Война и мир", vol: 2, form: .foreignWord),
    ]

    /// Comic and manga shapes (issue #9): a run's `vN` before an issue, the
    /// issue as the volume; limited series; chapters in brackets; more markers.
    static let comics: [M] = [
        M("Fantastic Four v1 #245 (1982).cbz", "Fantastic Four", vol: 245, form: .issue, year: 1982),
        M("Fantastic Four v3 012 (1999).cbr", "Fantastic Four", vol: 12, form: .issue, year: 1999),
        M("Moon Knight-V2-#031.cbr", "Moon Knight", vol: 31, form: .issue),
        M("Hellblazer_v1_#014_c2c.cbz", "Hellblazer", vol: 14, form: .issue),
        M("Thor v1 0337 (1983) (c2c).cbz", "Thor", vol: 337, form: .issue, year: 1983),
        M("Watchmen (3 of 12).cbr", "Watchmen", vol: 3, form: .issue),
        M("X Issue 7.cbz", "X", vol: 7, form: .issue),
        M("Series Vol-2 (Ch 09-17).cbz", "Series", vol: 2, form: .volumeWord, chRange: 9...17),
        M("Series (Ch 12-20) (Ongoing).cbz", "Series", chRange: 12...20),
        M("Series [c050-055].cbz", "Series", chRange: 50...55),
        M("Blade of the Immortal v11 c090-098.zip", "Blade of the Immortal", vol: 11, form: .vPrefix, chRange: 90...98),
        M("Series Vol. 0003.cbz", "Series", vol: 3, form: .volumeWord),
        M("Series v03 Mission 15.cbz", "Series", vol: 3, form: .vPrefix, ch: 15),
        M("Mission 15.epub", "Mission 15", trailing: 15),
        M("Astérix T1 à T3.cbz", "Astérix", range: 1...3, form: .foreignWord),
        M("Astérix T3.cbz", "Astérix", vol: 3, form: .foreignWord),
        M("Series เล่ม 3.epub", "Series", vol: 3, form: .foreignWord),
        M("斗破苍穹 卷2.epub", "斗破苍穹", vol: 2, form: .cjkMarker),
        M("Doraemon Tập 5.cbz", "Doraemon", vol: 5, form: .foreignWord),
        M("Collected Stories - 1951 - Stories.epub", "Collected Stories - 1951 - Stories", year: 1951),
        M("The.Left.Hand.of.Darkness.1969.epub", "The Left Hand of Darkness 1969", year: 1969),
        M("Blade.Runner.2049.epub", "Blade Runner 2049", trailing: 2049),
    ]

}
