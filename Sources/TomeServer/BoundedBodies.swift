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
    ///
    /// The body is counted as it arrives (`count`, a ``JSONArrayCount``): at
    /// the first element past its limit, or the first byte past
    /// ``maximumBodyBytes``, it is answered at once (`noun` names the
    /// elements in the 400) and the connection closes after the answer —
    /// the rest of the body is never read. A 503 closes it too.
    func decodeBody<T: Sendable>(_ request: Request, counting count: JSONArrayCount, of noun: String,
                                 _ decode: @escaping @Sendable (ByteBuffer) throws -> T) async throws -> T {
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > maximumBodyBytes { throw tooLarge }
        let share = min(max(declared ?? maximumBodyBytes, 0), maximumBodyBytes)
        guard bodyBudget.take(share) else {
            throw APIError(.serviceUnavailable, "too many request bodies are being read at once: retry shortly", retryAfter: 1)
                .closingConnection()
        }
        defer { bodyBudget.give(share) }
        var counter = count
        var body = ByteBuffer()
        do {
            for try await var piece in request.body {
                guard body.readableBytes + piece.readableBytes <= maximumBodyBytes else { throw tooLarge }
                if counter.feed(piece) { throw counter.tooMany(noun).closingConnection() }
                body.writeBuffer(&piece)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw BatchStop.clientGone
        }
        let collected = body
        return try await run(on: BatchWork.pool) { try decode(collected) }
    }

    private var tooLarge: APIError {
        APIError(.contentTooLarge, "the body is larger than \(maximumBodyBytes) bytes").closingConnection()
    }
}

/// A first look at a JSON body, before it is decoded: counts the elements of
/// one member's array in the top-level object, without decoding anything,
/// and stops at the first element past a limit — so a body of 2 MiB of `""`
/// is refused after its 501st, whatever follows.
///
/// It reads a body in the pieces it arrives in (``feed(_:)``), so the route
/// can stop reading a body that is already too long.
///
/// It only counts: a body it cannot follow (not JSON, another shape, a key
/// written with escapes) is left to the decoder, which says what is wrong
/// (and the decoded list is counted again).
struct JSONArrayCount {
    /// The most elements allowed.
    let limit: Int
    /// The member's name, unquoted.
    private let key: [UInt8]

    private var depth = 0, count = 0
    private var expectingKey = false, inArray = false, awaitingElement = false
    private var afterKey = AfterKey.none
    /// Inside a string: whether it is a key of the top-level object, how
    /// many of its bytes matched `key` so far (nil once one did not), and
    /// whether the byte before was a backslash.
    private var string: (isKey: Bool, matched: Int?, escaped: Bool)?
    /// Decided: element `limit + 1` started.
    private(set) var exceeded = false

    private enum AfterKey { case none, key, colon }

    /// The 400 for a list past the limit: `at most 500 filenames per batch,
    /// got 501 or more`.
    func tooMany(_ noun: String) -> APIError {
        APIError.badRequest("at most \(limit) \(noun), got \(limit + 1) or more")
    }

    init(limit: Int, member: String) {
        self.limit = limit
        self.key = Array(member.utf8)
    }

    /// Whether the array of `member` in `body`'s top-level object has more
    /// than `limit` elements; decided when element `limit + 1` starts.
    static func exceeds(_ limit: Int, member: String, in body: ByteBuffer) -> Bool {
        var counter = JSONArrayCount(limit: limit, member: member)
        return counter.feed(body)
    }

    /// Reads the next piece of the body; true once element `limit + 1` has
    /// started (then the rest need not be read).
    mutating func feed(_ piece: ByteBuffer) -> Bool {
        guard !exceeded else { return true }
        exceeded = piece.withUnsafeReadableBytes { feed($0) }
        return exceeded
    }

    private mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if var open = string {
                if open.escaped {
                    open.escaped = false
                    open.matched = nil  // an escaped key is the decoder's to read
                } else if byte == UInt8(ascii: "\\") {
                    open.escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    string = nil
                    afterKey = open.isKey && open.matched == key.count ? .key : .none
                    continue
                } else if let matched = open.matched {
                    open.matched = matched < key.count && key[matched] == byte ? matched + 1 : nil
                }
                string = open
                continue
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { continue }
            if inArray && depth == 2 && awaitingElement && byte != UInt8(ascii: "]") {
                count += 1
                if count > limit { return true }
                awaitingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                string = (isKey: depth == 1 && expectingKey, matched: 0, escaped: false)
                expectingKey = false
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
        }
        return false
    }
}
