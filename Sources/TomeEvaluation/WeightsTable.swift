import TomeFilename
import TomeResolver

// The README's table of weights, rendered from ``Weights``: documentation
// tooling, kept out of the resolver. `ReadmeContractTests` keeps the README
// equal to it.
extension Weights {
    /// One row of the README's table.
    public struct Row: Sendable {
        public var evidence: String
        public var points: String
    }

    static func p(_ value: Double) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "") + FilenameEvidence.format(abs(value))
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
        Row(evidence: "**answer** when the best scores at least", points: FilenameEvidence.format(threshold)),
        Row(evidence: "**answer** only when the best is ahead of the next by at least", points: FilenameEvidence.format(margin)),
    ]

    /// ``table`` as Markdown.
    public static var markdownTable: String {
        (["| Evidence | Points |", "|---|---|"] + table.map { "| \($0.evidence) | \($0.points) |" }).joined(separator: "\n")
    }
}
