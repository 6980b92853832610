import TomeFilename
import TomeResolver

/// The wire form of a ``TomeResolver/Resolution``: one line of `resolve
/// --json`, one item of the batch route's `results`. One type, so the CLI
/// and the service can never drift apart.
///
/// Keys: `filename`, `book_id` (null for a refusal), `method`,
/// `confidence`, `reason`, `refusal` (a ``TomeResolver/RefusalCode``, null
/// for an answer), and `explanation` when the resolution carries one.
/// Written with ``WireJSON/encoder``: compact, keys sorted.
///
/// The single route's shorter bodies (`{"book_id", "method",
/// "confidence"}` and the plugin's 404) are TomeServer's own.
public struct ResolutionReport: Encodable, Sendable {
    public var filename: String
    public var bookID: Int64?
    public var method: Resolution.Method
    public var confidence: Double
    public var reason: String
    public var refusal: RefusalCode?
    public var explanation: ExplanationReport?

    /// The report of `r`, read through its accessors only.
    public init(_ r: Resolution) {
        filename = r.filename
        bookID = r.bookID
        method = r.method
        confidence = r.confidence
        reason = r.reason
        refusal = r.refusal
        explanation = r.explanation.map(ExplanationReport.init)
    }

    enum CodingKeys: String, CodingKey {
        case filename, bookID = "book_id", method, confidence, reason, refusal, explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(filename, forKey: .filename)
        try c.encode(bookID, forKey: .bookID)  // null for a refusal
        try c.encode(method, forKey: .method)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(reason, forKey: .reason)
        try c.encode(refusal, forKey: .refusal)  // null for an answer
        try c.encodeIfPresent(explanation, forKey: .explanation)
    }

    /// Compact JSON with sorted keys, one line.
    public func jsonLine() -> String {
        WireJSON.string(self)
    }
}
