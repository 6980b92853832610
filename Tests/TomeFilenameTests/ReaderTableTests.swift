import Testing
@testable import TomeFilename

/// One filename and what a careful reader of it would say.
///
/// Expectations are written from the naming conventions, not from the
/// reader's output. `title` is the remaining title text (segments joined by
/// ` - `); a bare number that no marker claims stays in it (`Berserk 02`).
/// `Author - Title` and `Title - Author` yield both parts as author candidates
/// when they look like names, and they stay in the title.
struct ReaderRow: Sendable, CustomTestStringConvertible {
    var name: String
    var title: String
    var volume: Double?
    var range: ClosedRange<Double>?
    var chapter: Double?
    var chapterRange: ClosedRange<Double>?
    /// Expected candidate names; nil: not checked.
    var authors: Set<String>?
    var year: Int?
    /// `.none`: not checked; `.some(nil)`: no known extension.
    var ext: String??
    /// Expected noise tags (order-insensitive); nil: not checked.
    var noise: [String]?
    /// `.none`: not checked.
    var series: String??
    var dirs: [String]?
    var truncated: Bool
    /// Only the start of the title is checked (truncated names).
    var titlePrefix: Bool

    init(_ name: String, _ title: String, vol: Double? = nil, range: ClosedRange<Double>? = nil,
         ch: Double? = nil, chRange: ClosedRange<Double>? = nil, authors: Set<String>? = [],
         year: Int? = nil, ext: String?? = .none, noise: [String]? = nil, series: String?? = .none,
         dirs: [String]? = nil, truncated: Bool = false, titlePrefix: Bool = false) {
        self.name = name
        self.title = title
        self.volume = vol
        self.range = range
        self.chapter = ch
        self.chapterRange = chRange
        self.authors = authors
        self.year = year
        self.ext = ext
        self.noise = noise
        self.series = series
        self.dirs = dirs
        self.truncated = truncated
        self.titlePrefix = titlePrefix
    }

    var testDescription: String { name.debugDescription }
}

@Suite("Reader table")
struct ReaderTableTests {
    typealias R = ReaderRow

    /// The first `bytes` UTF-8 bytes of `text`, as a device that cuts names
    /// would leave them (a cut multi-byte character decodes to U+FFFD).
    static func cut(_ text: String, _ bytes: Int) -> String {
        String(decoding: Array(text.utf8).prefix(bytes), as: UTF8.self)
    }

    static let longTitle = "The Quite Remarkably Long Title Of A Light Novel Where The Protagonist Is Reincarnated As A Vending Machine And Wanders The Dungeon Alone Until He Meets A Girl Who Understands Vending Machines And Together They Found A Kingdom Of Refreshing Beverages For Everyone Who Is Thirsty"
    static let longCompanion = "Harry Potter and the Very Long Unofficial Fan Companion to Everything That Happened at Hogwarts School of Witchcraft and Wizardry Between the Years Nineteen Ninety One and Nineteen Ninety Eight With Annotations In Full Colour"
    static let longJapanese = "ダンジョンに出会いを求めるのは間違っているだろうか 第3巻 " + String(repeating: "とても長い副題が続いていく物語", count: 6)

    static let rows: [ReaderRow] = manga + comics + lightNovels + prose + series + cjk + otherScripts + extensions + paths + separators + truncation

    // MARK: Manga

    static let manga: [R] = [
        R("[Group] Berserk v02 (2003) (Digital).cbz", "Berserk", vol: 2, year: 2003, ext: "cbz", noise: ["[Group]", "(Digital)"], series: "Berserk"),
        R("Berserk Vol. 12.cbz", "Berserk", vol: 12, series: "Berserk"),
        R("Vagabond Vol 12.cbz", "Vagabond", vol: 12),
        R("vinland saga vol.12.cbz", "vinland saga", vol: 12),
        R("Monster Volume 12.cbz", "Monster", vol: 12),
        R("Gantz v12.cbz", "Gantz", vol: 12),
        R("One Piece v012.cbz", "One Piece", vol: 12),
        R("Bleach V12.cbz", "Bleach", vol: 12),
        R("Claymore vol12.cbz", "Claymore", vol: 12),
        R("Haikyu!! Vol. 10.5.cbz", "Haikyu!!", vol: 10.5),
        R("Berserk v16-17.cbz", "Berserk", range: 16...17),
        R("Fullmetal Alchemist Vol. 1-3.cbz", "Fullmetal Alchemist", range: 1...3),
        R("Gintama v01-v03.cbz", "Gintama", range: 1...3),
        R("Naruto 1-3.cbz", "Naruto", range: 1...3),
        R("Bleach v01~03.cbz", "Bleach", range: 1...3),
        R("Dragon Ball Vols. 1-3 (Digital).cbz", "Dragon Ball", range: 1...3, noise: ["(Digital)"]),
        R("Berserk v02 c010.cbz", "Berserk", vol: 2, ch: 10),
        R("Vinland Saga v03 c020 (2019) [Group].cbz", "Vinland Saga", vol: 3, ch: 20, year: 2019, noise: ["[Group]"]),
        R("One Piece Chapter 1000.cbz", "One Piece", ch: 1000),
        R("Kingdom Ch. 12.cbz", "Kingdom", ch: 12),
        R("jujutsu kaisen ch12.cbz", "jujutsu kaisen", ch: 12),
        R("[Scans] Chainsaw Man c001-008.cbz", "Chainsaw Man", chRange: 1...8, noise: ["[Scans]"]),
        R("Tower of God - Episode 3.cbz", "Tower of God", ch: 3),
        R("Kingdom c700.cbz", "Kingdom", ch: 700),
        R("Berserk v01 - The Black Swordsman.cbz", "Berserk - The Black Swordsman", vol: 1, authors: ["Berserk", "The Black Swordsman"], series: "Berserk"),
        R("Akira v01 {r2} [English].cbz", "Akira", vol: 1, noise: ["{r2}", "[English]"]),
        R("Chainsaw Man v11 (2023) (Digital) (1r0n).cbz", "Chainsaw Man", vol: 11, year: 2023, noise: ["(Digital)", "(1r0n)"]),
        R("One-Punch Man v25 (2022) (Digital) (LuCaZ).cbz", "One-Punch Man", vol: 25, year: 2022, noise: ["(Digital)", "(LuCaZ)"]),
        R("Berserk v01 (2003) (Digital) (danke-Empire).cbz", "Berserk", vol: 1, year: 2003, noise: ["(Digital)", "(danke-Empire)"]),
        R("Dr. Stone v01.cbz", "Dr. Stone", vol: 1),
        R("Mob Psycho 100 v01.cbz", "Mob Psycho 100", vol: 1),
        R("20th Century Boys v01.cbz", "20th Century Boys", vol: 1),
        R("Kaiju No. 8 v01.cbz", "Kaiju No. 8", vol: 1),
        R("No. 6 v01.cbz", "No. 6", vol: 1),
        R("Ranma 1_2 v01.cbz", "Ranma 1_2", vol: 1),
        R("Tokyo Ghoul_re v01.cbz", "Tokyo Ghoul_re", vol: 1),
        R("Yotsuba&! v15.cbz", "Yotsuba&!", vol: 15),
        R("Berserk (Vol. 12).cbz", "Berserk", vol: 12, noise: []),
        R("Berserk - c001-008 (v01) [Group].cbz", "Berserk", vol: 1, chRange: 1...8, noise: ["[Group]"]),
        R("[Group] Berserk - Chapter 12 [English].cbz", "Berserk", ch: 12, noise: ["[Group]", "[English]"]),
        R("Berserk v01 by Kentaro Miura.cbz", "Berserk", vol: 1, authors: ["Kentaro Miura"]),
        R("Berserk 02.cbz", "Berserk 02"),
        R("Oshi no Ko v01.cbz", "Oshi no Ko", vol: 1),
        R("Boku no Hero Academia v01.cbz", "Boku no Hero Academia", vol: 1),
        R("Spider-Man 2099 v01.cbz", "Spider-Man 2099", vol: 1),
        R("Gantz v37 (2013).cbz", "Gantz", vol: 37, year: 2013),
        R("Berserk 1997-1998.cbz", "Berserk 1997-1998"),
    ]

    // MARK: Comics

    static let comics: [R] = [
        R("Batman #003 (2016) (Digital) (Zone-Empire).cbr", "Batman", vol: 3, year: 2016, ext: "cbr", noise: ["(Digital)", "(Zone-Empire)"]),
        R("Saga #3.cbz", "Saga", vol: 3),
        R("Batman No. 3.cbr", "Batman", vol: 3),
        R("Saga 001 (2012) (Digital) (Zone-Empire).cbr", "Saga 001", year: 2012, noise: ["(Digital)", "(Zone-Empire)"]),
        R("Watchmen 01 (of 12) (1986).cbr", "Watchmen", vol: 1, year: 1986, noise: ["(of 12)"]),
        R("Amazing Spider-Man 300 c2c.cbr", "Amazing Spider-Man 300", noise: ["c2c"]),
        R("Sandman 001 (F).cbr", "Sandman 001", noise: ["(F)"]),
        R("The Amazing Spider-Man #300 (1988).cbr", "The Amazing Spider-Man", vol: 300, year: 1988),
        R("Spider-Man Vol. 1 (2016).cbz", "Spider-Man", vol: 1, year: 2016),
        R("X-Men - Days of Future Past.cbz", "X-Men - Days of Future Past", authors: ["X-Men", "Days of Future Past"]),
        R("Fantastic Four #1 (1961) (c2c).cbr", "Fantastic Four", vol: 1, year: 1961, noise: ["(c2c)"]),
        R("Batman - The Long Halloween #01 (1996).cbr", "Batman - The Long Halloween", vol: 1, authors: ["Batman", "The Long Halloween"], year: 1996),
        R("Spider-Man 2099 #1 (1992).cbr", "Spider-Man 2099", vol: 1, year: 1992),
        R("Saga v01 (2012) (Digital) (F) (Zone-Empire).cbz", "Saga", vol: 1, year: 2012, noise: ["(Digital)", "(F)", "(Zone-Empire)"]),
        R("Hellboy Vol. 10.5.cbz", "Hellboy", vol: 10.5),
        R("Astérix Tome 2 - La Serpe d'or.cbz", "Astérix - La Serpe d'or", vol: 2, authors: ["Astérix", "La Serpe d'or"]),
        R("Dragon Ball Tomo 5.cbr", "Dragon Ball", vol: 5),
        R("Asterix Bd. 4.cbz", "Asterix", vol: 4),
        R("Tintin Tome 12 (1945).cbz", "Tintin", vol: 12, year: 1945),
        R("Y_ The Last Man v01 (2003).cbz", "Y_ The Last Man", vol: 1, year: 2003),
        R("Batman_ Year One (1987).cbr", "Batman_ Year One", year: 1987),
        R("Amazing Fantasy #15 (1962) c2c.cbr", "Amazing Fantasy", vol: 15, year: 1962, noise: ["c2c"]),
        R("Invincible v01 (2003) (Digital) (Empire).cbz", "Invincible", vol: 1, year: 2003, noise: ["(Digital)", "(Empire)"]),
        R("The Walking Dead 193 (2019) (Digital) (Zone-Empire).cbr", "The Walking Dead 193", year: 2019, noise: ["(Digital)", "(Zone-Empire)"]),
        R("Spider-Man - Blue.cbz", "Spider-Man - Blue", authors: ["Spider-Man", "Blue"]),
    ]

    // MARK: Light novels

    static let lightNovels: [R] = [
        R("Sword Art Online Vol. 1 - Aincrad.epub", "Sword Art Online - Aincrad", vol: 1, authors: ["Sword Art Online", "Aincrad"]),
        R("Spice and Wolf, Vol. 1.epub", "Spice and Wolf", vol: 1, series: "Spice and Wolf"),
        R("Overlord Volume 3 - The Bloody Valkyrie.epub", "Overlord - The Bloody Valkyrie", vol: 3, authors: ["Overlord", "The Bloody Valkyrie"]),
        R("That Time I Got Reincarnated as a Slime, Vol. 5 (light novel).epub", "That Time I Got Reincarnated as a Slime", vol: 5, noise: ["(light novel)"]),
        R("Ascendance of a Bookworm_ Part 1 Volume 1.epub", "Ascendance of a Bookworm_ Part 1", vol: 1),
        R("Mushoku Tensei_ Jobless Reincarnation Vol. 10.5.epub", "Mushoku Tensei_ Jobless Reincarnation", vol: 10.5),
        R("Classroom of the Elite Year 2 Vol. 4.epub", "Classroom of the Elite Year 2", vol: 4),
        R("86 EIGHTY-SIX, Vol. 1.epub", "86 EIGHTY-SIX", vol: 1),
        R("Re_Zero - Starting Life in Another World, Vol. 1.epub", "Re_Zero - Starting Life in Another World", vol: 1, authors: ["Re_Zero", "Starting Life in Another World"]),
        R("Steins_Gate - Vol. 2.epub", "Steins_Gate", vol: 2),
        R("Spice and Wolf - 2.5 - Side Colors.epub", "Spice and Wolf - Side Colors", vol: 2.5, authors: ["Spice and Wolf", "Side Colors"], series: "Spice and Wolf"),
        R("【小説】ソードアート・オンライン 第1巻.epub", "ソードアート・オンライン", vol: 1, noise: ["【小説】"]),
        R("Toradora! Vol. 2.epub", "Toradora!", vol: 2),
        R("Kino's Journey Vol. 1.epub", "Kino's Journey", vol: 1),
        R("Konosuba_ God's Blessing on This Wonderful World!, Vol. 1.epub", "Konosuba_ God's Blessing on This Wonderful World!", vol: 1),
        R("Is It Wrong to Try to Pick Up Girls in a Dungeon_, Vol. 1.epub", "Is It Wrong to Try to Pick Up Girls in a Dungeon", vol: 1),
        R("Sword Art Online Progressive v2.5.epub", "Sword Art Online Progressive", vol: 2.5),
    ]

    // MARK: Prose

    static let prose: [R] = [
        R("The Hunger Games - Suzanne Collins.epub", "The Hunger Games - Suzanne Collins", authors: ["The Hunger Games", "Suzanne Collins"], ext: "epub"),
        R("Suzanne Collins - The Hunger Games.epub", "Suzanne Collins - The Hunger Games", authors: ["Suzanne Collins", "The Hunger Games"]),
        R("Dune - Frank Herbert.epub", "Dune - Frank Herbert", authors: ["Dune", "Frank Herbert"]),
        R("Dune - Herbert, Frank.epub", "Dune - Herbert, Frank", authors: ["Dune", "Herbert, Frank"]),
        R("Ursula K. Le Guin - A Wizard of Earthsea.epub", "Ursula K. Le Guin - A Wizard of Earthsea", authors: ["Ursula K. Le Guin", "A Wizard of Earthsea"]),
        R("The Curious Incident of the Dog in the Night-Time - Mark Haddon.epub", "The Curious Incident of the Dog in the Night-Time - Mark Haddon", authors: ["Mark Haddon"]),
        R("Harry Potter and the Philosopher's Stone - J. K. Rowling.epub", "Harry Potter and the Philosopher's Stone - J. K. Rowling", authors: ["Harry Potter and the Philosopher's Stone", "J. K. Rowling"]),
        R("Good Omens - Terry Pratchett & Neil Gaiman.epub", "Good Omens - Terry Pratchett & Neil Gaiman", authors: ["Good Omens", "Terry Pratchett & Neil Gaiman"]),
        R("Catch-22 - Joseph Heller.epub", "Catch-22 - Joseph Heller", authors: ["Joseph Heller"]),
        R("Fahrenheit 451 - Ray Bradbury.epub", "Fahrenheit 451 - Ray Bradbury", authors: ["Ray Bradbury"]),
        R("1984.epub", "1984", ext: "epub"),
        R("Blade Runner 2049.epub", "Blade Runner 2049"),
        R("2001 A Space Odyssey.epub", "2001 A Space Odyssey"),
        R("Fahrenheit 451.epub", "Fahrenheit 451"),
        R("Catch-22.epub", "Catch-22"),
        R("Slaughterhouse-Five.epub", "Slaughterhouse-Five"),
        R("Apollo 13.epub", "Apollo 13"),
        R("The 39 Steps.epub", "The 39 Steps"),
        R("Around the World in 80 Days.epub", "Around the World in 80 Days"),
        R("20,000 Leagues Under the Sea.epub", "20,000 Leagues Under the Sea"),
        R("11_22_63 - Stephen King.epub", "11_22_63 - Stephen King", authors: ["Stephen King"]),
        R("1984 (1949) - George Orwell.epub", "1984 - George Orwell", authors: ["George Orwell"], year: 1949),
        R("The No. 1 Ladies' Detective Agency.epub", "The No. 1 Ladies' Detective Agency"),
        R("Dr. No.epub", "Dr. No", ext: "epub"),
        R("Stand by Me.epub", "Stand by Me"),
        R("The Hobbit by J. R. R. Tolkien.epub", "The Hobbit", authors: ["J. R. R. Tolkien"]),
        R("Dune by Frank Herbert.epub", "Dune", authors: ["Frank Herbert"]),
        R("The Left Hand of Darkness by Ursula K. Le Guin.epub", "The Left Hand of Darkness", authors: ["Ursula K. Le Guin"]),
        R("The Road by Cormac McCarthy (2006).epub", "The Road", authors: ["Cormac McCarthy"], year: 2006),
        R("Dune (Frank Herbert).epub", "Dune", authors: ["Frank Herbert"]),
        R("The Hobbit (J. R. R. Tolkien).epub", "The Hobbit", authors: ["J. R. R. Tolkien"]),
        R("Neuromancer (William Gibson) (1984).epub", "Neuromancer", authors: ["William Gibson"], year: 1984),
        R("Under the Dome (A Novel).epub", "Under the Dome", noise: ["(A Novel)"]),
        R("The Hobbit (Illustrated Edition).epub", "The Hobbit", noise: ["(Illustrated Edition)"]),
        R("Dune (1965).epub", "Dune", year: 1965, noise: []),
        R("Neuromancer [1984].epub", "Neuromancer", year: 1984),
        R("Dune (1965) - Frank Herbert.epub", "Dune - Frank Herbert", authors: ["Dune", "Frank Herbert"], year: 1965),
        R("Berserk v01 (1990) (2003).cbz", "Berserk", vol: 1, year: 1990, noise: ["(2003)"]),
        R("The Name of the Wind (2007-03).epub", "The Name of the Wind", year: 2007),
        R("Leviathan Wakes [2011.06.15].epub", "Leviathan Wakes", year: 2011),
        R("Nineteen Eighty-Four.epub", "Nineteen Eighty-Four"),
        R("The Hitchhiker's Guide to the Galaxy.epub", "The Hitchhiker's Guide to the Galaxy"),
        R("Mr. Mercedes - Stephen King.epub", "Mr. Mercedes - Stephen King", authors: ["Mr. Mercedes", "Stephen King"]),
        R("Sapiens_ A Brief History of Humankind - Yuval Noah Harari.epub", "Sapiens_ A Brief History of Humankind - Yuval Noah Harari", authors: ["Sapiens_ A Brief History of Humankind", "Yuval Noah Harari"]),
        R("Who Moved My Cheese_.epub", "Who Moved My Cheese"),
        R("Star Wars_ Thrawn.epub", "Star Wars_ Thrawn"),
        R("Band of Brothers.epub", "Band of Brothers"),
        R("Die unendliche Geschichte - Michael Ende.epub", "Die unendliche Geschichte - Michael Ende", authors: ["Die unendliche Geschichte", "Michael Ende"]),
        R("Perry Rhodan Band 4.epub", "Perry Rhodan", vol: 4),
        R("Don Quijote Tomo 2.epub", "Don Quijote", vol: 2),
    ]

    // MARK: Series conventions (Calibre, OPDS, series browser, flat, Amazon)

    static let series: [R] = [
        R("The Way of Kings (The Stormlight Archive #1) - Brandon Sanderson.epub", "The Way of Kings - Brandon Sanderson", vol: 1, authors: ["The Way of Kings", "Brandon Sanderson"], series: "The Stormlight Archive"),
        R("The Fellowship of the Ring (The Lord of the Rings, Book 1) - J. R. R. Tolkien.azw3", "The Fellowship of the Ring - J. R. R. Tolkien", vol: 1, authors: ["The Fellowship of the Ring", "J. R. R. Tolkien"], ext: "azw3", series: "The Lord of the Rings"),
        R("Brandon Sanderson - Mistborn.epub", "Brandon Sanderson - Mistborn", authors: ["Brandon Sanderson", "Mistborn"]),
        R("Brandon Sanderson - Vol. 1 — The Way of Kings.epub", "Brandon Sanderson - The Way of Kings", vol: 1, authors: ["Brandon Sanderson", "The Way of Kings"]),
        R("Terry Pratchett - Vol. 3 — Equal Rites.epub", "Terry Pratchett - Equal Rites", vol: 3, authors: ["Terry Pratchett", "Equal Rites"]),
        R("Isuna Hasekura - Vol. 2 — Spice and Wolf.epub", "Isuna Hasekura - Spice and Wolf", vol: 2, authors: ["Isuna Hasekura", "Spice and Wolf"]),
        R("Reki Kawahara - Vol. 10.5 — Sword Art Online.epub", "Reki Kawahara - Sword Art Online", vol: 10.5, authors: ["Reki Kawahara", "Sword Art Online"]),
        R("Vol. 3 — The Dragon Reborn.epub", "The Dragon Reborn", vol: 3, series: .some(nil)),
        R("Vol. 1 — Aincrad.epub", "Aincrad", vol: 1),
        R("Vol. 10.5 — Side Stories.epub", "Side Stories", vol: 10.5),
        R("Volume 2 — The Two Towers.epub", "The Two Towers", vol: 2),
        R("Discworld - 03 - Equal Rites.epub", "Discworld - Equal Rites", vol: 3, authors: ["Discworld", "Equal Rites"], series: "Discworld"),
        R("The Expanse - 01 - Leviathan Wakes.epub", "The Expanse - Leviathan Wakes", vol: 1, authors: ["The Expanse", "Leviathan Wakes"], series: "The Expanse"),
        R("03 - Equal Rites.epub", "Equal Rites", vol: 3),
        R("Wheel of Time - 1 - The Eye of the World.epub", "Wheel of Time - The Eye of the World", vol: 1, authors: ["Wheel of Time", "The Eye of the World"], series: "Wheel of Time"),
        R("Discworld - 41 - The Shepherd's Crown - Terry Pratchett.epub", "Discworld - The Shepherd's Crown - Terry Pratchett", vol: 41, authors: ["Discworld", "Terry Pratchett"], series: "Discworld"),
        R("The Witcher - 0.5 - The Last Wish.epub", "The Witcher - The Last Wish", vol: 0.5, authors: ["The Witcher", "The Last Wish"]),
        R("The Dragon Reborn (The Wheel of Time Book 3).epub", "The Dragon Reborn", vol: 3, series: "The Wheel of Time"),
        R("Catching Fire (The Hunger Games, Book 2).epub", "Catching Fire", vol: 2, series: "The Hunger Games"),
        R("Dead Until Dark (Sookie Stackhouse #1).epub", "Dead Until Dark", vol: 1, series: "Sookie Stackhouse"),
        R("A Game of Thrones (A Song of Ice and Fire Book 1).epub", "A Game of Thrones", vol: 1, series: "A Song of Ice and Fire"),
        R("Assassin's Apprentice (Farseer Trilogy #1).mobi", "Assassin's Apprentice", vol: 1, ext: "mobi", series: "Farseer Trilogy"),
        R("The Lies of Locke Lamora (Gentleman Bastard Book 1).kepub.epub", "The Lies of Locke Lamora", vol: 1, ext: "kepub.epub", series: "Gentleman Bastard"),
        R("Catching Fire (The Hunger Games, Book 2) - Suzanne Collins.epub", "Catching Fire - Suzanne Collins", vol: 2, authors: ["Catching Fire", "Suzanne Collins"], series: "The Hunger Games"),
        R("Words of Radiance (The Stormlight Archive, Book 2).epub", "Words of Radiance", vol: 2, series: "The Stormlight Archive"),
        R("Mistborn Book 3 - The Hero of Ages.epub", "Mistborn - The Hero of Ages", vol: 3, authors: ["Mistborn", "The Hero of Ages"], series: "Mistborn"),
        R("Discworld Bk. 3 Equal Rites.epub", "Discworld - Equal Rites", vol: 3),
        R("The Wheel of Time Book 3 - The Dragon Reborn.epub", "The Wheel of Time - The Dragon Reborn", vol: 3, authors: ["The Wheel of Time", "The Dragon Reborn"]),
        R("Berserk - Volume 12 - The Trap.cbz", "Berserk - The Trap", vol: 12, authors: ["Berserk", "The Trap"]),
    ]

    // MARK: Chinese, Japanese, Korean, full-width

    static let cjk: [R] = [
        R("進撃の巨人 第3巻.zip", "進撃の巨人", vol: 3, ext: "zip"),
        R("進撃の巨人第3巻.zip", "進撃の巨人", vol: 3),
        R("斗罗大陆 第03卷.epub", "斗罗大陆", vol: 3),
        R("三体 第1册.epub", "三体", vol: 1),
        R("ワンピース 1巻.cbz", "ワンピース", vol: 1),
        R("전지적 독자 시점 7.5권.epub", "전지적 독자 시점", vol: 7.5),
        R("鬥羅大陸 第1冊.epub", "鬥羅大陸", vol: 1),
        R("鋼の錬金術師 第10話.cbz", "鋼の錬金術師", ch: 10),
        R("斗破苍穹 第100话.txt", "斗破苍穹", ch: 100, ext: "txt"),
        R("나 혼자만 레벨업 13화.cbz", "나 혼자만 레벨업", ch: 13),
        R("나 혼자만 레벨업 1권.epub", "나 혼자만 레벨업", vol: 1),
        R("鬼滅の刃 1-23巻.zip", "鬼滅の刃", range: 1...23),
        R("ドラゴンボール 第1-3巻.zip", "ドラゴンボール", range: 1...3),
        R("刘慈欣 - 三体.epub", "刘慈欣 - 三体", authors: ["刘慈欣", "三体"]),
        R("涼宮ハルヒの憂鬱.epub", "涼宮ハルヒの憂鬱"),
        R("进击的巨人.pdf", "进击的巨人", ext: "pdf"),
        R("進撃の巨人（１）.zip", "進撃の巨人", vol: 1),
        R("ＮＡＲＵＴＯ　第１巻.cbz", "ＮＡＲＵＴＯ", vol: 1),
        R("ＯＮＥ　ＰＩＥＣＥ　第１０２巻.zip", "ＯＮＥ　ＰＩＥＣＥ", vol: 102),
        R("【Group】ＮＡＲＵＴＯ　第１巻（２００３）.zip", "ＮＡＲＵＴＯ", vol: 1, year: 2003, noise: ["【Group】"]),
        R("ＢＬＥＡＣＨ　Ｖｏｌ．５.cbz", "ＢＬＥＡＣＨ", vol: 5),
        R("나 혼자만 레벨업 - 추공.epub", "나 혼자만 레벨업 - 추공", authors: ["나 혼자만 레벨업", "추공"]),
        R("ダンジョン飯 第7巻 (2019).cbz", "ダンジョン飯", vol: 7, year: 2019),
        R("[Group] 僕のヒーローアカデミア 第05巻 [Digital].zip", "僕のヒーローアカデミア", vol: 5, noise: ["[Group]", "[Digital]"]),
    ]

    // MARK: Cyrillic, Arabic

    static let otherScripts: [R] = [
        R("Лев Толстой - Война и мир.fb2", "Лев Толстой - Война и мир", authors: ["Лев Толстой", "Война и мир"], ext: "fb2"),
        R("Мастер и Маргарита - Михаил Булгаков.fb2.zip", "Мастер и Маргарита - Михаил Булгаков", authors: ["Мастер и Маргарита", "Михаил Булгаков"], ext: "fb2.zip"),
        R("Война и мир. Том 1.fb2", "Война и мир", vol: 1),
        R("Берсерк Том 3.cbz", "Берсерк", vol: 3),
        R("Ведьмак Глава 3.txt", "Ведьмак", ch: 3),
        R("Преступление и наказание.djvu", "Преступление и наказание", ext: "djvu"),
        R("ألف ليلة وليلة.epub", "ألف ليلة وليلة"),
        R("نجيب محفوظ - الثلاثية.epub", "نجيب محفوظ - الثلاثية", authors: ["نجيب محفوظ", "الثلاثية"]),
        R("ألف ليلة وليلة Vol. 2.pdf", "ألف ليلة وليلة", vol: 2, ext: "pdf"),
    ]

    // MARK: Extensions

    static let extensions: [R] = [
        R("Project Hail Mary.azw3", "Project Hail Mary", ext: "azw3"),
        R("The Name of the Wind.kepub.epub", "The Name of the Wind", ext: "kepub.epub"),
        R("Mistborn.mobi", "Mistborn", ext: "mobi"),
        R("Snow Crash.pdf", "Snow Crash", ext: "pdf"),
        R("Neuromancer.EPUB", "Neuromancer", ext: "epub"),
        R("Akira v01.cb7", "Akira", vol: 1, ext: "cb7"),
        R("War and Peace.txt", "War and Peace", ext: "txt"),
        R("The Martian.backup", "The Martian.backup", ext: .some(nil)),
        R("Project Hail Mary.epub.part", "Project Hail Mary.epub.part", ext: .some(nil)),
        R("Dune.docx", "Dune", ext: "docx"),
        R("Foundation.azw", "Foundation", ext: "azw"),
        R("Hyperion.prc", "Hyperion", ext: "prc"),
        R("Pride and Prejudice.epub.zip", "Pride and Prejudice", ext: "epub.zip"),
        R("Anathem.fb2", "Anathem", ext: "fb2"),
        R("The Three-Body Problem.rtf", "The Three-Body Problem", ext: "rtf"),
        R("Some Book.xyz", "Some Book.xyz", ext: .some(nil)),
        R("Dr. No", "Dr. No", ext: .some(nil)),
        R("Berserk v01.CBZ", "Berserk", vol: 1, ext: "cbz"),
    ]

    // MARK: Paths

    static let paths: [R] = [
        R("Manga/Berserk/Berserk v02.cbz", "Berserk", vol: 2, ext: "cbz", dirs: ["Manga", "Berserk"]),
        R("C:\\Books\\Tolkien\\The Hobbit.epub", "The Hobbit", ext: "epub", dirs: ["C:", "Books", "Tolkien"]),
        R("/mnt/onboard/Kobo/Brandon Sanderson - Mistborn.kepub.epub", "Brandon Sanderson - Mistborn", authors: ["Brandon Sanderson", "Mistborn"], ext: "kepub.epub", dirs: ["mnt", "onboard", "Kobo"]),
        R("Comics\\Saga\\Saga #001 (2012).cbr", "Saga", vol: 1, year: 2012, dirs: ["Comics", "Saga"]),
        R("./Light Novels/Overlord Vol. 3.epub", "Overlord", vol: 3, dirs: ["Light Novels"]),
        R("Manga/進撃の巨人/進撃の巨人 第3巻.zip", "進撃の巨人", vol: 3, dirs: ["Manga", "進撃の巨人"]),
        R("Library/Terry Pratchett/Discworld - 03 - Equal Rites.epub", "Discworld - Equal Rites", vol: 3, authors: ["Discworld", "Equal Rites"], dirs: ["Library", "Terry Pratchett"]),
    ]

    // MARK: Underscores, dots, dashes inside words

    static let separators: [R] = [
        R("the_name_of_the_wind.epub", "the name of the wind"),
        R("patrick_rothfuss_-_the_name_of_the_wind.epub", "patrick rothfuss - the name of the wind", authors: ["patrick_rothfuss", "the_name_of_the_wind"]),
        R("the_hunger_games_-_suzanne_collins.epub", "the hunger games - suzanne collins", authors: ["the_hunger_games", "suzanne_collins"]),
        R("one_piece_v01_c001.cbz", "one piece", vol: 1, ch: 1),
        R("berserk_v02_(2003)_(digital).cbz", "berserk", vol: 2, year: 2003, noise: ["(digital)"]),
        R("Attack.on.Titan.v01.cbz", "Attack on Titan", vol: 1),
        R("Berserk.Vol.12.cbz", "Berserk", vol: 12),
        R("One.Piece.v01.c001.cbz", "One Piece", vol: 1, ch: 1),
        R("Mistborn.The.Final.Empire.epub", "Mistborn The Final Empire"),
        R("The.Hunger.Games.Suzanne.Collins.epub", "The Hunger Games Suzanne Collins"),
        R("Spider-Man_ Into the Spider-Verse.cbz", "Spider-Man_ Into the Spider-Verse"),
        R("Ant-Man and the Wasp v01.cbz", "Ant-Man and the Wasp", vol: 1),
    ]

    // MARK: Long and truncated names

    static let truncation: [R] = [
        R(cut(longTitle, 235) + ".epub", "The Quite Remarkably Long Title Of A Light Novel Where", ext: "epub", truncated: true, titlePrefix: true),
        R(cut(longTitle, 238), "The Quite Remarkably Long Title Of A Light Novel Where", ext: .some(nil), truncated: true, titlePrefix: true),
        R(cut("Tensei Shitara Slime Datta Ken Vol. 3 - " + longTitle, 240), "Tensei Shitara Slime Datta Ken - The Quite Remarkably Long", vol: 3, authors: ["Tensei Shitara Slime Datta Ken"], truncated: true, titlePrefix: true),
        R(cut(longJapanese, 239), "ダンジョンに出会いを求めるのは間違っているだろうか - とても長い副題", vol: 3, truncated: true, titlePrefix: true),
        R(cut(longCompanion + " - Brandon Sanderson.epub", 240), "Harry Potter and the Very Long Unofficial Fan Companion", authors: nil, ext: .some(nil), truncated: true, titlePrefix: true),
        R(String(longTitle.prefix(183)) + ".epub", String(longTitle.prefix(183)), ext: "epub"),
    ]

    @Test(arguments: rows)
    func reads(_ row: ReaderRow) {
        let e = FilenameReader().read(row.name)
        if row.titlePrefix {
            #expect(e.title.hasPrefix(row.title), "title \(e.title.debugDescription)")
        } else {
            #expect(e.title == row.title)
        }
        #expect(e.volume == row.volume)
        #expect(e.volumeRange == row.range)
        #expect(e.chapter == row.chapter)
        #expect(e.chapterRange == row.chapterRange)
        if let authors = row.authors {
            #expect(Set(e.authors.map(\.name)) == authors)
        }
        #expect(e.year == row.year)
        #expect(e.truncated == row.truncated)
        if case .some(let ext) = row.ext { #expect(e.fileExtension == ext) }
        if let noise = row.noise { #expect(e.noise.sorted() == noise.sorted()) }
        if case .some(let series) = row.series { #expect(e.seriesHint == series) }
        if let dirs = row.dirs { #expect(e.directories == dirs) }
    }

    @Test func tableIsLargeAndDistinct() {
        #expect(Self.rows.count >= 170)
        #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
    }
}
