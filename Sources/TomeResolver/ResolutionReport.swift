import Foundation
import TomeFilename

/// The wire form of a ``Resolution``: what `resolve --json` prints, what
/// the batch route returns per name, and what the single route answers.
/// One type, so the CLI and the service can never drift apart.
///
/// | form | keys |
/// |---|---|
/// | ``Form/full`` (CLI lines, batch items) | `filename`, `book_id` (null for a refusal), `method`, `confidence`, `reason`, `refusal` (null for an answer), `explanation` when asked |
/// | ``Form/answer`` (single route, 200) | `book_id`, `method`, `confidence` |
/// | ``Form/refusal`` (single route, 404) | `detail`, `reason`, `refusal` |
///
/// Decoding reads every key but `explanation`.
public struct ResolutionReport: Codable, Sendable {
    /// Which keys are written.
    public enum Form: Sendable { case full, answer, refusal }

    public var form: Form = .full
    public var filename: String?
    public var bookID: Int64?
    public var method: Resolution.Method?
    public var confidence: Double?
    public var reason: String?
    public var refusal: RefusalCode?
    /// The TomeSync plugin's own words for a 404.
    public var detail: String?
    public var explanation: ExplanationReport?

    public init(_ r: Resolution, form: Form = .full) {
        self.form = form
        switch form {
        case .full:
            filename = r.filename
            bookID = r.bookID
            method = r.method
            confidence = r.confidence
            reason = r.reason
            refusal = r.refusal
            explanation = r.explanation.map(ExplanationReport.init)
        case .answer:
            bookID = r.bookID
            method = r.method
            confidence = r.confidence
        case .refusal:
            detail = r.refusal == .ambiguous ? "Ambiguous filename; could not resolve uniquely" : "No matching book found"
            reason = r.reason
            refusal = r.refusal
        }
    }

    enum CodingKeys: String, CodingKey {
        case filename, bookID = "book_id", method, confidence, reason, refusal, detail, explanation
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        filename = try c.decodeIfPresent(String.self, forKey: .filename)
        bookID = try c.decodeIfPresent(Int64.self, forKey: .bookID)
        method = try c.decodeIfPresent(Resolution.Method.self, forKey: .method)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        refusal = try c.decodeIfPresent(RefusalCode.self, forKey: .refusal)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        form = detail != nil ? .refusal : filename != nil ? .full : .answer
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch form {
        case .full:
            try c.encode(filename, forKey: .filename)
            try c.encode(bookID, forKey: .bookID)  // null for a refusal
            try c.encode(method, forKey: .method)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(reason, forKey: .reason)
            try c.encode(refusal, forKey: .refusal)  // null for an answer
            try c.encodeIfPresent(explanation, forKey: .explanation)
        case .answer:
            try c.encode(bookID, forKey: .bookID)
            try c.encode(method, forKey: .method)
            try c.encode(confidence, forKey: .confidence)
        case .refusal:
            try c.encode(detail, forKey: .detail)
            try c.encode(reason, forKey: .reason)
            try c.encode(refusal, forKey: .refusal)
        }
    }

    /// Compact JSON with sorted keys, one line.
    public func jsonLine() -> String {
        String(decoding: Self.encode(self), as: UTF8.self)
    }

    /// Compact JSON with sorted keys.
    public static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value here is encodable; a failure would be a bug.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// `--explain`'s evidence and candidates, as JSON.
public struct ExplanationReport: Encodable, Sendable {
    public var evidence: EvidenceReport
    public var statements: Int
    public var candidates: [Candidate]

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
        candidates = x.candidates.map { c in
            Candidate(bookID: c.bookID, title: c.title, authors: c.authors, series: c.series, seriesIndex: c.seriesIndex,
                      score: c.total, disqualified: c.disqualification?.description,
                      parts: c.parts.map { Part(rule: $0.rule, points: $0.points, detail: $0.detail) })
        }
    }
}
