import Hummingbird
import NIOCore
import Synchronization

// How the routes read request bodies without letting them take the
// server's memory or CPU: one budget of buffered bytes for all requests, and
// a count of a list's elements that stops at the first one too many.

/// The bytes of request bodies a server's routes hold in memory at once,
/// across all connections (``TomeSyncRoutes/maximumBufferedBodyBytes``).
///
/// A request takes its share before its body is read — the declared
/// `Content-Length`, or the largest body allowed when it declares none —
/// and gives it back once the body is decoded. A request whose share does
/// not fit is not made to wait (waiting requests would hold their
/// connections and pile up): it is answered 503 with `Retry-After: 1` at
/// once, its body unread.
final class BodyBudget: Sendable {
    /// The most bytes held at once.
    let limit: Int
    private let held = Mutex<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// The bytes held now.
    var inUse: Int { held.withLock { $0 } }

    /// Takes `bytes`; false, taking nothing, when they do not fit.
    func take(_ bytes: Int) -> Bool {
        held.withLock { held in
            guard held + bytes <= limit else { return false }
            held += bytes
            return true
        }
    }

    /// Gives back `bytes` taken before.
    func give(_ bytes: Int) {
        held.withLock { $0 -= bytes }
    }
}

extension TomeSyncRoutes {
    /// Runs `decode` with the request's body, at most ``maximumBodyBytes``
    /// (413 when larger; 499 when the client left before sending it all),
    /// within the ``BodyBudget`` shared by all requests (503 with
    /// `Retry-After: 1` when it is spent). `decode` runs on the batch pool
    /// (``BatchWork``), never on an event loop or NIO's shared pool, so
    /// decoding bodies takes at most the cores batches may take.
    func decodeBody<T: Sendable>(_ request: Request, _ decode: @escaping @Sendable (ByteBuffer) throws -> T) async throws -> T {
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        let share = min(max(declared ?? maximumBodyBytes, 0), maximumBodyBytes)
        guard bodyBudget.take(share) else {
            throw APIError(.serviceUnavailable, "too many request bodies are being read at once: retry shortly", retryAfter: 1)
        }
        defer { bodyBudget.give(share) }
        let body = try await collectBody(request)
        return try await run(on: BatchWork.pool) { try decode(body) }
    }
}

/// A first look at a JSON body, before it is decoded: counts the elements of
/// one member's array in the top-level object, without decoding anything,
/// and stops at the first element past a limit — so a body of 2 MiB of `""`
/// is refused after its 501st, whatever follows.
///
/// It only counts: a body it cannot follow (not JSON, another shape, a key
/// written with escapes) is left to the decoder, which says what is wrong
/// (and the decoded list is counted again).
enum JSONArrayCount {
    /// Whether the array of `member` in `body`'s top-level object has more
    /// than `limit` elements; decided when element `limit + 1` starts.
    static func exceeds(_ limit: Int, member: String, in body: ByteBuffer) -> Bool {
        let key = Array("\"\(member)\"".utf8)
        return body.withUnsafeReadableBytes { exceeds(limit, key: key, in: $0) }
    }

    private enum AfterKey { case none, key, colon }

    static func exceeds(_ limit: Int, key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        var depth = 0, index = 0, count = 0
        var expectingKey = false, inArray = false, awaitingElement = false
        var afterKey = AfterKey.none
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                index += 1
                continue
            }
            if inArray && depth == 2 && awaitingElement && byte != UInt8(ascii: "]") {
                count += 1
                if count > limit { return true }
                awaitingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard let end = endOfString(bytes, from: index) else { return false }
                let isKey = depth == 1 && expectingKey
                afterKey = isKey && bytes[index...end].elementsEqual(key) ? .key : .none
                expectingKey = false
                index = end
            case UInt8(ascii: ":"):
                afterKey = afterKey == .key ? .colon : .none
            case UInt8(ascii: "["):
                if depth == 1 && afterKey == .colon { inArray = true; awaitingElement = true }
                depth += 1
                afterKey = .none
            case UInt8(ascii: "{"):
                depth += 1
                expectingKey = depth == 1
                afterKey = .none
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth <= 1 { inArray = false }
                afterKey = .none
            case UInt8(ascii: ","):
                expectingKey = depth == 1
                awaitingElement = inArray && depth == 2
                afterKey = .none
            default:
                afterKey = .none
            }
            index += 1
        }
        return false
    }

    /// The index of the quote that ends the string opened at `start`.
    static func endOfString(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }
}
