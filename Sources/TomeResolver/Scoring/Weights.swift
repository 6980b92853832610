/// Every number the scorer and the decision use, in one place.
///
/// The README's table of weights is ``table`` rendered as Markdown
/// (`Weights.markdownTable`); a test keeps the two equal.
public enum Weights {
    // MARK: Title

    /// The title is a whole part of the name (`It - Stephen King`).
    public static let title = 80.0
    /// The title or the series as a whole part when the name states a volume:
    /// `Overlord Vol. 1` may name either, so both weigh the same.
    public static let nameBesideVolume = 50.0
    /// An alternative title weighs this much less than the title.
    public static let altTitleDiscount = 5.0
    /// A book's title before its subtitle (`The Diamond Age` for `The Diamond
    /// Age: Or, A Young Lady's Illustrated Primer`), for a book in no series,
    /// weighs this much less.
    public static let mainTitleDiscount = 10.0
    /// A book's subtitle alone (`The Modern Prometheus`) weighs this much less.
    public static let subtitleDiscount = 20.0
    /// A title or series matched without its leading article (`Walking Dead`
    /// for `The Walking Dead`) weighs this much less: a book whose title has
    /// no article may be the one meant. Such a series never weighs more than
    /// ``series``.
    public static let articleDiscount = 10.0
    /// The title without its own volume marker (`Bleach, Volume 01` for
    /// `Bleach.epub`), when the name states no volume.
    public static let titleWithoutVolume = 45.0
    /// The whole name (markers and tags included) is the book's exact title:
    /// one margin more than a book whose title it only contains.
    public static let wholeName = 15.0
    /// A distinctive title inside a longer part that nothing else explains
    /// (2+ words, or one word of 5+ letters). Also a leading fragment made of
    /// whole words in a name that ends cleanly: it may be another book's title.
    public static let titleInside = 20.0
    /// A leading fragment of the title cut mid-word, or at a device's length limit.
    public static let titleFragment = 60.0
    /// The title with one character's typo (titles of 12+ characters).
    public static let titleTypo = 50.0
    /// The same, for titles of 20+ characters.
    public static let longTitleTypo = 58.0

    // MARK: Series, volume, author

    /// The series name in the name (as a whole part beside a volume: ``nameBesideVolume``).
    public static let series = 30.0
    /// The name's volume equals the book's series index (or title volume).
    public static let volume = 30.0
    /// A number ending the name, with no marker, equals the book's volume.
    public static let trailingVolume = 25.0
    /// The comic run the name states equals the book's (another run disqualifies).
    public static let run = 5.0
    /// An author's full name (also `by Author`, `(Author)`, `Last, First`).
    public static let author = 25.0
    /// An author's name spelled differently (`Fyodor Dostoevsky` for `Fedor Dostoevskiy`).
    public static let authorSpelling = 15.0
    /// An author's surname alone in its part.
    public static let authorSurname = 12.0
    /// The bracketed year equals the book's year.
    public static let year = 5.0
    /// A comic-book archive (`.cbz`, `.cbr`…) for a manga or comic.
    public static let comicArchive = 3.0

    // MARK: Contradictions and unexplained words

    /// The name's `by Author` or `(Author)` is not this book's.
    public static let authorMismatch = -30.0
    /// `Title (2)` while the book is another volume.
    public static let numberMismatch = -30.0
    /// A part around a spaced dash that nothing explains.
    public static let unexplainedPart = -30.0
    /// The same for a comic: comic names carry series, not authors, so an
    /// unexplained part is another series' name (`Marc Spector - Moon Knight 025`).
    public static let unexplainedComicPart = -60.0
    /// Any other word nothing explains.
    public static let unexplainedWord = -8.0
    /// An unexplained stopword (`the`, `of`…).
    public static let unexplainedStopword = -2.0
    /// Unexplained words cost at most this much together.
    public static let unexplainedWordsCap = -48.0

    // MARK: Verdict

    /// The least a candidate must score to be answered.
    public static let threshold = 55.0
    /// How far ahead of the next live candidate the best must be.
    public static let margin = 15.0

    /// One row of the README's table.
    public struct Row: Sendable {
        public var evidence: String
        public var points: String
    }

    static func p(_ value: Double) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "") + fmt(abs(value))
    }

    /// The weights, as the README shows them.
    public static let table: [Row] = [
        Row(evidence: "the title is a whole part of the name (`It - Stephen King`)",
            points: "\(p(title)) (\(p(nameBesideVolume)) when the name states a volume)"),
        Row(evidence: "an alt title is a whole part",
            points: "\(p(title - altTitleDiscount)) (\(p(nameBesideVolume - altTitleDiscount)) with a volume)"),
        Row(evidence: "the title without its volume marker, when the name names no volume", points: p(titleWithoutVolume)),
        Row(evidence: "the title before its subtitle (`The Diamond Age`), as a whole part, for a book in no series",
            points: "\(p(title - mainTitleDiscount)) (\(p(nameBesideVolume - mainTitleDiscount)) with a volume)"),
        Row(evidence: "the title's subtitle alone (`The Modern Prometheus`), as a whole part",
            points: "\(p(title - subtitleDiscount)) (\(p(nameBesideVolume - subtitleDiscount)) with a volume)"),
        Row(evidence: "the title without its leading article (`Walking Dead`), as a whole part",
            points: "\(p(title - articleDiscount)) (\(p(nameBesideVolume - articleDiscount)) with a volume)"),
        Row(evidence: "the whole name, markers and tags included, is the book's exact title (added to the title's points)",
            points: p(wholeName)),
        Row(evidence: "the title inside a longer part whose rest the author or series explains", points: "as a whole part"),
        Row(evidence: "the title inside a longer part otherwise (2+ words, or one word of 5+ letters)", points: p(titleInside)),
        Row(evidence: "a leading fragment of the title, cut mid-word or at the device's limit (whole words only: \(p(titleInside)))",
            points: p(titleFragment)),
        Row(evidence: "the title with one character's typo, 12+ characters (20+ characters: \(p(longTitleTypo)))", points: p(titleTypo)),
        Row(evidence: "the series name (a whole part, with a volume in the name: \(p(nameBesideVolume)))", points: p(series)),
        Row(evidence: "the volume read from the name equals the series index", points: p(volume)),
        Row(evidence: "a trailing number, without a marker, equals the series index", points: p(trailingVolume)),
        Row(evidence: "a comic's run (`v1` in `v1 #245`) equals the book's run (another run disqualifies)", points: p(run)),
        Row(evidence: "an author's full name / another spelling / surname alone",
            points: "\(p(author)) / \(p(authorSpelling)) / \(p(authorSurname))"),
        Row(evidence: "the year in brackets equals the book's year", points: p(year)),
        Row(evidence: "a comic-book archive for a manga or comic", points: p(comicArchive)),
        Row(evidence: "the name's `by Author` or `(Author)` is not this book's", points: p(authorMismatch)),
        Row(evidence: "`Title (2)` while the book is another volume", points: p(numberMismatch)),
        Row(evidence: "a part of the name around a spaced dash that nothing explains (for a comic: \(p(unexplainedComicPart)))",
            points: p(unexplainedPart)),
        Row(evidence: "any other unexplained word (stopword \(p(unexplainedStopword)); at most \(p(unexplainedWordsCap)) in all)",
            points: p(unexplainedWord)),
        Row(evidence: "**answer** when the best scores at least", points: fmt(threshold)),
        Row(evidence: "**answer** only when the best is ahead of the next by at least", points: fmt(margin)),
    ]

    /// ``table`` as Markdown.
    public static var markdownTable: String {
        (["| Evidence | Points |", "|---|---|"] + table.map { "| \($0.evidence) | \($0.points) |" }).joined(separator: "\n")
    }
}
