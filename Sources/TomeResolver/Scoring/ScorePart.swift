/// One part of a candidate's score: which rule gave it, how many points,
/// and a short phrase for people (`title exact`, `unexplained "messiah"`).
public struct ScorePart: Sendable, Hashable {
    public var rule: ScoreRule
    public var points: Double
    /// For people only; code switches on ``rule``.
    public var detail: String

    public init(_ rule: ScoreRule, _ points: Double, _ detail: String) {
        self.rule = rule
        self.points = points
        self.detail = detail
    }
}

/// The rules that give or take points. ``Weights`` holds their points.
///
/// Raw values appear in `--explain --json` output; never rename one.
public enum ScoreRule: String, Sendable, Codable, CaseIterable, Hashable {
    /// A title (or its core, or its transliteration) is a whole part of the name.
    case titleExact = "title_exact"
    /// The title without its own volume marker, when the name states no volume.
    case titleWithoutVolume = "title_without_volume"
    /// An alternative title is a whole part of the name.
    case altTitleExact = "alt_title_exact"
    /// A title inside a longer part whose rest the author or series explains.
    case titleWithRest = "title_with_rest"
    /// The part of the title before its subtitle is a whole part of the name.
    case titleBeforeSubtitle = "title_before_subtitle"
    /// A distinctive title inside a longer part that nothing else explains.
    case titleInside = "title_inside"
    /// The whole name, markers and tags included, is the book's exact title.
    case wholeName = "whole_name"
    /// A leading fragment of a longer title (a cut name).
    case titleFragment = "title_fragment"
    /// The title with one character's typo.
    case titleTypo = "title_typo"
    /// The series name in the name.
    case series
    /// The series name inside the part that holds the title: no extra points.
    case seriesWithTitle = "series_with_title"
    /// The name's volume equals the book's.
    case volume
    /// A number ending the name equals the book's volume.
    case trailingVolume = "trailing_volume"
    /// The comic run the name states (`v1 #245`) equals the book's.
    case run
    /// An author's name, surname, or another spelling of it.
    case author
    /// The name's `by Author` / `(Author)` is not this book's.
    case authorMismatch = "author_mismatch"
    /// `Title (2)`: a bracketed number that is not this book's volume.
    case numberMismatch = "number_mismatch"
    /// The bracketed year equals the book's.
    case year
    /// A comic archive for a manga or comic.
    case format
    /// A part of the name around a spaced dash that nothing explains.
    case unexplainedPart = "unexplained_part"
    /// Other words of the name that nothing explains.
    case unexplainedWords = "unexplained_words"

    /// What a rule's evidence is about.
    public enum Kind: String, Sendable, Hashable {
        case title, series, volume, author, contradiction, year, format, unexplained

        /// Evidence from the name's words (title, series, author).
        public var isNameEvidence: Bool { self == .title || self == .series || self == .author }
    }

    /// True for evidence that whole exact keys give — a title, alt title,
    /// series, volume, run, author, year or format — and false for a title
    /// found inside a longer part, before its subtitle, as a fragment or
    /// with a typo, for contradictions and for unexplained words. An answer
    /// whose points all come from such rules needs no full-text search
    /// (`ExactAnswer`). A new rule must say which it is.
    public var isWholeKeyEvidence: Bool {
        switch self {
        case .titleExact, .titleWithoutVolume, .altTitleExact, .wholeName, .series, .seriesWithTitle,
             .volume, .trailingVolume, .run, .author, .year, .format: true
        case .titleWithRest, .titleBeforeSubtitle, .titleInside, .titleFragment, .titleTypo,
             .authorMismatch, .numberMismatch, .unexplainedPart, .unexplainedWords: false
        }
    }

    public var kind: Kind {
        switch self {
        case .titleExact, .titleWithoutVolume, .altTitleExact, .wholeName, .titleBeforeSubtitle, .titleWithRest, .titleInside, .titleFragment, .titleTypo: .title
        case .series, .seriesWithTitle: .series
        case .volume, .trailingVolume, .run: .volume
        case .author: .author
        case .authorMismatch, .numberMismatch: .contradiction
        case .year: .year
        case .format: .format
        case .unexplainedPart, .unexplainedWords: .unexplained
        }
    }
}
