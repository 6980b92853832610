import TomeFilename

/// The resolver's decision about one filename: a book, or a refusal with a
/// reason a person understands.
public struct Resolution: Sendable {
    /// How the answer was found.
    public enum Method: String, Sendable, Codable {
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
        /// No answer.
        case none
    }

    /// The filename as given.
    public var filename: String
    /// The host library's book id, or nil when the resolver refuses.
    public var bookID: Int64?
    public var method: Method
    /// In [0, 1]: how clearly the answer stands out (0 for refusals).
    public var confidence: Double
    /// Why: the deciding evidence for an answer, the obstacle for a refusal.
    public var reason: String
    /// The evidence and the scored candidates, when asked for.
    public var explanation: Explanation?

    public init(filename: String, bookID: Int64?, method: Method, confidence: Double, reason: String, explanation: Explanation? = nil) {
        self.filename = filename
        self.bookID = bookID
        self.method = method
        self.confidence = confidence
        self.reason = reason
        self.explanation = explanation
    }

    public var isResolved: Bool { bookID != nil }

    static func refusal(_ filename: String, _ reason: String) -> Resolution {
        Resolution(filename: filename, bookID: nil, method: .none, confidence: 0, reason: reason)
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

/// One candidate book and why it scored what it scored.
public struct CandidateScore: Sendable {
    public var bookID: Int64
    public var title: String
    public var authors: [String]
    public var series: String?
    public var seriesIndex: Double?
    /// The parts of the score, in the order they were weighed (`title exact
    /// +70`, `author +25`, `unexplained "messiah" -8`…).
    public var parts: [(name: String, points: Double)]
    /// Why this candidate can never win (`volume 3 ≠ 2`), if it cannot.
    public var disqualified: String?
    /// The kind of title evidence, if any.
    public var titleMethod: Resolution.Method?
    /// The series this book belongs to, as a key: its series, or else its
    /// title without the volume (`Vampire Knight, Vol. 9` → `vampire knight`).
    public var group: String = ""

    public var total: Double { parts.reduce(0) { $0 + $1.points } }
}
