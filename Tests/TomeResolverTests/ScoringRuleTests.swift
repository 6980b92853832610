import Testing
import TomeCatalog
import TomeFilename
import TomeNormalization
@testable import TomeResolver

// Table tests of each scoring rule, with books built by hand (no SQLite):
// a filename is read, scored against one `CandidateRecord`, and every part
// of the score (rule, points, detail) is compared.

/// Hand-built books; tokens as the catalog normalizes them.
private enum Shelf {
    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    static let hungerGames = CandidateRecord(
        id: 1, title: "The Hunger Games", authors: ["Suzanne Collins"],
        titleTokens: words("the hunger games"), authorTokens: [["suzanne", "collins"]])
    static let catchingFire = CandidateRecord(
        id: 2, title: "Catching Fire", authors: ["Suzanne Collins"], series: "The Hunger Games", seriesIndex: 2,
        titleTokens: words("catching fire"), seriesTokens: words("the hunger games"), authorTokens: [["suzanne", "collins"]])
    static let bleach1 = CandidateRecord(
        id: 3, title: "Bleach, Volume 01", bookType: .manga, titleTokens: words("bleach volume 01"),
        coreTokens: ["bleach"], coreVolume: 1)
    static let karamazov = CandidateRecord(
        id: 4, title: "Братья Карамазовы", titleTokens: words("братья карамазовы"), latinTokens: words("bratya karamazovy"),
        altTitles: [.init(tokens: words("the brothers karamazov"), isLatin: false)])
    static let chamber = CandidateRecord(
        id: 5, title: "Harry Potter and the Chamber of Secrets", authors: ["J.K. Rowling"],
        titleTokens: words("harry potter and the chamber of secrets"), authorTokens: [["jk", "rowling"]])
    /// The same book, its author's initials stored apart.
    static let chamberSpaced = CandidateRecord(
        id: 5, title: "Harry Potter and the Chamber of Secrets", authors: ["J. K. Rowling"],
        titleTokens: words("harry potter and the chamber of secrets"), authorTokens: [["j", "k", "rowling"]])
    static let berserk3 = CandidateRecord(
        id: 6, title: "Berserk, Vol. 3", authors: ["Kentaro Miura"], series: "Berserk", seriesIndex: 3, bookType: .manga,
        titleTokens: words("berserk vol 3"), coreTokens: ["berserk"], coreVolume: 3, seriesTokens: ["berserk"],
        authorTokens: [["kentaro", "miura"]])
    /// A volume whose title does not name its series.
    static let swordsman = CandidateRecord(
        id: 7, title: "The Black Swordsman", series: "Berserk", seriesIndex: 3,
        titleTokens: words("the black swordsman"), seriesTokens: ["berserk"])
    static let it = CandidateRecord(id: 8, title: "It", authors: ["Stephen King"], titleTokens: ["it"], authorTokens: [["stephen", "king"]])
    static let dune = CandidateRecord(
        id: 10, title: "Dune", authors: ["Frank Herbert"], series: "Dune", seriesIndex: 1, year: 1965,
        titleTokens: ["dune"], seriesTokens: ["dune"], authorTokens: [["frank", "herbert"]])
    static let messiah = CandidateRecord(
        id: 11, title: "Dune Messiah", authors: ["Frank Herbert"], series: "Dune Chronicles", seriesIndex: 2,
        titleTokens: words("dune messiah"), seriesTokens: words("dune chronicles"), authorTokens: [["frank", "herbert"]])
    static let duneChronicles = CandidateRecord(
        id: 17, title: "Dune", authors: ["Frank Herbert"], series: "Dune Chronicles", seriesIndex: 1,
        titleTokens: ["dune"], seriesTokens: words("dune chronicles"), authorTokens: [["frank", "herbert"]])
    static let clockwork = CandidateRecord(
        id: 12, title: "Clockwork Angel", series: "The Infernal Devices", seriesIndex: 1,
        titleTokens: words("clockwork angel"), seriesTokens: words("the infernal devices"))
    static let twilight = CandidateRecord(
        id: 13, title: "Twilight", authors: ["Stephenie Meyer"], series: "The Twilight Saga", seriesIndex: 1,
        titleTokens: ["twilight"], seriesTokens: words("the twilight saga"), authorTokens: [["stephenie", "meyer"]])
    static let crime = CandidateRecord(
        id: 14, title: "Crime and Punishment", authors: ["Fedor Dostoevskiy"],
        titleTokens: words("crime and punishment"), authorTokens: [["fedor", "dostoevskiy"]])
    static let watchmen = CandidateRecord(id: 15, title: "Watchmen", bookType: .comic, titleTokens: ["watchmen"])
    static let watchmenBook = CandidateRecord(id: 16, title: "Watchmen", bookType: .book, titleTokens: ["watchmen"])
    static let colourOfMagic = CandidateRecord(id: 17, title: "The Colour of Magic", series: "Discworld", seriesIndex: 1,
                                               titleTokens: words("the colour of magic"), seriesTokens: ["discworld"])
}

/// One filename scored against one book.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var book: CandidateRecord
    var parts: [ScorePart]
    var disqualification: Disqualification?

    fileprivate init(_ name: String, _ book: CandidateRecord, _ parts: [ScorePart],
                     disqualified: Disqualification? = nil) {
        self.name = name
        self.book = book
        self.parts = parts
        self.disqualification = disqualified
    }

    var testDescription: String { "\(name) ↔ \(book.title)" }

    func score() -> CandidateScore {
        let evidence = FilenameReader(normalizer: .shared).read(name)
        return Scorer.score(book, evidence: evidence, views: NameView.views(of: evidence, normalizer: .shared))
    }

    func check() {
        let s = score()
        #expect(s.parts == parts)
        #expect(s.disqualification == disqualification)
    }
}

private func part(_ rule: ScoreRule, _ points: Double, _ detail: String) -> ScorePart { ScorePart(rule, points, detail) }
private let withRest = "title exact (with the author or series)"
private let inside = "title inside a longer part"

@Suite("Scoring rules")
struct ScoringRuleTests {
    static let title: [RuleCase] = [
        .init("The Hunger Games.epub", Shelf.hungerGames, [part(.titleExact, Weights.title, "title exact")]),
        .init("Bleach.epub", Shelf.bleach1, [part(.titleWithoutVolume, Weights.titleWithoutVolume, "title without its volume exact")]),
        .init("Bratya Karamazovy.epub", Shelf.karamazov, [part(.titleExact, Weights.title, "title (transliterated) exact")]),
        .init("The Brothers Karamazov.epub", Shelf.karamazov,
              [part(.altTitleExact, Weights.title - Weights.altTitleDiscount, "alt title exact")]),
        // One part, no dash: the author explains the rest of it.
        .init("Suzanne Collins The Hunger Games.epub", Shelf.hungerGames,
              [part(.titleWithRest, Weights.title, withRest), part(.author, Weights.author, "author")]),
        .init("The Hunger Games Fan Companion.epub", Shelf.hungerGames,
              [part(.titleInside, Weights.titleInside, inside), part(.unexplainedWords, 2 * Weights.unexplainedWord, "unexplained fan companion")]),
        // `It` is too short to count inside `It Ends with Us`.
        .init("It Ends with Us.epub", Shelf.it,
              [part(.unexplainedWords, 3 * Weights.unexplainedWord + Weights.unexplainedStopword, "unexplained it ends with us")]),
        .init("Harry Potter and the Chamber of Sec.epub", Shelf.chamber,
              [part(.titleFragment, Weights.titleFragment, "title leading fragment")]),
        .init("Harry Potter and the Chamber.epub", Shelf.chamber,
              [part(.titleFragment, Weights.titleInside, "title leading fragment")]),
        .init("Catching Fyre.epub", Shelf.catchingFire, [part(.titleTypo, Weights.titleTypo, "title with one typo")]),
        .init("Harry Potter and the Chamber of Secrest.epub", Shelf.chamber,
              [part(.titleTypo, Weights.longTitleTypo, "title with one typo")]),
        // Titles under 12 characters get no typo allowance.
        .init("Dume.epub", Shelf.dune, [part(.unexplainedWords, Weights.unexplainedWord, "unexplained dume")]),
    ]

    static let series: [RuleCase] = [
        .init("Berserk v03.cbz", Shelf.swordsman,
              [part(.series, Weights.nameBesideVolume, "series (a whole part)"), part(.volume, Weights.volume, "volume 3")]),
        .init("Dune Chronicles - Dune Messiah.epub", Shelf.messiah,
              [part(.titleExact, Weights.title, "title exact"), part(.series, Weights.series, "series")]),
        .init("The Infernal Devices: Clockwork Angel.epub", Shelf.clockwork,
              [part(.titleWithRest, Weights.title, withRest), part(.seriesWithTitle, 0, "series with the title")]),
        .init("Dune (Dune Chronicles, Book 1).epub", Shelf.duneChronicles,
              [part(.titleExact, Weights.nameBesideVolume, "title exact"), part(.series, Weights.series, "series (in brackets)"),
               part(.volume, Weights.volume, "volume 1")]),
        // `Twilight` inside `The Twilight Saga` is the series, not the title.
        .init("The Twilight Saga Vol. 1.epub", Shelf.twilight,
              [part(.series, Weights.nameBesideVolume, "series (a whole part)"), part(.volume, Weights.volume, "volume 1")]),
        .init("The Hunger Games Trilogy - Catching Fire.epub", Shelf.catchingFire,
              [part(.titleExact, Weights.title, "title exact"), part(.series, Weights.series, "series"),
               part(.unexplainedPart, Weights.unexplainedPart, "part \"The Hunger Games Trilogy\" only partly explained")]),
    ]

    static let volume: [RuleCase] = [
        // A number right after the series, ending its part, is the volume…
        .init("Discworld 01 - The Colour of Magic.epub", Shelf.colourOfMagic,
              [part(.titleExact, Weights.title, "title exact"), part(.series, Weights.series, "series"),
               part(.trailingVolume, Weights.trailingVolume, "volume 1 (after the series)")]),
        // …and another number there contradicts the book (and explains nothing).
        .init("Discworld 02 - The Colour of Magic.epub", Shelf.colourOfMagic,
              [part(.titleExact, Weights.title, "title exact"), part(.series, Weights.series, "series"),
               part(.unexplainedPart, Weights.unexplainedPart, "part \"Discworld 02\" only partly explained")],
              disqualified: .otherVolume(name: 2, book: 1)),
        .init("Berserk v03.cbz", Shelf.berserk3,
              [part(.titleExact, Weights.nameBesideVolume, "title exact"), part(.volume, Weights.volume, "volume 3"),
               part(.format, Weights.comicArchive, "comic archive for a manga")]),
        .init("Bleach, Volume 01.epub", Shelf.bleach1,
              [part(.titleExact, Weights.nameBesideVolume, "title exact"), part(.volume, Weights.volume, "volume 1")]),
        .init("Berserk v02.cbz", Shelf.berserk3,
              [part(.titleExact, Weights.nameBesideVolume, "title exact"), part(.format, Weights.comicArchive, "comic archive for a manga")],
              disqualified: .otherVolume(name: 2, book: 3)),
        .init("The Hunger Games Vol. 2.epub", Shelf.hungerGames, [part(.titleExact, Weights.nameBesideVolume, "title exact")],
              disqualified: .noVolume(name: 2)),
        .init("Berserk 3.cbz", Shelf.berserk3,
              [part(.titleWithRest, Weights.title, withRest), part(.trailingVolume, Weights.trailingVolume, "volume 3 (trailing number)"),
               part(.format, Weights.comicArchive, "comic archive for a manga")]),
        .init("Berserk 03.cbz", Shelf.berserk3,
              [part(.titleWithRest, Weights.title, withRest), part(.trailingVolume, Weights.trailingVolume, "volume 3 (trailing number)"),
               part(.format, Weights.comicArchive, "comic archive for a manga")]),
        // A zero-padded three-digit number may be a chapter: it is a volume only for a comic issue.
        .init("Berserk 003.cbz", Shelf.berserk3,
              [part(.titleInside, Weights.titleInside, "title inside a longer part"),
               part(.format, Weights.comicArchive, "comic archive for a manga"), part(.unexplainedWords, Weights.unexplainedWord, "unexplained 003")]),
        .init("Berserk 4.cbz", Shelf.berserk3,
              [part(.titleInside, Weights.titleInside, "title without its volume inside a longer part"),
               part(.format, Weights.comicArchive, "comic archive for a manga"), part(.unexplainedWords, Weights.unexplainedWord, "unexplained 4")]),
    ]

    static let author: [RuleCase] = [
        .init("Suzanne Collins - The Hunger Games.epub", Shelf.hungerGames,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author")]),
        .init("Collins, Suzanne - The Hunger Games.epub", Shelf.hungerGames,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author")]),
        .init("J. K. Rowling - Harry Potter and the Chamber of Secrets.epub", Shelf.chamber,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author")]),
        .init("J.K. Rowling - Harry Potter and the Chamber of Secrets.epub", Shelf.chamberSpaced,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author")]),
        .init("Collins - The Hunger Games.epub", Shelf.hungerGames,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.authorSurname, "author surname")]),
        .init("Fyodor Dostoevsky - Crime and Punishment.epub", Shelf.crime,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.authorSpelling, "author (spelled differently)")]),
        .init("Dune (Brian Herbert).epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"),
               part(.authorMismatch, Weights.authorMismatch, "the name's author \"Brian Herbert\" is not this book's")]),
        .init("Dune by Brian Herbert.epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"),
               part(.authorMismatch, Weights.authorMismatch, "the name's author \"Brian Herbert\" is not this book's")]),
        .init("Dune by Frank Herbert.epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author (by)")]),
        .init("Dune (Frank Herbert).epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author (parenthesised)")]),
    ]

    static let agreements: [RuleCase] = [
        .init("Dune (2).epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"),
               part(.numberMismatch, Weights.numberMismatch, "(2) may be volume 2; this book is volume 1")]),
        .init("Dune Messiah (2).epub", Shelf.messiah, [part(.titleExact, Weights.title, "title exact")]),
        .init("Dune (1965).epub", Shelf.dune, [part(.titleExact, Weights.title, "title exact"), part(.year, Weights.year, "year 1965")]),
        .init("Dune (1984).epub", Shelf.dune, [part(.titleExact, Weights.title, "title exact")]),
        .init("Watchmen.cbr", Shelf.watchmen,
              [part(.titleExact, Weights.title, "title exact"), part(.format, Weights.comicArchive, "comic archive for a comic")]),
        .init("Watchmen.cbz", Shelf.watchmenBook, [part(.titleExact, Weights.title, "title exact")]),
        .init("Watchmen.epub", Shelf.watchmen, [part(.titleExact, Weights.title, "title exact")]),
    ]

    static let unexplained: [RuleCase] = [
        // Brian's `Dune`, not Frank's: his surname alone does not explain the part.
        .init("Dune - Brian Herbert.epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"), part(.unexplainedPart, Weights.unexplainedPart, "unexplained part \"Brian Herbert\"")]),
        .init("Dune - Frank Herbert Omnibus.epub", Shelf.dune,
              [part(.titleExact, Weights.title, "title exact"), part(.author, Weights.author, "author"),
               part(.unexplainedPart, Weights.unexplainedPart, "part \"Frank Herbert Omnibus\" only partly explained")]),
        .init("The Hunger Games of the Year.epub", Shelf.hungerGames,
              [part(.titleInside, Weights.titleInside, inside),
               part(.unexplainedWords, 2 * Weights.unexplainedStopword + Weights.unexplainedWord, "unexplained of the year")]),
        .init("Dune Messiah alpha bravo charlie delta echo foxtrot golf.epub", Shelf.messiah,
              [part(.titleInside, Weights.titleInside, inside),
               part(.unexplainedWords, Weights.unexplainedWordsCap, "unexplained alpha bravo charlie delta echo foxtrot")]),
        .init("Dune Messiah alpha bravo.epub", Shelf.messiah,
              [part(.titleInside, Weights.titleInside, inside), part(.unexplainedWords, 2 * Weights.unexplainedWord, "unexplained alpha bravo")]),
    ]

    @Test(arguments: title) func titleRule(_ row: RuleCase) { row.check() }
    @Test(arguments: series) func seriesRule(_ row: RuleCase) { row.check() }
    @Test(arguments: volume) func volumeRule(_ row: RuleCase) { row.check() }
    @Test(arguments: author) func authorRule(_ row: RuleCase) { row.check() }
    @Test(arguments: agreements) func agreementRules(_ row: RuleCase) { row.check() }
    @Test(arguments: unexplained) func unexplainedRule(_ row: RuleCase) { row.check() }
}
