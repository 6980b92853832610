import Foundation
import Hummingbird
import NIOCore
import TomeCatalog
import TomeResolver
import TomeWire

// The JSON bodies of the TomeSync routes and the service: what they read
// (`Decodable`) and what they answer (`ResponseEncodable`).

/// Hummingbird's response encoder for TomeResolver's JSON: ``TomeWire/WireJSON``'s
/// one encoder (compact, keys sorted, `/` not escaped), `Content-Type:
/// application/json`, status 200 (a route sets another).
///
/// ``ResolveRequestContext`` answers with it; the routes' own bodies use it
/// whatever the host's context, so a host's routes answer the same bytes as
/// `tome-resolve serve`.
public struct TomeJSONEncoder: ResponseEncoder, Sendable {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try WireJSON.encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A body of the routes: encoded by ``TomeJSONEncoder``, not by the
/// request context's own `responseEncoder`.
protocol TomeJSONBody: ResponseEncodable {}

extension TomeJSONBody {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        try TomeJSONEncoder().encode(self, from: request, context: context)
    }

    /// The response, with `status`.
    func response(_ status: HTTPResponse.Status, from request: Request, context: some RequestContext) throws -> Response {
        var response = try response(from: request, context: context)
        response.status = status
        return response
    }
}

/// `{"detail": "…"}`: every error's body.
struct ErrorBody: TomeJSONBody {
    var detail: String
}

/// The single route's answer (200): `{"book_id": 17, "method": "title",
/// "confidence": 0.98}`.
struct ResolveAnswer: TomeJSONBody {
    var bookID: Int64?
    var method: Resolution.Method
    var confidence: Double

    init(_ r: Resolution) {
        bookID = r.bookID
        method = r.method
        confidence = r.confidence
    }

    enum CodingKeys: String, CodingKey {
        case bookID = "book_id", method, confidence
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bookID, forKey: .bookID)
        try c.encode(method, forKey: .method)
        try c.encode(confidence, forKey: .confidence)
    }
}

/// The single route's refusal (404): `{"detail": …, "reason": "…",
/// "refusal": "<code>"}`, `detail` in the TomeSync plugin's own words.
struct ResolveRefusal: TomeJSONBody {
    var detail: String
    var reason: String
    var refusal: RefusalCode?

    init(_ r: Resolution) {
        detail = r.refusal == .ambiguous ? "Ambiguous filename; could not resolve uniquely" : "No matching book found"
        reason = r.reason
        refusal = r.refusal
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(detail, forKey: .detail)
        try c.encode(reason, forKey: .reason)
        try c.encode(refusal, forKey: .refusal)
    }

    enum CodingKeys: String, CodingKey { case detail, reason, refusal }
}

/// The batch route's answer: `{"results": [report, …]}`, in request order,
/// each a ``TomeWire/ResolutionReport`` (what `resolve --json` prints).
struct BatchResults: TomeJSONBody {
    var results: [ResolutionReport]
}

/// The match route's answer: `{"matches": {"<hash>": book_id, …}}`.
struct HashMatches: TomeJSONBody {
    var matches: [String: Int64]
}

/// The batch route's body: `{"filenames": ["…", …]}`.
struct BatchRequest: Decodable {
    var filenames: [String]

    /// The list's member, and what its elements are called in a 400.
    static let member = "filenames", noun = "filenames per batch"

    /// The filenames of a body, at most `limit`, or a 400 that says what is
    /// wrong with it. A body of more is refused as soon as its name
    /// `limit + 1` starts (``JSONArrayCount``), before anything is decoded.
    static func filenames(in body: ByteBuffer, limit: Int) throws -> [String] {
        try JSONArrayCount.bounded(member, noun, in: body, limit: limit, decode: decode)
    }

    /// All the filenames of a body, however many, or a 400.
    static func decode(_ body: ByteBuffer) throws -> [String] {
        do {
            return try JSONDecoder().decode(BatchRequest.self, from: Data(buffer: body)).filenames
        } catch DecodingError.keyNotFound {
            throw APIError.badRequest("\"filenames\" must be an array of strings")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            if let index = context.codingPath.last?.intValue {
                throw APIError.badRequest("filenames[\(index)] is not a string")
            }
            if context.codingPath.isEmpty {
                throw APIError.badRequest("the body must be a JSON object: {\"filenames\": [\"…\"]}")
            }
            throw APIError.badRequest("\"filenames\" must be an array of strings")
        } catch {
            throw APIError.badRequest("the body must be a JSON object: {\"filenames\": [\"…\"]}")
        }
    }
}

/// The match route's body: `{"hashes": ["<32 hex>", …]}`. The plugin's JSON
/// encoder writes an empty list as `{}`, so `{"hashes": {}}`, `{"hashes":
/// null}` and `{}` read as no hashes.
struct HashesRequest: Decodable {
    var hashes: [String]

    /// The list's member, and what its elements are called in a 400.
    static let member = "hashes", noun = "hashes per request"

    /// The hashes of a body, at most `limit`, or a 400 that says what is
    /// wrong with it. A body of more is refused as soon as its hash
    /// `limit + 1` starts (``JSONArrayCount``), before anything is decoded.
    static func hashes(in body: ByteBuffer, limit: Int) throws -> [String] {
        try JSONArrayCount.bounded(member, noun, in: body, limit: limit, decode: decode)
    }

    /// All the hashes of a body, however many, or a 400.
    static func decode(_ body: ByteBuffer) throws -> [String] {
        do {
            return try JSONDecoder().decode(HashesRequest.self, from: Data(buffer: body)).hashes
        } catch let error as APIError {
            throw error
        } catch {
            // Not JSON, or not an object.
            throw APIError.badRequest("the body must be a JSON object: {\"hashes\": [\"<32 hex digits>\", …]}")
        }
    }

    enum CodingKeys: String, CodingKey { case hashes }

    /// Any key, to see whether an object is empty.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws a 400 ``APIError`` for a `hashes` of another shape; a body
    /// that is no JSON object fails before (the whole body is parsed first).
    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self)
        guard object.contains(.hashes), try !object.decodeNil(forKey: .hashes) else {
            hashes = []
            return
        }
        if var list = try? object.nestedUnkeyedContainer(forKey: .hashes) {
            var hashes: [String] = []
            while !list.isAtEnd {
                let index = list.currentIndex
                guard let hash = try? list.decode(String.self), KOReaderDigest.isPartialMD5(hash) else {
                    throw APIError.badRequest("hashes[\(index)] is not 32 hexadecimal digits")
                }
                hashes.append(hash)
            }
            self.hashes = hashes
        } else if let empty = try? object.nestedContainer(keyedBy: AnyKey.self, forKey: .hashes), empty.allKeys.isEmpty {
            hashes = []
        } else {
            throw APIError.badRequest("\"hashes\" must be an array of strings")
        }
    }
}

extension JSONArrayCount {
    /// The strings of a body's array `member`, decoded by `decode`, or a 400
    /// `at most 500 filenames per batch, got 501 or more` (with `noun`) as
    /// soon as item `limit + 1` starts, before anything is decoded.
    static func bounded(_ member: String, _ noun: String, in body: ByteBuffer, limit: Int,
                        decode: (ByteBuffer) throws -> [String]) throws -> [String] {
        var counter = JSONArrayCount(limit: limit, member: member)
        if counter.feed(body) { throw counter.tooMany(noun) }
        let items = try decode(body)
        guard items.count <= limit else {
            throw APIError.badRequest("at most \(limit) \(noun), got \(items.count)")
        }
        return items
    }
}
