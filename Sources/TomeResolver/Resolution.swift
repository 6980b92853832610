import TomeFilename

/// The resolver's decision about one filename: a book, or a refusal with a
/// code and a sentence a person understands.
///
/// ```swift
/// let r = try resolver.resolve("Twilight.epub")
/// r.bookID   // nil
/// r.refusal  // .ambiguous
/// r.reason   // "ambiguous: 2 books titled Twilight and the name has no author"
/// ```
///
/// Code that acts on a decision switches on ``refusal`` (or ``method``);
/// ``reason`` is for people and may be reworded at any time.
public struct Resolution: Sendable {
    /// How the answer was found.
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// The file's KOReader partial MD5 is in the catalog.
        case koMD5 = "ko_md5"
        /// Exactly one live book has a file with this basename or path.
        case path
        /// The title (whole, as a phrase, or a truncated prefix) decided.
        case title
        /// An original-language or other-edition title decided.
        case altTitle = "alt_title"
        /// The series name and the volume decided.
        case series
        /// A title with a one-character typo decided.
        case typo
        /// A chapter file's series and chapter number named a chapter book
        /// (``TomeCatalog/ContentType/chapter``).
        case chapter
        /// No answer.
        case none
    }

    /// The filename as given.
    public var filename: String
    /// The host library's book id, or nil when the resolver refuses.
    public var bookID: Int64?
    public var method: Method
    /// In [0, 1]: how clearly the answer stands out (0 for refusals). See
    /// ``Decision/confidence(best:margin:)``.
    public var confidence: Double
    /// Why: the deciding evidence for an answer, the obstacle for a refusal.
    public var reason: String
    /// What kind of refusal this is; nil for an answer.
    public var refusal: RefusalCode?
    /// The evidence and the scored candidates, when asked for.
    public var explanation: Explanation?

    public init(filename: String, bookID: Int64?, method: Method, confidence: Double, reason: String,
                refusal: RefusalCode? = nil, explanation: Explanation? = nil) {
        self.filename = filename
        self.bookID = bookID
        self.method = method
        self.confidence = confidence
        self.reason = reason
        self.refusal = refusal
        self.explanation = explanation
    }

    public var isResolved: Bool { bookID != nil }

    /// A refusal of `filename`.
    public static func refusal(_ filename: String, _ code: RefusalCode, _ reason: String) -> Resolution {
        Resolution(filename: filename, bookID: nil, method: .none, confidence: 0, reason: reason, refusal: code)
    }
}

/// What the resolver read and weighed, for `--explain`.
public struct Explanation: Sendable {
    /// What the filename reader read.
    public var evidence: FilenameEvidence
    /// The best candidates, best first, each with every part of its score.
    public var candidates: [CandidateScore]
    /// SQL statements the resolve ran.
    public var statements: Int
}

/// Why a candidate can never be the answer, whatever its points.
public enum Disqualification: Sendable, Hashable, CustomStringConvertible {
    /// The name states volume `name`; the book is volume `book`.
    case otherVolume(name: Double, book: Double)
    /// The name states volume `name`; the book has no volume.
    case noVolume(name: Double)
    /// The name states comic run `name` (`v3 #12`); the book is of run `book`.
    case otherRun(name: Double, book: Double)
    /// A comic issue's cover year is not the name's year.
    case otherYear(name: Int, book: Int)
    /// The name states a volume (`v1`, `Vol. 1 TPB`) of a comic catalogued by issue.
    case volumeOfIssues(name: Double)
    /// The name says `(3-in-1 Edition)`, `(Omnibus)`…; the book's title does not.
    case notCollected(tag: String)
    /// The name says `(Manga)`, `(Light Novel)`…; the book is another kind.
    case otherFormat(name: String, book: String)

    public var description: String {
        switch self {
        case .otherVolume(let name, let book): "the name says volume \(fmt(name)); this book is volume \(fmt(book))"
        case .noVolume(let name): "the name says volume \(fmt(name)); this book has no volume"
        case .otherRun(let name, let book): "the name says run \(fmt(name)); this book is of run \(fmt(book))"
        case .otherYear(let name, let book): "the name says \(name); this issue is from \(book)"
        case .volumeOfIssues(let name): "the name says volume \(fmt(name)), a collection; this book is a single issue"
        case .otherFormat(let name, let book): "the name says \(name); this book is a \(book)"
        case .notCollected(let tag): "the name is a collected edition (\(tag)); this book is not"
        }
    }
}

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
    /// The tokens of the title form the name matched, if any.
    public var matchedTitle: [String] = []
    /// For a title matched as a fragment cut mid-word, the name's words.
    public var cutFragment: [String] = []
    /// The title says no more than its series and number (`Fantastic Four #12`).
    public var titleIsSeriesAndNumber = false

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
