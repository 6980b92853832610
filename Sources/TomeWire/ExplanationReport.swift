import TomeFilename
import TomeResolver

/// `--explain`'s evidence and candidates, as JSON: the `explanation` of a
/// ``ResolutionReport``.
public struct ExplanationReport: Encodable, Sendable {
    public var evidence: EvidenceReport
    public var statements: Int
    public var candidates: [Candidate]
    /// The last candidate source asked (``TomeResolver/CandidateSource``);
    /// absent when the name was decided before candidates.
    public var source: String?
    /// The veto that refused (``TomeResolver/Veto``), when one did.
    public var veto: String?

    /// One scored candidate.
    public struct Candidate: Encodable, Sendable {
        public var bookID: Int64
        public var title: String
        public var authors: [String]
        public var series: String?
        public var seriesIndex: Double?
        public var score: Double
        public var disqualified: String?
        public var parts: [Part]

        enum CodingKeys: String, CodingKey {
            case bookID = "book_id", title, authors, series, seriesIndex = "series_index", score, disqualified, parts
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(bookID, forKey: .bookID)
            try c.encode(title, forKey: .title)
            try c.encode(authors, forKey: .authors)
            try c.encode(series, forKey: .series)
            try c.encode(seriesIndex, forKey: .seriesIndex)
            try c.encode(score, forKey: .score)
            try c.encode(disqualified, forKey: .disqualified)
            try c.encode(parts, forKey: .parts)
        }
    }

    /// One part of a score.
    public struct Part: Encodable, Sendable {
        public var rule: ScoreRule
        public var points: Double
        public var detail: String
    }

    public init(_ x: Explanation) {
        evidence = EvidenceReport(x.evidence)
        statements = x.statements
        source = x.source?.rawValue
        veto = x.veto?.rawValue
        candidates = x.candidates.map { c in
            Candidate(bookID: c.bookID, title: c.title, authors: c.authors, series: c.series, seriesIndex: c.seriesIndex,
                      score: c.total, disqualified: c.disqualification?.description,
                      parts: c.parts.map { Part(rule: $0.rule, points: $0.points, detail: $0.detail) })
        }
    }
}
