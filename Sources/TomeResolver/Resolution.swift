import TomeFilename

/// The resolver's decision about one filename: a book (``answer(_:)``), or a
/// refusal with a code and a sentence a person understands
/// (``refusal(_:)``). No other state can be built: an answer always has a
/// book id and a method, a refusal always has a code.
///
/// ```swift
/// switch try resolver.resolve("Twilight.epub") {
/// case .answer(let a):  print(a.bookID, a.method)
/// case .refusal(let r): print(r.code, r.reason)  // ambiguous, "ambiguous: 2 books titled Twilight …"
/// }
/// ```
///
/// The accessors (``bookID``, ``method``, ``refusal``, …) read either case
/// for code that only reports. Code that acts on a decision switches on the
/// case, on ``refusal`` or on ``method``; ``reason`` is for people and may
/// be reworded at any time.
public enum Resolution: Sendable {
    /// A book the name singles out.
    case answer(Answer)
    /// No answer, and why.
    case refusal(Refusal)

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
        /// No answer: what ``Resolution/method`` says of a refusal (the
        /// wire's `"method": "none"`). An ``Answer`` never has it.
        case none
    }

    /// An answer: the host library's book id and how it was found.
    public struct Answer: Sendable {
        /// The filename as given.
        public var filename: String
        public var bookID: Int64
        public var method: Method
        /// In (0, 1]: how clearly the answer stands out. See
        /// ``Verdict/confidence(best:margin:)``.
        public var confidence: Double
        /// The deciding evidence, for people.
        public var reason: String
        /// The evidence and the scored candidates, when asked for.
        public var explanation: Explanation?
    }

    /// A refusal: the name does not single out one book of the catalog.
    public struct Refusal: Sendable {
        /// The filename as given.
        public var filename: String
        /// What kind of refusal: for programs.
        public var code: RefusalCode
        /// The obstacle, for people.
        public var reason: String
        /// The evidence and the scored candidates, when asked for.
        public var explanation: Explanation?
    }

    /// The filename as given.
    public var filename: String {
        switch self {
        case .answer(let a): a.filename
        case .refusal(let r): r.filename
        }
    }

    /// The host library's book id, or nil for a refusal.
    public var bookID: Int64? {
        if case .answer(let a) = self { a.bookID } else { nil }
    }

    /// How the answer was found; ``Method/none`` for a refusal.
    public var method: Method {
        if case .answer(let a) = self { a.method } else { .none }
    }

    /// How clearly the answer stands out; 0 for a refusal.
    public var confidence: Double {
        if case .answer(let a) = self { a.confidence } else { 0 }
    }

    /// Why: the deciding evidence for an answer, the obstacle for a refusal.
    public var reason: String {
        switch self {
        case .answer(let a): a.reason
        case .refusal(let r): r.reason
        }
    }

    /// What kind of refusal this is; nil for an answer.
    public var refusal: RefusalCode? {
        if case .refusal(let r) = self { r.code } else { nil }
    }

    /// The evidence and the scored candidates, when asked for.
    public var explanation: Explanation? {
        switch self {
        case .answer(let a): a.explanation
        case .refusal(let r): r.explanation
        }
    }

    public var isResolved: Bool { bookID != nil }

    /// A refusal of `filename`.
    public static func refusal(_ filename: String, _ code: RefusalCode, _ reason: String,
                               explanation: Explanation? = nil) -> Resolution {
        .refusal(Refusal(filename: filename, code: code, reason: reason, explanation: explanation))
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
    /// The last candidate source asked: the verdict was taken over the
    /// candidates of it and of the sources before it. Nil when the name was
    /// decided before candidates (its file, its shape).
    public var source: CandidateSource?
    /// The veto that refused, when one did.
    public var veto: Veto?
}
