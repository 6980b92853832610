import Testing
import TomeFilename
import TomeNormalization
@testable import TomeResolver

// The verdict over hand-built candidates: no catalog, no scoring.

private func part(_ rule: ScoreRule, _ points: Double, _ detail: String) -> ScorePart { ScorePart(rule, points, detail) }

private let inside = "title inside a longer part"

/// What a verdict came to, comparable.
enum Decided: Equatable, CustomStringConvertible {
    case answer(Int64, confidence: Double)
    case refusal(RefusalCode)

    init(_ outcome: Verdict.Outcome) {
        switch outcome {
        case .answer(let best, let confidence): self = .answer(best.bookID, confidence: confidence)
        case .vetoed(let veto, _): self = .refusal(veto.code)
        case .noAnswer(let code, _): self = .refusal(code)
        }
    }

    var description: String {
        switch self {
        case .answer(let id, let c): "answer \(id) (\(c))"
        case .refusal(let code): "refusal \(code.rawValue)"
        }
    }
}

struct DecisionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var scores: [CandidateScore]
    var expected: Decided
    var testDescription: String { "\(name) → \(expected)" }
}

private func candidate(_ id: Int64, _ title: String, _ parts: [ScorePart], method: Resolution.Method? = .title,
               series: String? = nil, disqualified: Disqualification? = nil, group: String = "",
               authors: [String] = [], seriesIndex: Double? = nil) -> CandidateScore {
    var c = CandidateScore(bookID: id, title: title, authors: authors, series: series, seriesIndex: seriesIndex, parts: parts,
                           disqualification: disqualified, titleMethod: method, group: group)
    c.titleTokens = TextNormalizer.shared.tokens(title)
    c.seriesTokens = series.map { TextNormalizer.shared.tokens($0) } ?? []
    return c
}

@Suite("Verdict")
struct VerdictTableTests {
    static let exact = part(.titleExact, Weights.title, "title exact")
    static let beside = part(.titleExact, Weights.nameBesideVolume, "title exact")

    static let cases: [DecisionCase] = [
        DecisionCase(name: "Hunger.epub", scores: [candidate(1, "The Hunger Games", [part(.titleInside, Weights.titleInside, inside)])],
                     expected: .refusal(.weakMatch)),
        DecisionCase(name: "Twilight.epub", scores: [
            candidate(3, "Twilight", [exact]),
            candidate(4, "Twilight", [exact, part(.unexplainedWords, Weights.unexplainedWord, "unexplained x")]),
        ], expected: .refusal(.ambiguous)),
        // A lead of exactly the margin is enough.
        DecisionCase(name: "Dune.epub", scores: [
            candidate(11, "Dune Messiah", [part(.titleFragment, Weights.titleFragment, "f"), part(.year, Weights.year, "y")]),
            candidate(10, "Dune", [exact]),
        ], expected: .answer(10, confidence: Verdict.confidence(best: Weights.title, margin: Weights.margin))),
        DecisionCase(name: "Berserk v02.cbz", scores: [
            candidate(6, "Berserk, Vol. 3", [beside], series: "Berserk", disqualified: .otherVolume(name: 2, book: 3)),
        ], expected: .refusal(.volumeMissing)),
        DecisionCase(name: "Dune (Brian Herbert).epub", scores: [
            candidate(10, "Dune", [exact, part(.authorMismatch, Weights.authorMismatch, "a")]),
        ], expected: .refusal(.contradiction)),
        DecisionCase(name: "Frank Herbert - Dune.epub", scores: [
            candidate(11, "Dune Messiah", [part(.titleInside, Weights.titleInside, inside)]),
            candidate(10, "Dune", [exact, part(.author, Weights.author, "author")]),
        ], expected: .answer(10, confidence: Verdict.confidence(best: Weights.title + Weights.author, margin: Weights.title + Weights.author - Weights.titleInside))),
        DecisionCase(name: "Anything.epub", scores: [], expected: .refusal(.noCandidate)),
        // No title evidence: points alone do not answer.
        DecisionCase(name: "Suzanne Collins 2012.epub", scores: [
            candidate(2, "Catching Fire", [part(.series, Weights.series, "s"), part(.author, Weights.author, "a"), part(.year, Weights.year, "y")], method: nil),
        ], expected: .refusal(.weakMatch)),
        // Live volume 3 of the light novel; the manga, matching the name as well, lacks it.
        DecisionCase(name: "Overlord Vol. 3.epub", scores: [
            candidate(20, "Overlord, Vol. 3", [beside, part(.volume, Weights.volume, "volume 3")], group: "overlord"),
            candidate(21, "Overlord (manga)", [part(.series, Weights.nameBesideVolume, "s")], series: "Overlord Manga",
                      disqualified: .noVolume(name: 3), group: "overlord manga"),
        ], expected: .refusal(.ambiguous)),
        // A disqualified sibling of the same series does not stop the live volume.
        DecisionCase(name: "Berserk v03.cbz", scores: [
            candidate(5, "Berserk, Vol. 1", [beside, part(.year, Weights.year, "y")], disqualified: .otherVolume(name: 3, book: 1), group: "berserk"),
            candidate(6, "Berserk, Vol. 3", [beside, part(.volume, Weights.volume, "volume 3")], group: "berserk"),
        ], expected: .answer(6, confidence: Verdict.confidence(best: Weights.nameBesideVolume + Weights.volume, margin: Weights.nameBesideVolume + Weights.volume))),
        // Refusals tell the real cause: the volume is there, in another run.
        DecisionCase(name: "Thor v2 001.cbz", scores: [
            candidate(30, "Thor #1", [beside], series: "Thor", disqualified: .otherRun(name: 2, book: 1), group: "thor", seriesIndex: 1),
        ], expected: .refusal(.contradiction)),
        // …the volume is there and live, but scores too low: not "missing".
        DecisionCase(name: "Saga #2 - Something Else.cbr", scores: [
            candidate(31, "Chapter Three", [beside], series: "Saga", disqualified: .otherVolume(name: 2, book: 3), group: "saga",
                      seriesIndex: 3),
            candidate(32, "Chapter Two", [part(.series, 20, "s"), part(.volume, Weights.volume, "v")], method: .series,
                      series: "Saga", group: "saga", seriesIndex: 2),
        ], expected: .refusal(.weakMatch)),
        // …a collection tag rules out the only issue the name names.
        DecisionCase(name: "Batman 012 (TPB).cbz", scores: [
            candidate(33, "Batman #12", [beside], series: "Batman", disqualified: .singleIssue(tag: "tpb"), group: "batman"),
        ], expected: .refusal(.contradiction)),
        // …candidates found but none with evidence: a weak match, not "no candidate".
        DecisionCase(name: "Zyx.epub", scores: [
            candidate(34, "Zyxx Rising", [part(.unexplainedWords, Weights.unexplainedWord, "u")], method: nil),
        ], expected: .refusal(.weakMatch)),
    ]

    @Test(arguments: cases) func decides(_ row: DecisionCase) {
        let evidence = FilenameReader(normalizer: .shared).read(row.name)
        #expect(Decided(Verdict.decide(Verdict.rank(row.scores), evidence: evidence)) == row.expected)
    }

    static let confidences: [(best: Double, margin: Double, expected: Double)] = [
        (Weights.threshold, Weights.margin, 0.60),
        (Weights.threshold + 10, Weights.margin, 0.70),
        (Weights.threshold, 60, 0.90),
        (Weights.threshold, 200, 0.90),  // the lead counts up to 60
        (70, 30, 0.85),
        (58.4, 20, 0.67),
        (40, 0, 0.5),                    // clamped below
        (120, 60, 0.99),                 // clamped above
    ]

    /// A weak match never claims the threshold's points.
    @Test func weakMatchReasonRoundsDown() {
        let evidence = FilenameReader(normalizer: .shared).read("Dune Mess.epub")
        let scores = [candidate(11, "Dune Messiah", [part(.titleFragment, Weights.threshold - 0.4, "f")])]
        guard case .noAnswer(let code, let reason) = Verdict.decide(Verdict.rank(scores), evidence: evidence) else {
            Issue.record("expected a refusal"); return
        }
        #expect(code == .weakMatch)
        #expect(reason.contains("scores \(Int(Weights.threshold) - 1) of the \(Int(Weights.threshold)) needed"), "\(reason)")
    }

    @Test(arguments: confidences) func confidence(_ row: (best: Double, margin: Double, expected: Double)) {
        #expect(Verdict.confidence(best: row.best, margin: row.margin) == row.expected)
    }
}

/// One row of the veto table: a name, its candidates, and the veto expected
/// to refuse (nil: none does, and the answer is `answer`).
struct VetoCase: Sendable, CustomTestStringConvertible {
    var name: String
    var scores: [CandidateScore]
    var veto: Veto?
    var answer: Int64? = nil
    var testDescription: String { "\(name) → \(veto.map(\.rawValue) ?? "answer \(answer ?? -1)")" }
}

/// Each veto twice: a case it refuses, and the nearest case it lets pass.
@Suite("Vetoes")
struct VetoTableTests {
    static let exact = part(.titleExact, Weights.title, "title exact")
    static let beside = part(.titleExact, Weights.nameBesideVolume, "title exact")
    static let author = part(.author, Weights.author, "author")

    static let cases: [VetoCase] = [
        // The whole name is one book's title and another series' name.
        VetoCase(name: "Twilight.epub", scores: [
            candidate(1, "Twilight", [exact], series: "The Twilight Saga", group: "the twilight saga"),
            candidate(2, "New Moon", [part(.series, Weights.series, "series")], method: nil, series: "Twilight", group: "twilight"),
        ], veto: .titleIsAlsoSeries),
        VetoCase(name: "Twilight.epub", scores: [
            candidate(1, "Twilight", [exact], series: "The Twilight Saga", group: "the twilight saga"),
            candidate(2, "New Moon", [part(.series, Weights.series, "series")], method: nil, series: "Twilight Saga", group: "twilight saga"),
        ], veto: nil, answer: 1),

        // The one book whose title is the whole name is ruled out.
        VetoCase(name: "Dune.epub", scores: [
            candidate(10, "Dune", [exact], disqualified: .otherFormat(name: "manga", book: "book")),
            candidate(11, "Dune Messiah", [exact]),
        ], veto: .wholeNameContradicted),
        VetoCase(name: "Dune.epub", scores: [
            candidate(10, "Dune", [exact]),
            candidate(11, "Dune Messiah", [part(.titleInside, Weights.titleInside, "inside")]),
        ], veto: nil, answer: 10),

        // The one book whose title is the whole name is not the best reading.
        VetoCase(name: "Dune.epub", scores: [
            candidate(10, "Dune", [part(.titleExact, 30, "title exact")]),
            candidate(11, "Dune Messiah", [exact, author]),
        ], veto: .wholeNameReadsOtherwise),
        VetoCase(name: "Dune.epub", scores: [
            candidate(10, "Dune", [exact, author]),
            candidate(11, "Dune Messiah", [part(.titleExact, 30, "title exact")]),
        ], veto: nil, answer: 10),

        // A rival less than the margin behind; exactly the margin is enough.
        VetoCase(name: "Frank Herbert - Dune.epub", scores: [
            candidate(10, "Dune", [exact]),
            candidate(12, "Dune World", [part(.titleExact, Weights.title - Weights.margin + 1, "t")]),
        ], veto: .closeRival),
        VetoCase(name: "Frank Herbert - Dune.epub", scores: [
            candidate(10, "Dune", [exact]),
            candidate(12, "Dune World", [part(.titleExact, Weights.title - Weights.margin, "t")]),
        ], veto: nil, answer: 10),

        // Volume 3 of one series; another the name matches as well lacks it.
        VetoCase(name: "Overlord v03.epub", scores: [
            candidate(20, "Overlord, Vol. 3", [beside, part(.volume, Weights.volume, "volume 3")], group: "overlord"),
            candidate(21, "Overlord (manga)", [part(.series, Weights.nameBesideVolume, "s")], series: "Overlord Manga",
                      disqualified: .noVolume(name: 3), group: "overlord manga"),
        ], veto: .rivalLacksVolume),
        // …not when the other series has volume 3 after all.
        VetoCase(name: "Overlord v03.epub", scores: [
            candidate(20, "Overlord, Vol. 3", [beside, part(.volume, Weights.volume, "volume 3")], group: "overlord"),
            candidate(21, "Overlord (manga)", [part(.series, Weights.nameBesideVolume, "s")], series: "Overlord Manga",
                      disqualified: .noVolume(name: 3), group: "overlord manga"),
            candidate(22, "Overlord (manga) 3", [part(.series, Weights.nameBesideVolume, "s")], series: "Overlord Manga",
                      disqualified: .otherFormat(name: "manga", book: "book"), group: "overlord manga"),
        ], veto: nil, answer: 20),

        // Matched before its subtitle; another title begins alike.
        VetoCase(name: "Sapiens.epub", scores: [
            candidate(30, "Sapiens: A Brief History of Humankind", [part(.titleBeforeSubtitle, Weights.title - Weights.mainTitleDiscount, "main title")])
                .matching(["sapiens"]),
            candidate(31, "Sapiens: A Graphic History", [part(.titleInside, Weights.titleInside, "inside")]),
        ], veto: .subtitleTwin),
        // …an author of the one and not of the other decides.
        VetoCase(name: "Yuval Noah Harari - Sapiens.epub", scores: [
            candidate(30, "Sapiens: A Brief History of Humankind", [part(.titleBeforeSubtitle, Weights.title - Weights.mainTitleDiscount, "main title"), author])
                .matching(["sapiens"]),
            candidate(31, "Sapiens: A Graphic History", [part(.titleInside, Weights.titleInside, "inside")]),
        ], veto: nil, answer: 30),

        // A part nothing explains is the author of another candidate.
        VetoCase(name: "Home - Toni Morrison (Gilead, #2).epub", scores: [
            candidate(40, "Home", [exact, part(.unexplainedPart, Weights.unexplainedWord, "unexplained part")], authors: ["Marilynne Robinson"]),
            candidate(41, "Beloved", [author], method: nil, authors: ["Toni Morrison"]),
        ], veto: .otherAuthorNamed),
        VetoCase(name: "Home - Toni Morrison (Gilead, #2).epub", scores: [
            candidate(40, "Home", [exact, part(.unexplainedPart, Weights.unexplainedWord, "unexplained part")], authors: ["Toni Morrison"]),
            candidate(41, "Beloved", [author], method: nil, authors: ["Toni Morrison"]),
        ], veto: nil, answer: 40),

        // One letter of a cut word tells two titles apart.
        VetoCase(name: "Harry Potter and the C.epub", scores: [
            candidate(50, "Harry Potter and the Chamber of Secrets", [part(.titleFragment, Weights.titleFragment, "fragment")])
                .cut(["harry", "potter", "and", "the", "c"]),
            candidate(51, "Harry Potter and the Goblet of Fire", [part(.titleInside, Weights.titleInside, "inside")]),
        ], veto: .cutWordTwin),
        VetoCase(name: "Harry Potter and the Ch.epub", scores: [
            candidate(50, "Harry Potter and the Chamber of Secrets", [part(.titleFragment, Weights.titleFragment, "fragment")])
                .cut(["harry", "potter", "and", "the", "ch"]),
            candidate(51, "Harry Potter and the Goblet of Fire", [part(.titleInside, Weights.titleInside, "inside")]),
        ], veto: nil, answer: 50),

        // Answered by series and volume; the name holds volume 1's own title.
        VetoCase(name: "Mistborn, Volume 2_ The Final Empire.epub", scores: [
            candidate(60, "The Well of Ascension", [part(.series, Weights.nameBesideVolume, "s"), part(.volume, Weights.volume, "v")],
                      method: .series, series: "Mistborn", group: "mistborn"),
            candidate(61, "The Final Empire", [part(.titleExact, Weights.nameBesideVolume, "title exact")], series: "Mistborn",
                      disqualified: .otherVolume(name: 2, book: 1), group: "mistborn").matching(["the", "final", "empire"]),
        ], veto: .otherVolumeTitle),
        VetoCase(name: "Mistborn, Volume 2_ The Final Empire.epub", scores: [
            candidate(60, "The Well of Ascension", [part(.series, Weights.nameBesideVolume, "s"), part(.volume, Weights.volume, "v")],
                      method: .series, series: "Mistborn", group: "mistborn"),
            // …not when what it matched of the other volume's title is only the series' words.
            candidate(61, "Mistborn: The Final Empire", [part(.titleExact, Weights.nameBesideVolume, "title exact")], series: "Mistborn",
                      disqualified: .otherVolume(name: 2, book: 1), group: "mistborn").matching(["mistborn", "the"]),
        ], veto: nil, answer: 60),

        // A part nothing in the answer explains is another book's own title.
        VetoCase(name: "Brandon Sanderson - The Way of Kings - Oathbringer.epub", scores: [
            candidate(70, "The Way of Kings", [exact, author]).free(["oathbringer"]),
            candidate(71, "Oathbringer", [part(.titleExact, 20, "title exact")]),
        ], veto: .otherBookNamed),
        // …not when that part is the answer's own series too.
        VetoCase(name: "The Stormlight Archive - The Way of Kings.epub", scores: [
            candidate(70, "The Way of Kings", [exact], series: "The Stormlight Archive").free(["stormlight", "archive"]),
            candidate(72, "The Stormlight Archive", [part(.titleExact, 20, "title exact")]),
        ], veto: nil, answer: 70),

        // A bracketed group read only as a tag is another book's own title.
        VetoCase(name: "Words of Radiance (Oathbringer).epub", scores: [
            candidate(73, "Words of Radiance", [exact], authors: ["Brandon Sanderson"]),
            candidate(71, "Oathbringer", [part(.titleExact, 20, "title exact")]),
        ], veto: .otherBookNamed),
        // …not a release tag, the answer's author, or a group its own title holds.
        VetoCase(name: "Words of Radiance (Digital).epub", scores: [
            candidate(73, "Words of Radiance", [exact], authors: ["Brandon Sanderson"]),
            candidate(74, "Digital", [part(.titleExact, 20, "title exact")]),
        ], veto: nil, answer: 73),
        VetoCase(name: "Words of Radiance (Sanderson).epub", scores: [
            candidate(73, "Words of Radiance", [exact], authors: ["Brandon Sanderson"]),
            candidate(75, "Sanderson", [part(.titleExact, 20, "title exact")]),
        ], veto: nil, answer: 73),
        VetoCase(name: "All Things Bright and Beautiful (All Creatures Great and Small).epub", scores: [
            candidate(76, "All Things Bright and Beautiful (All Creatures Great and Small)", [exact]),
            candidate(77, "All Creatures Great and Small", [part(.titleExact, 20, "title exact")]),
        ], veto: nil, answer: 76),

        // A part a bracketed group cut in two, whole, is another book's
        // title (the two titles are goodbooks-10k's; the name is a derived
        // one the metamorphic run answered wrongly).
        VetoCase(name: "Inferno (The Divine Comedy, #1) - Hunger: A Memoir of (My) Body.epub", scores: [
            candidate(305, "Inferno", [exact, part(.volume, Weights.volume, "volume 1")], series: "The Divine Comedy",
                      authors: ["Dante Alighieri"], seriesIndex: 1).free(["hunger", "memoir"]),
            candidate(311, "Hunger: A Memoir of (My) Body", [part(.titleExact, 20, "title exact")], authors: ["Roxane Gay"]),
        ], veto: .otherBookNamed),
        // …not when the part shares a word with the answer: it may be the
        // answer's own longer title.
        VetoCase(name: "Ranma (Vol) Body - Rumiko Takahashi.epub", scores: [
            candidate(306, "Body", [exact], authors: ["Rumiko Takahashi"]),
            candidate(312, "Ranma Vol Body", [part(.titleExact, 20, "title exact")]),
        ], veto: nil, answer: 306),

        // A part in a library's sort form names a person who is not the
        // answer's author (realworld-books, LazyLibrarian's `$Author`).
        VetoCase(name: "Goodkind, Terry - Wheel of Time 02 - Great Hunt, The.epub", scores: [
            candidate(7414, "The Great Hunt", [exact, part(.series, Weights.series, "series"), part(.volume, Weights.volume, "volume 2")],
                      series: "The Wheel of Time", authors: ["Robert Jordan"], seriesIndex: 2),
        ], veto: .authorContradicted),
        // …not when the answer's author is named, nor when the part is its title.
        VetoCase(name: "Jordan, Robert - Wheel of Time 02 - Great Hunt, The.epub", scores: [
            candidate(7414, "The Great Hunt", [exact, author, part(.volume, Weights.volume, "volume 2")],
                      series: "The Wheel of Time", authors: ["Robert Jordan"], seriesIndex: 2),
        ], veto: nil, answer: 7414),
        VetoCase(name: "Goodbye, Columbus - Philip Roth.epub", scores: [
            candidate(7450, "Goodbye, Columbus", [exact, author], authors: ["Philip Roth"]),
        ], veto: nil, answer: 7450),

        // Found by its series alone while the series' part holds a word
        // nothing explains: a look-alike series (realworld-comics, story titles).
        VetoCase(name: "The Filth Too 5 de 10.cbz", scores: [
            candidate(7072, "Pornomancer", [part(.series, Weights.series, "series"), part(.volume, Weights.volume, "volume 5")],
                      method: .series, series: "The Filth", seriesIndex: 5).besideSeries(["too"]),
        ], veto: .seriesLookAlike),
        // …not when the series' part holds nothing more.
        VetoCase(name: "The Filth 05 de 13.cbz", scores: [
            candidate(7072, "Pornomancer", [part(.series, Weights.series, "series"), part(.volume, Weights.volume, "volume 5")],
                      method: .series, series: "The Filth", seriesIndex: 5),
        ], veto: nil, answer: 7072),

        // Two different volumes in one name.
        VetoCase(name: "Berserk v02 v03.cbz", scores: [
            candidate(80, "Berserk, Vol. 2", [beside, part(.volume, Weights.volume, "volume 2")], seriesIndex: 2),
        ], veto: .twoVolumes),
        // …unless the answer explains both: its volume, and a number of its title.
        VetoCase(name: "Night World, No. 3 (Night World Book 7).epub", scores: [
            candidate(81, "Night World, No. 3", [exact, part(.volume, Weights.volume, "volume 7")], seriesIndex: 7),
        ], veto: nil, answer: 81),

        // A variant issue the answer's title does not name.
        VetoCase(name: "Amazing Spider-Man #31.LR.cbz", scores: [
            candidate(90, "Amazing Spider-Man #31", [exact, part(.volume, Weights.volume, "volume 31")], seriesIndex: 31),
        ], veto: .variantIssue),
        VetoCase(name: "Amazing Spider-Man #31.LR.cbz", scores: [
            candidate(91, "Amazing Spider-Man #31.LR", [exact, part(.volume, Weights.volume, "volume 31")], seriesIndex: 31),
        ], veto: nil, answer: 91),

        // A number of the name nothing in the answer explains.
        VetoCase(name: "Red Sonja - Deluge 02 (2011).cbr", scores: [
            candidate(100, "Red Sonja: Deluge", [exact]).numbers(["02"]),
        ], veto: .numberUnexplained),
        VetoCase(name: "Red Sonja - Deluge (2011).cbr", scores: [
            candidate(100, "Red Sonja: Deluge", [exact]),
        ], veto: nil, answer: 100),

        // `(2)` on a series book of another volume: a copy, or volume 2.
        VetoCase(name: "Dune - Frank Herbert (2).epub", scores: [
            candidate(110, "Dune", [exact, author, part(.numberMismatch, Weights.numberMismatch, "(2) may be volume 2")],
                      series: "Dune", seriesIndex: 1),
        ], veto: .bracketedVolume),
        VetoCase(name: "Dune Messiah - Frank Herbert (2).epub", scores: [
            candidate(111, "Dune Messiah", [exact, author], series: "Dune", seriesIndex: 2),
        ], veto: nil, answer: 111),
    ]

    @Test(arguments: cases) func vetoes(_ row: VetoCase) {
        let evidence = FilenameReader(normalizer: .shared).read(row.name)
        let wholeName = WholeName(evidence: evidence, normalizer: .shared)
        let outcome = Verdict.decide(Verdict.rank(row.scores), evidence: evidence, wholeName: wholeName)
        switch (outcome, row.veto) {
        case (.vetoed(let veto, let reason), let expected?):
            #expect(veto == expected, "\(reason)")
            #expect(outcome.refusal?.code == expected.code)
        case (.answer(let best, _), nil):
            #expect(best.bookID == row.answer)
        default:
            Issue.record("expected \(row.veto.map(\.rawValue) ?? "an answer"), got \(outcome)")
        }
    }

    /// The table has a refusing row for every veto, so a new veto needs one.
    @Test func everyVetoHasARow() {
        let covered = Set(Self.cases.compactMap(\.veto))
        #expect(covered == Set(Veto.allCases), "missing: \(Set(Veto.allCases).subtracting(covered))")
    }

    /// A veto's code is a refusal code a client already knows.
    @Test func vetoCodes() {
        #expect(Veto.allCases.allSatisfy { [.ambiguous, .contradiction].contains($0.code) })
        #expect(Veto.checked(at: .wholeName) + Veto.checked(at: .answer) == Veto.allCases)
    }
}

private extension CandidateScore {
    func matching(_ tokens: [String]) -> CandidateScore {
        var c = self
        c.matchedTitle = tokens
        return c
    }

    func numbers(_ numbers: [String]) -> CandidateScore {
        var c = self
        c.freeNumbers = numbers
        return c
    }

    func free(_ part: [String]) -> CandidateScore {
        var c = self
        c.freeParts = [part]
        return c
    }

    func besideSeries(_ words: [String]) -> CandidateScore {
        var c = self
        c.wordsBesideSeries = words
        return c
    }

    func cut(_ fragment: [String]) -> CandidateScore {
        var c = self
        c.cutFragment = fragment
        c.matchedTitle = fragment
        return c
    }
}
