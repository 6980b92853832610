import TomeFilename
import TomeNormalization

/// A reason to refuse although a candidate could be answered: each veto is a
/// value with its ``RefusalCode``, checked in the order of ``allCases`` by
/// the ``Verdict``.
///
/// Two kinds, by what they look at (``Stage``):
/// - **whole-name** vetoes run first, when the whole name is exactly some
///   candidate's title (``WholeName``): that book is the answer or nothing is;
/// - **answer** vetoes run against the best eligible candidate, once the
///   ``Eligibility`` sieve has one: a close rival, a rival series that lacks
///   the volume, a twin title, a part of the name that points elsewhere.
///
/// A new veto is one case here, its ``code``, its ``stage`` and its clause
/// in ``check(_:)`` — and one row in the veto table test (`VetoTableTests`).
/// `--explain` names the veto that refused (``Explanation/veto``); raw
/// values are part of its JSON: never rename one.
public enum Veto: String, CaseIterable, Sendable {
    /// The whole name is one book's title and also another series' name.
    case titleIsAlsoSeries = "title_is_also_series"
    /// The whole name is the title of exactly one book, which the name rules
    /// out (another volume, format, …).
    case wholeNameContradicted = "whole_name_contradicted"
    /// The whole name is the title of exactly one book, but another reads
    /// better.
    case wholeNameReadsOtherwise = "whole_name_reads_otherwise"
    /// The next live candidate is less than ``Weights/margin`` behind.
    case closeRival = "close_rival"
    /// The name states a volume the answer's series has, while another
    /// series that matches the name as well lacks it (`Overlord Vol. 3`).
    case rivalLacksVolume = "rival_lacks_volume"
    /// Matched before its subtitle, and another title starts alike
    /// (`Sapiens` for two `Sapiens: …` books) with no author to choose.
    case subtitleTwin = "subtitle_twin"
    /// A part nothing in the answer explains is another candidate's author
    /// (`Home - Toni Morrison (Gilead, #2)`).
    case otherAuthorNamed = "other_author_named"
    /// A part in a library's sort form (`Goodkind, Terry - …`), which names
    /// nothing but a person, is not the answer's author: it names another
    /// book, whatever else matches. (`by Author` and `(Author)` only cost
    /// points: `Call Me by Your Name`, `(Minutemen-Slayer)`.)
    case authorContradicted = "author_contradicted"
    /// One letter of a cut word is all that tells two titles apart
    /// (`Harry Potter and the C`).
    case cutWordTwin = "cut_word_twin"
    /// Answered by series and volume, while the name holds another volume's
    /// own title (`Series, Volume 2_ <volume 1's title>`).
    case otherVolumeTitle = "other_volume_title"
    /// A part nothing in the answer explains is another book's own title or
    /// series (`Author - Title A - Title B`, an omnibus file).
    case otherBookNamed = "other_book_named"
    /// An answer found by its series alone, while the series' part of the
    /// name holds a word nothing explains (`The Filth Too 5` for `The
    /// Filth #5`): a series that only looks alike.
    case seriesLookAlike = "series_look_alike"
    /// The name states two different volumes (`Berserk v02 v03`).
    case twoVolumes = "two_volumes"
    /// The issue carries a variant suffix (`#31.LR`) the answer's title lacks.
    case variantIssue = "variant_issue"
    /// A number of the name nothing in the answer explains (`Red Sonja -
    /// Deluge 02` for the one-shot `Red Sonja: Deluge`).
    case numberUnexplained = "number_unexplained"
    /// `(2)` on a book of a series whose volume it is not: a second copy of
    /// this book, or volume 2 of its series (`Dune - Frank Herbert (2)`).
    case bracketedVolume = "bracketed_volume"

    /// When a veto is checked.
    enum Stage: Sendable {
        /// Before eligibility, when the whole name is some candidate's title.
        case wholeName
        /// Against the best eligible candidate.
        case answer
    }

    var stage: Stage {
        switch self {
        case .titleIsAlsoSeries, .wholeNameContradicted, .wholeNameReadsOtherwise: .wholeName
        case .closeRival, .rivalLacksVolume, .subtitleTwin, .otherAuthorNamed, .authorContradicted, .cutWordTwin, .otherVolumeTitle,
             .otherBookNamed, .seriesLookAlike, .twoVolumes, .variantIssue, .numberUnexplained, .bracketedVolume: .answer
        }
    }

    /// The refusal a veto gives.
    public var code: RefusalCode {
        switch self {
        case .wholeNameContradicted, .otherAuthorNamed, .authorContradicted, .otherVolumeTitle, .otherBookNamed, .twoVolumes, .variantIssue,
             .numberUnexplained: .contradiction
        case .titleIsAlsoSeries, .wholeNameReadsOtherwise, .closeRival, .rivalLacksVolume, .subtitleTwin, .cutWordTwin,
             .bracketedVolume, .seriesLookAlike: .ambiguous
        }
    }

    /// The vetoes of `stage`, in the order they are checked.
    static func checked(at stage: Stage) -> [Veto] { allCases.filter { $0.stage == stage } }

    /// The reason this veto refuses the verdict's case, or nil when it does not.
    func check(_ c: VerdictCase) -> String? {
        switch self {
        case .titleIsAlsoSeries:
            guard let w = c.wholeNameTitles.first,
                  let series = c.ranked.first(where: { $0.group != w.group && !$0.seriesTokens.isEmpty && $0.seriesTokens == w.titleTokens })
            else { return nil }
            return "ambiguous: \(w.title) is a book's title and the name of the series \(series.series ?? series.title)"

        case .wholeNameContradicted:
            guard c.wholeNameTitles.count == 1, let w = c.wholeNameTitles.first, !w.isLive else { return nil }
            return "the name is the title of \(w.title) (\(w.bookID)), which it contradicts: \(w.disqualification.map { "\($0)" } ?? "")"

        case .wholeNameReadsOtherwise:
            guard c.wholeNameTitles.count == 1, let w = c.wholeNameTitles.first,
                  let first = c.live.first, first.bookID != w.bookID else { return nil }
            return "ambiguous: the name is the title of \(w.title) (\(w.bookID)) but reads as \(first.title) (\(first.bookID)) as well"

        case .closeRival:
            guard let best = c.best, let second = c.second, c.margin < Weights.margin else { return nil }
            return Self.closeRivalReason(best, second, live: c.live)

        case .rivalLacksVolume:
            // A name that is exactly the answer's title is not blocked by a
            // rival series (not when that title is only the series and the
            // number: `The Apothecary Diaries, Vol. 2` names the manga's
            // volume 2 as well).
            guard let best = c.best, let volume = c.evidence.volume,
                  !(c.wholeNameTitles.count == 1 && c.wholeNameTitles[0].bookID == best.bookID && !best.titleIsSeriesAndNumber),
                  let rival = c.ranked.first(where: { r in r.lacksVolume && r.group != best.group
                      && r.nameEvidence >= best.nameEvidence && r.nameEvidence > 0
                      // The rival series truly lacks it: every book of it seen lacks the volume.
                      && !c.ranked.contains { $0.group == r.group && !$0.lacksVolume } })
            else { return nil }
            return "ambiguous: volume \(fmt(volume)) of \(best.series ?? best.title) is in the catalog, but \(rival.series ?? rival.title) matches the name as well and has no volume \(fmt(volume))"

        case .subtitleTwin:
            // `Sapiens.epub` for `Sapiens: A Brief History of Humankind` while
            // `Sapiens: A Graphic History` starts alike: only an author of one
            // of them decides.
            guard let best = c.best, best.hasRule(.titleBeforeSubtitle),
                  let twin = c.ranked.first(where: { $0.bookID != best.bookID && $0.titleTokens.starts(with: best.matchedTitle)
                      && !(best.has(.author) && !$0.has(.author)) })
            else { return nil }
            return "ambiguous: \(best.title) (\(best.bookID)) and \(twin.title) (\(twin.bookID)) both begin with the name"

        case .otherAuthorNamed:
            guard let best = c.best, best.hasRule(.unexplainedPart),
                  let other = c.ranked.first(where: { $0.bookID != best.bookID && Set($0.authors).isDisjoint(with: best.authors)
                      && $0.parts.contains { $0.rule == .author && $0.points >= Weights.author } })
            else { return nil }
            return "the name points to \(best.title) (\(best.bookID)) but names the author of \(other.title) (\(other.bookID))"

        case .authorContradicted:
            guard let best = c.best, !best.has(.author) else { return nil }
            let own = Set(best.titleTokens + best.seriesTokens)
            guard let person = c.evidence.authors.first(where: { candidate in
                candidate.sortFormTokens.map { !$0.allSatisfy(own.contains) } ?? false
            }) else { return nil }
            return "the name contradicts \(best.title) (\(best.bookID)): its author \"\(person.name)\" is not this book's"

        case .cutWordTwin:
            guard let best = c.best, let last = best.cutFragment.last, last.count < 2 else { return nil }
            let words = best.cutFragment.dropLast()
            guard let twin = c.ranked.first(where: { $0.bookID != best.bookID && $0.titleTokens.starts(with: words) }) else { return nil }
            return "ambiguous: the cut name \"\(best.cutFragment.joined(separator: " "))\" begins \(best.title) (\(best.bookID)) and \(twin.title) (\(twin.bookID)) alike but for one letter"

        case .otherVolumeTitle:
            guard let best = c.best, best.titleMethod == .series,
                  let other = c.ranked.first(where: { !$0.isLive && $0.group == best.group
                      && !$0.matchedTitle.isEmpty && !Set($0.matchedTitle).subtracting($0.seriesTokens).subtracting(Stopwords.common).isEmpty
                      && $0.parts.contains { ($0.rule == .titleExact || $0.rule == .titleWithRest) && $0.points >= Weights.nameBesideVolume } })
            else { return nil }
            return "the name holds the title of \(other.title) (\(other.bookID)) but the volume of \(best.title) (\(best.bookID))"

        case .otherBookNamed, .seriesLookAlike, .twoVolumes, .variantIssue, .numberUnexplained, .bracketedVolume:
            return Self.unexplainedEvidence(self, c)
        }
    }

    /// The vetoes of evidence nothing in the answer explains (issue #21):
    /// another book's own title or series as a part, a second volume, a
    /// variant suffix.
    static func unexplainedEvidence(_ veto: Veto, _ c: VerdictCase) -> String? {
        switch veto {
        case .otherBookNamed:
            guard let best = c.best, let (part, other) = otherBookNamed(besides: best, among: c.ranked, evidence: c.evidence)
            else { return nil }
            return "the name also holds \"\(part.joined(separator: " "))\", the title or series of \(other.title) (\(other.bookID))"

        case .seriesLookAlike:
            guard let best = c.best, best.titleMethod == .series, let word = best.wordsBesideSeries.first else { return nil }
            return "ambiguous: \"\(word)\" beside the series \(best.series ?? best.title) is not explained: another series may be meant"

        case .twoVolumes:
            // Unless the answer explains both: one is its volume, the other in
            // its title (`Night World, No. 3 (Night World Book 7)`).
            guard let best = c.best, let volume = c.evidence.volume, let other = c.evidence.otherVolumes.first,
                  !([volume] + c.evidence.otherVolumes).allSatisfy({ n in n == best.seriesIndex || titleNumbers(best.title).contains(n) })
            else { return nil }
            return "the name states two volumes, \(fmt(volume)) and \(fmt(other)): it does not single out \(best.title) (\(best.bookID))"

        case .variantIssue:
            guard let best = c.best, let suffix = c.evidence.volumeSuffix, !best.titleTokens.contains(suffix) else { return nil }
            return "the name's issue is the variant \(suffix.uppercased()); \(best.title) (\(best.bookID)) is not"

        case .numberUnexplained:
            guard let best = c.best, let number = best.freeNumbers.first else { return nil }
            return "the name's number \(number) is not explained by \(best.title) (\(best.bookID))"

        case .bracketedVolume:
            guard let best = c.best, best.hasRule(.numberMismatch), let n = c.evidence.bracketedNumber else { return nil }
            return "ambiguous: (\(fmt(n))) is a second copy of \(best.title) (\(best.bookID)) or volume \(fmt(n)) of its series"
        default:
            return nil
        }
    }

    /// The numbers written in a title as numbers of their own (`Night World,
    /// No. 3` → 3; `Ranma ½, Vol. 1` → 1, not the 1 and 2 of `½`).
    static func titleNumbers(_ title: String) -> Set<Double> {
        Set(title.split(whereSeparator: { !$0.isASCII || !($0.isNumber || $0 == ".") }).compactMap { Double($0) })
    }

    /// A part of the name `best` leaves unexplained that is another
    /// candidate's own title or series (``names(_:_:besides:)``), and that
    /// candidate; or a dash-part year that is another book's whole title
    /// (`1984 - Neuromancer`).
    static func otherBookNamed(besides best: CandidateScore, among ranked: [CandidateScore],
                               evidence: FilenameEvidence) -> (part: [String], other: CandidateScore)? {
        if let year = evidence.dashPartYear.map(String.init), !best.titleTokens.contains(year),
           let other = ranked.first(where: { $0.bookID != best.bookID && $0.titleTokens == [year] }) {
            return ([year], other)
        }
        for part in best.freeParts {
            if let other = ranked.first(where: { $0.bookID != best.bookID && names(part, $0, besides: best) }) { return (part, other) }
        }
        // A part a bracketed group cut in two (`Hunger: A Memoir of (My)
        // Body`) that shares no word with the answer: whole, it may be
        // another book's title.
        let own = evidence.tagSplitParts.isEmpty ? []
            : Set(best.titleTokens + best.seriesTokens + best.authors.flatMap { TextNormalizer.shared.tokens($0) })
        for split in evidence.tagSplitParts where !split.tokens.contains(where: { !Stopwords.contains($0) && own.contains($0) }) {
            if let other = ranked.first(where: { $0.bookID != best.bookID && names(split.tokens, $0, besides: best) }) {
                return (split.tokens, other)
            }
        }
        // A bracketed group read only as a tag: unless it is the answer's
        // author (`Dune (Herbert)`), another book's title or series there
        // names a second book (`Words of Radiance (Oathbringer)`).
        for group in evidence.unreadGroups {
            let part = TextNormalizer.shared.tokens(group)
            guard !part.isEmpty, !namesAnAuthor(part, of: best),
                  !TextNormalizer.shared.tokens(best.title).containsRun(part) else { continue }
            if let other = ranked.first(where: { $0.bookID != best.bookID && names(part, $0, besides: best) }) { return (part, other) }
        }
        return nil
    }

    /// True when `part` is one of `book`'s authors, whole or by surname
    /// (a group the answer's own title holds, `Ender's Game, Volume 1:
    /// Battle School (Ender's Saga)`, is explained too: see the caller).
    static func namesAnAuthor(_ part: [String], of book: CandidateScore) -> Bool {
        book.authors.contains { author in
            let tokens = TextNormalizer.shared.tokens(author)
            return tokens == part || (part.count == 1 && tokens.last == part[0])
        }
    }

    /// True when `part` (words without stopwords) is `other`'s own title or
    /// series — and not the answer's too.
    static func names(_ part: [String], _ other: CandidateScore, besides best: CandidateScore) -> Bool {
        // Stopwords aside — unless the part is only stopwords (`Go`, `It`).
        let keepAll = part.allSatisfy { Stopwords.contains($0) }
        func words(_ tokens: [String]) -> [String] { keepAll ? tokens : tokens.filter { !Stopwords.contains($0) } }
        let part = words(part)
        guard !part.isEmpty, part != words(best.titleTokens), part != words(best.seriesTokens) else { return false }
        // Its whole title or series, or the title form the name matched of it
        // (`Scuffy the Tugboat` of `Scuffy the Tugboat (Big Little Golden Book)`).
        return words(other.titleTokens) == part || words(other.seriesTokens) == part || words(other.titleLatinTokens) == part
            || (other.has(.title) && words(other.matchedTitle) == part)
    }

    /// Two live candidates within the margin: same title (say how many and
    /// whether the name has an author), or simply too close.
    static func closeRivalReason(_ best: CandidateScore, _ second: CandidateScore, live: [CandidateScore]) -> String {
        let key = TextNormalizer.shared.key(best.title)
        if TextNormalizer.shared.key(second.title) == key {
            let count = live.filter { best.total - $0.total < Weights.margin && TextNormalizer.shared.key($0.title) == key }.count
            return "ambiguous: \(count) books titled \(best.title) and the name \(best.has(.author) ? "names an author of each" : "has no author")"
        }
        return "ambiguous: \(best.title) (\(best.bookID)) and \(second.title) (\(second.bookID)) match almost equally (\(Int(best.total.rounded())) and \(Int(second.total.rounded())))"
    }
}

extension Array where Element == String {
    /// True when `run` occurs in this array as consecutive elements.
    func containsRun(_ run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return false }
        return (0...(count - run.count)).contains { Array(self[$0..<$0 + run.count]) == run }
    }
}
