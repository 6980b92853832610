/// One candidate book and why it scored what it scored.
public struct CandidateScore: Sendable {
    public var bookID: Int64
    public var title: String
    public var authors: [String]
    public var series: String?
    public var seriesIndex: Double?
    /// The parts of the score, in the order they were weighed.
    public var parts: [ScorePart]
    /// Why this candidate can never win, if it cannot.
    public var disqualification: Disqualification?
    /// The kind of title evidence, if any.
    public var titleMethod: Resolution.Method?
    /// The series this book belongs to, as a key: its series, or else its
    /// title without the volume (`Vampire Knight, Vol. 9` → `vampire knight`).
    public var group: String = ""
    /// The normalized title and series, for whole-name comparisons.
    public var titleTokens: [String] = []
    public var seriesTokens: [String] = []
    /// The title in Latin letters (transliterated), for comparing with a
    /// name read in another script.
    public var titleLatinTokens: [String] = []
    /// The tokens of the title form the name matched, if any.
    public var matchedTitle: [String] = []
    /// For a title matched as a fragment cut mid-word, the name's words.
    public var cutFragment: [String] = []
    /// The title says no more than its series and number (`Fantastic Four #12`).
    public var titleIsSeriesAndNumber = false
    /// The name's dash parts this book leaves a word of unexplained, each as
    /// its words without stopwords, and apart, those unexplained words
    /// (`Brandon Sanderson - The Way of Kings - Words of Radiance` for The
    /// Way of Kings: `words radiance`).
    public var freeParts: [[String]] = []
    /// The name's numbers (tokens of digits) nothing in this book explains.
    public var freeNumbers: [String] = []
    /// Words nothing explained in the part that holds the series the name
    /// was matched by (`too` of `The Filth Too 5`): a look-alike series.
    public var wordsBesideSeries: [String] = []

    public var total: Double { parts.reduce(0) { $0 + $1.points } }

    /// True when no disqualification rules the candidate out.
    public var isLive: Bool { disqualification == nil }

    /// True when the candidate is ruled out only for lacking the name's volume.
    public var lacksVolume: Bool {
        switch disqualification {
        case .otherVolume?, .noVolume?: true
        default: false
        }
    }

    /// Points earned from the name's words (title, series, author), leaving
    /// the volume, the year and the format aside.
    public var nameEvidence: Double {
        parts.filter { $0.points > 0 && $0.rule.kind.isNameEvidence }.reduce(0) { $0 + $1.points }
    }

    /// True when some part of the score is of `kind`.
    public func has(_ kind: ScoreRule.Kind) -> Bool { parts.contains { $0.rule.kind == kind } }

    /// True when some part of the score comes from `rule`.
    public func hasRule(_ rule: ScoreRule) -> Bool { parts.contains { $0.rule == rule } }
}
