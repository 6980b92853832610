/// Every number the scorer and the decision use, in one place.
///
/// The README's table of weights is rendered from these numbers by
/// TomeEvaluation (`Weights.markdownTable`); a test keeps the two equal.
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
}
