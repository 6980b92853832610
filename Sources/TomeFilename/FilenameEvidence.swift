/// Everything ``FilenameReader`` read from one filename.
///
/// Evidence is a hint, not a verdict: an author candidate may be the title,
/// a trailing number may be part of the title (`Fahrenheit 451`). The resolver
/// weighs it against the catalog; ``findings`` say what was decided and where.
public struct FilenameEvidence: Sendable, Hashable {
    /// The text that was read, as given (a basename or a path).
    public var filename: String
    /// The folders of a path, outermost first (weak evidence: the last is
    /// often the series or the author).
    public var directories: [String] = []
    /// The last path component.
    public var basename: String = ""
    /// The known extension, lowercased, without the leading dot
    /// (`epub`, `kepub.epub`, `cbz`), or nil when the name has none we know.
    public var fileExtension: String?
    /// The parts of the name that remain once tags, markers and numbers are
    /// read out, in order. Parts are split at spaced dashes (`Author - Title`),
    /// at volume markers and at removed tags.
    public var segments: [Segment] = []
    /// The volume (series index) the name states, if it states exactly one.
    public var volume: Double?
    /// How the volume was written.
    public var volumeForm: VolumeForm?
    /// A comic's run (ComicInfo's `Volume`: `1`, `2`, `1963`), read from a
    /// `vN` followed by an issue number (`Fantastic Four v1 #245`): the issue
    /// is then the ``volume`` (a comic's series index), never the run.
    public var run: Double?
    /// A comic series' start year in brackets before the issue (`Thor (1998)
    /// 001`, ComicRack's `Series (Volume)`): which run, not the cover year.
    public var seriesYear: Int?
    /// The kind of book a bracketed qualifier names: `(Manga)`, `(Light
    /// Novel)`, `(LN)`, `(Comic)` → `manga`, `light_novel`, `comic`.
    public var formatHint: String?
    /// The words of a collected-edition tag (`(3-in-1 Edition)`, `(Omnibus)`,
    /// `[Box Set]`), normalized: such a file is not a single volume.
    public var collectedEdition: [String] = []
    /// A collection tag beside the name's words (`TPB`, `HC`, `(Trade
    /// Paperback)`), lowercased: the file collects several issues, so it is
    /// no single issue of a comic series.
    public var collectionTag: String?
    /// The edition a bracketed tag names (`(2nd Edition)` → 2): a book whose
    /// title names no such edition is another book.
    public var edition: Int?
    /// Volume markers read after the first that state another number
    /// (`Berserk v02 v03`, `Vol. 2 Vol. 12`): a name that states two
    /// volumes does not single out one book.
    public var otherVolumes: [Double] = []
    /// Letters glued to the issue number by a dot (`#31.LR`, `#1.BEY`): a
    /// variant of the issue, which only a book with these letters in its
    /// title is.
    public var volumeSuffix: String?
    /// A range of volumes (`1-3`, `v16-17`); never also reported as ``volume``.
    public var volumeRange: ClosedRange<Double>?
    /// The chapter the name states, kept apart from volumes.
    public var chapter: Double?
    /// A range of chapters (`c001-008`).
    public var chapterRange: ClosedRange<Double>?
    /// A year from a bracketed tag such as `(2019)`, from a dash part that is
    /// only a year (`Stories - 1951 - …`), or from a dotted name (`Title.1969`).
    public var year: Int?
    /// A four-digit number of a dotted or underscored name (`The.Left.Hand.of.
    /// Darkness.1969`, `Neuromancer.1984.William.Gibson`) read as a year but
    /// left in the title text: a title may own it (`George.Orwell.1984`).
    public var yearInTitle: Int?
    /// ``yearInTitle`` when it is a dash part of its own (`1984 - Neuromancer`,
    /// `Stories - 1951 - …`), not a scene name's year: such a part may also
    /// be a book's whole title.
    public var dashPartYear: Int?
    /// People who may be the author, with the reading they come from.
    public var authors: [AuthorCandidate] = []
    /// The series the name seems to name (the text before a volume marker, or
    /// the series inside `(Series, Book 3)`).
    public var seriesHint: String?
    /// A number at the very end of the title text that no marker claims
    /// (`Berserk 02`, but also `Fahrenheit 451`): the resolver decides.
    public var trailingNumber: Double?
    /// A small number alone in ASCII parentheses, `Dune (2)`: a browser's
    /// second copy, or a volume. Kept as noise; the resolver must not
    /// contradict it.
    public var bracketedNumber: Double?
    /// Tags removed from the name: release groups, `(Digital)`, `{r2}`, `c2c`…
    public var noise: [String] = []
    /// True when the name looks cut by a device's length limit, so its last
    /// word may be a fragment.
    public var truncated: Bool = false
    /// Every decision the reader made, in the order it made them.
    public var findings: [Finding] = []

    /// The inner text of each bracketed group read only as a tag
    /// (`Oathbringer` of `Words of Radiance (Oathbringer)`), unless every
    /// word of it is a release-tag word (``FilenameReader/isReleaseTag(_:)``:
    /// `(Digital)`, `(Retail)`). Such a group may be another book's title:
    /// the resolver looks it up and refuses a name that names two books.
    public var unreadGroups: [String] {
        findings.compactMap { finding -> String? in
            guard finding.kind == .noise, finding.detail == "tag", finding.text.count > 2 else { return nil }
            let inner = String(finding.text.dropFirst().dropLast())
            return FilenameReader.isReleaseTag(inner) ? nil : inner
        }
    }

    /// Title parts a bracketed group cut in two with no dash between
    /// (`Hunger: A Memoir of (My) Body` is read as `Hunger: A Memoir of` and
    /// `Body`, `(My)` a tag): whole, they may be another book's title, which
    /// the resolver looks up and refuses (issue #21).
    public var tagSplitParts: [TagSplitPart] = []

    /// The remaining title text: the ``segments`` joined by ` - `.
    public var title: String { segments.map(\.text).joined(separator: " - ") }

    /// The comparison tokens of the remaining title text.
    public var tokens: [String] { segments.flatMap(\.tokens) }

    public init(filename: String) {
        self.filename = filename
    }
}

/// A part of the name that bracketed groups cut into pieces
/// (``FilenameEvidence/tagSplitParts``).
public struct TagSplitPart: Sendable, Hashable {
    /// The part's text, groups included (`Hunger: A Memoir of (My) Body`).
    public var text: String
    /// Its comparison tokens, the groups' words included.
    public var tokens: [String]
    /// The comparison tokens of each piece (each a ``Segment``'s).
    public var pieces: [[String]]
}

/// A part of the title text, with its place in the original name.
public struct Segment: Sendable, Hashable {
    /// The original text of the part (`The Hunger Games`).
    public var text: String
    /// Where it is in the filename.
    public var span: TextSpan
    /// Its comparison tokens, from ``TomeNormalization/TextNormalizer``.
    public var tokens: [String]
    /// True when a spaced dash (` - `, ` — `) separates it from the part
    /// before: `Author - Title` has two parts, the second after a dash.
    public var afterDash: Bool = false
}

/// Someone who may be the author, and why the reader thinks so.
public struct AuthorCandidate: Sendable, Hashable {
    /// Where in the name the candidate stood.
    public enum Position: String, Sendable, Hashable, Codable {
        /// Before the first spaced dash: `Author - Title` (OPDS).
        case leading
        /// After the last spaced dash: `Title - Author` (Calibre).
        case trailing
        /// After `by`: `Title by Author`.
        case by
        /// Alone in parentheses: `Title (Author)`.
        case parenthesised
    }

    public var name: String
    public var position: Position
    public var span: TextSpan
    /// The comparison tokens of a leading or trailing candidate written in
    /// a library's sort form (`Goodkind, Terry`: one comma, one or two
    /// words before it, one to three after, no digits, not `Fog, The`),
    /// which names nothing but a person; nil for any other candidate.
    public var sortFormTokens: [String]? = nil
}

/// How a volume number was written, which tells how much to trust it.
public enum VolumeForm: String, Sendable, Hashable, Codable {
    /// `Vol. 12`, `Volume 12`, `vol.12`.
    case volumeWord = "volume-word"
    /// `v12`, `v012`, `V12`.
    case vPrefix = "v-prefix"
    /// `Book 3`, `Bk. 3`.
    case bookWord = "book-word"
    /// `#3`, `No. 3`.
    case numberSign = "number-sign"
    /// `Tome 2`, `Том 1`, `Band 4`, `Tomo 5`.
    case foreignWord = "foreign-word"
    /// `第3巻`, `1巻`, `7.5권`, `第1册`.
    case cjkMarker = "cjk-marker"
    /// `(Series, Book 3)`, `(Series #3)`.
    case bracketSeries = "bracket-series"
    /// `Series - 03 - Title`, `03 - Title`: a short number alone between dashes.
    case dashedNumber = "dashed-number"
    /// A bare range such as `Title 1-3` (ranges only).
    case bareRange = "bare-range"
    /// A comic's issue: `#245`, `No. 12`, `Issue 7`, or the number after a
    /// run (`v1 0337`, `V2-#031`), or a limited series' `(3 of 6)`.
    case issue
}

/// One decision of the reader: what it found, where, and what it made of it.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case directory, `extension`, volume, run, volumeRange = "volume-range", chapter,
             chapterRange = "chapter-range", year, author, seriesHint = "series-hint",
             noise, trailingNumber = "trailing-number", truncated, segment
    }

    public var kind: Kind
    /// The original text the decision is about.
    public var text: String
    public var span: TextSpan
    /// The form or reason (`v-prefix`, `leading`, `bracket`…).
    public var detail: String?
    /// A numeric value, when the finding has one.
    public var value: Double?

    public init(kind: Kind, text: String, span: TextSpan, detail: String? = nil, value: Double? = nil) {
        self.kind = kind
        self.text = text
        self.span = span
        self.detail = detail
        self.value = value
    }

    public var description: String {
        var line = "\(kind.rawValue) \"\(text)\" @\(span)"
        if let detail { line += " (\(detail))" }
        if let value { line += " = \(FilenameEvidence.format(value))" }
        return line
    }
}

extension FilenameEvidence {
    /// `3` for 3.0, `2.5` for 2.5: how numbers are shown to people.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
