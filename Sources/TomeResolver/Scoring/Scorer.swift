import TomeCatalog
import TomeFilename

/// Scores a candidate book against a filename's evidence: each rule looks
/// at one kind of evidence and adds named parts (``ScorePart``); their
/// points are in ``Weights``.
///
/// The rules run in this order, each seeing which of the name's tokens the
/// earlier ones explained:
/// 1. ``TitleRule`` finds the title (whole, inside a longer part, a fragment,
///    a typo), or an alt title;
/// 2. ``SeriesRule``; 3. ``VolumeRule`` (a stated volume is authoritative);
/// 4. ``AuthorRule``, with the name's `by Author` contradictions;
/// 5. ``TitleRule/settle(_:)`` prices a title found inside a longer part,
///    now that the author and series have explained what they can;
/// 6. ``AgreementRules``: a bracketed number, the year, the format;
/// 7. ``UnexplainedRule``: what nothing explains costs points.
///
/// A rule needs no database: build a ``CandidateRecord`` by hand, score it,
/// and look at the parts.
public enum Scorer {
    /// Scores `candidate` under each view of the name and keeps the best
    /// (a live score before a disqualified one).
    public static func score(_ candidate: CandidateRecord, evidence: FilenameEvidence, views: [NameView]) -> CandidateScore {
        var best: CandidateScore?
        for view in views {
            let s = score(candidate, evidence, view)
            if best == nil || (s.isLive && (!best!.isLive || s.total > best!.total)) { best = s }
        }
        return best!
    }

    /// Scores `candidate` under one view of the name.
    public static func score(_ candidate: CandidateRecord, _ evidence: FilenameEvidence, _ view: NameView) -> CandidateScore {
        var state = ScoringState(candidate: candidate, evidence: evidence, view: view)
        state.subtitle = TitleRule.subtitleParts(of: candidate)
        TitleRule.find(&state)
        SeriesRule.apply(&state)
        VolumeRule.apply(&state)
        AuthorRule.apply(&state)
        TitleRule.settle(&state)
        AgreementRules.apply(&state)
        UnexplainedRule.apply(&state)
        let c = candidate
        var result = CandidateScore(bookID: c.id, title: c.title, authors: c.authors, series: c.series,
                                    seriesIndex: c.seriesIndex, parts: state.parts,
                                    disqualification: state.disqualification, titleMethod: state.titleMethod)
        result.group = (c.seriesTokens.isEmpty ? c.coreTokens : c.seriesTokens).joined(separator: " ")
        result.titleTokens = c.titleTokens
        result.seriesTokens = c.seriesTokens
        result.titleLatinTokens = c.latinTokens
        result.matchedTitle = state.title?.tokens ?? []
        result.cutFragment = state.title?.cut ?? []
        result.titleIsSeriesAndNumber = c.coreTokens == c.seriesTokens
        result.freeParts = state.freeParts
        result.freeNumbers = state.freeNumbers
        result.wordsBesideSeries = state.wordsBesideSeries
        return result
    }
}

/// What the rules know while scoring one candidate under one view.
public struct ScoringState {
    public let candidate: CandidateRecord
    public let evidence: FilenameEvidence
    public let view: NameView
    /// Which of the view's tokens some rule has explained.
    public var explained: [Bool]
    public var parts: [ScorePart] = []
    public var titleMethod: Resolution.Method?
    public var disqualification: Disqualification?
    /// The title the ``TitleRule`` found, until it is settled.
    var title: TitleRule.Finding?
    /// The candidate's title split at its subtitle, normalized at import.
    var subtitle: TitleFacts.Subtitle?
    public var seriesMatched = false
    /// Where ``SeriesRule`` found the series as a phrase of its own (for the
    /// volume a number right after it may be).
    var seriesRange: Range<Int>?
    public var volumeMatched = false
    /// The dash parts no rule explained a word of (tokens without stopwords).
    var freeParts: [[String]] = []
    /// The name's numbers no rule explained.
    var freeNumbers: [String] = []
    /// Unexplained words in the series' own part (``CandidateScore/wordsBesideSeries``).
    var wordsBesideSeries: [String] = []

    public init(candidate: CandidateRecord, evidence: FilenameEvidence, view: NameView) {
        self.candidate = candidate
        self.evidence = evidence
        self.view = view
        explained = [Bool](repeating: false, count: view.tokens.count)
        // A scene name's year (`Title.1969`) is explained from the start; a
        // title may still own it (`George.Orwell.1984`).
        if let year = view.yearToken {
            for i in view.tokens.indices where view.tokens[i] == year { explained[i] = true }
        }
    }

    mutating func add(_ rule: ScoreRule, _ points: Double, _ detail: String) {
        parts.append(ScorePart(rule, points, detail))
    }

    mutating func mark(_ range: Range<Int>?) {
        if let range { for i in range { explained[i] = true } }
    }

    mutating func unmark(_ range: Range<Int>) {
        for i in range { explained[i] = false }
    }

    /// True when no token of `range` is explained yet.
    func free(_ range: Range<Int>) -> Bool { range.allSatisfy { !explained[$0] } }

    /// The name states a volume.
    var nameHasVolume: Bool { evidence.volume != nil }
}
