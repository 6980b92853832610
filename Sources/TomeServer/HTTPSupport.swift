import Foundation
import Hummingbird
import Logging
import NIOCore

/// An error a client gets as `{"detail": "…"}` with its status.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var detail: String

    /// For a 405: the methods the route takes (the `Allow` header).
    public var allow: [HTTPRequest.Method]

    /// For a 503 that will pass: seconds to wait before trying again (the
    /// `Retry-After` header).
    public var retryAfter: Int?

    /// Whether the connection closes after this answer (`Connection:
    /// close`): set when the request's body was not read to its end, so the
    /// server does not read (and throw away) the rest of a body it has
    /// already refused.
    public var closesConnection = false

    public init(_ status: HTTPResponse.Status, _ detail: String, allow: HTTPRequest.Method? = nil, retryAfter: Int? = nil) {
        self.init(status, detail, allowing: allow.map { [$0] } ?? [], retryAfter: retryAfter)
    }

    public init(_ status: HTTPResponse.Status, _ detail: String, allowing methods: [HTTPRequest.Method], retryAfter: Int? = nil) {
        self.status = status
        self.detail = detail
        self.allow = methods
        self.retryAfter = retryAfter
    }

    static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail) }

    /// This answer, closing the connection after it.
    func closingConnection() -> APIError {
        var error = self
        error.closesConnection = true
        return error
    }

    public var description: String { "\(status.code) \(detail)" }

    /// Its status, `{"detail": …}`, `Allow` for a 405, `Retry-After` when
    /// set, and `Connection: close` when ``closesConnection``.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try ErrorBody(detail: detail).response(status, from: request, context: context)
        if !allow.isEmpty { response.headers[.allow] = allow.map(\.rawValue).joined(separator: ", ") }
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if closesConnection { response.headers[.connection] = "close" }
        return response
    }
}

extension RouterMethods {
    /// The methods a route answers 405 to, unless it takes them. (`CONNECT`
    /// names no path.)
    static var refusableMethods: [HTTPRequest.Method] { [.get, .head, .post, .put, .delete, .patch, .options, .trace] }

    /// `GET path` answered by `handler`; `HEAD path` answered as `GET`,
    /// same status and headers, without the body; every other method 405
    /// with `Allow: GET, HEAD`.
    @discardableResult
    public func routeGET(_ path: String,
                         use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(path), method: .get, use: handler)
        on(RouterPath(path), method: .head) { request, context -> Response in
            try await handler(request, context).response(from: request, context: context).createHeadResponse()
        }
        return refuseOtherMethods(path, allowing: [.get, .head])
    }

    /// `POST path` answered by `handler`; every other method 405 with
    /// `Allow: POST`.
    @discardableResult
    public func routePOST(_ path: String,
                          use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(path), method: .post, use: handler)
        return refuseOtherMethods(path, allowing: [.post])
    }

    private func refuseOtherMethods(_ path: String, allowing allowed: [HTTPRequest.Method]) -> Self {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        for method in Self.refusableMethods where !allowed.contains(method) {
            on(RouterPath(path), method: method) { _, _ -> Response in
                throw APIError(.methodNotAllowed, "/\(path) accepts \(names) only", allowing: allowed)
            }
        }
        return self
    }
}

/// Turns every error into a JSON response: Hummingbird's own (404 for an
/// unknown route, 413…) keep their status; anything unexpected becomes a 500
/// whose body says nothing of paths, SQL or stack traces. A `HEAD` request
/// gets the same status and headers, without the body.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let response = try Self.response(to: error, request: request, context: context)
            return request.method == .head ? response.createHeadResponse() : response
        }
    }

    static func response(to error: any Error, request: Request, context: Context) throws -> Response {
        switch error {
        case let error as APIError:
            return try error.response(from: request, context: context)
        case let error as HTTPError:
            let detail: String
            switch error.status {
            case .notFound: detail = "Not found"
            case .methodNotAllowed: detail = "Method not allowed"
            case .contentTooLarge: detail = "Request body too large"
            default: detail = error.status.reasonPhrase
            }
            return try ErrorBody(detail: detail).response(error.status, from: request, context: context)
        case let error as any HTTPResponseError:
            return try ErrorBody(detail: error.status.reasonPhrase).response(error.status, from: request, context: context)
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(String(describing: type(of: error)))"])
            return try ErrorBody(detail: "Internal error").response(.internalServerError, from: request, context: context)
        }
    }
}

/// Logs each request (method, path, status, duration — never the
/// Authorization header) and counts it in ``ServiceMetrics``.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics?

    public init(metrics: ServiceMetrics?) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let route = Self.route(request.uri.path)
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            "status": "\(response.status.code)", "ms": "\(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))",
        ])
        metrics?.recordRequest(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        return response
    }

    /// A bounded label for a path: known routes by name, everything else `other`.
    static func route(_ path: String) -> String {
        switch path {
        case "/api/tome-sync/resolve", "/api/tome-sync/resolve/": return "resolve"
        case "/api/tome-sync/resolve/batch": return "resolve_batch"
        case "/api/tome-sync/match-hashes": return "match_hashes"
        case "/healthz": return "healthz"
        case "/metrics": return "metrics"
        default: return "other"
        }
    }
}

/// A query string decoded by hand, so that percent-escapes that do not
/// decode to UTF-8 can be told apart (and refused) rather than replaced.
struct QueryString {
    enum Value: Equatable {
        case text(String)
        case invalidUTF8
    }

    private var pairs: [(String, Value)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard case .text(let key) = Self.decode(kv[0]) else { continue }
            pairs.append((key, kv.count > 1 ? Self.decode(kv[1]) : .text("")))
        }
    }

    /// The first value of `key`.
    func value(of key: String) -> Value? {
        pairs.first { $0.0 == key }?.1
    }

    /// Percent-decoding with `+` as a space; malformed escapes are kept as is.
    static func decode(_ text: Substring) -> Value {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let high = hex(utf8[utf8.startIndex]), let low = hex(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { return .invalidUTF8 }
        return .text(string)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
