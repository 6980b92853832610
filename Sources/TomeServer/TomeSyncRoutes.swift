import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import TomeCatalog
import TomeKeys
import TomeResolver

/// The TomeSync resolve routes, as one reusable type that any Hummingbird
/// application adds to its own router.
///
/// - `GET /api/tome-sync/resolve?filename=NAME[&ko_md5=HEX]`
///   → 200 `{"book_id": 17, "method": "title", "confidence": 0.98}`, or 404
///   `{"detail": "No matching book found" | "Ambiguous filename; could not resolve uniquely", "reason": "…", "refusal": "<code>"}`
/// - `POST /api/tome-sync/resolve/batch` with `{"filenames": […]}` (at most
///   500) → `{"results": [{"filename", "book_id", "method", "confidence", "reason", "refusal"}, …]}`
///
/// Bodies are ``ResolutionReport``s, the same type `resolve --json` prints;
/// `refusal` is a ``RefusalCode``. Errors are JSON too: 400 for a missing,
/// non-UTF-8 filename or one ``NameCheck`` rejects (empty, over 4 KiB, a NUL),
/// 401 when the API key is missing or unknown. In a batch, a name
/// ``NameCheck`` rejects is refused with its code like any other refusal.
///
/// ```swift
/// let router = Router()
/// TomeSyncRoutes<BasicRequestContext>(resolver: resolver, authentication: .apiKeys(keys))
///     .add(to: router)
/// ```
///
/// A host that authenticates requests itself passes `.none` and puts its own
/// middleware in front of the routes.
public struct TomeSyncRoutes<Context: RequestContext>: Sendable {
    /// Who may call the routes.
    public enum Authentication: Sendable {
        /// `Authorization: Bearer tk_…` checked against the catalog's keys.
        case apiKeys(APIKeyStore)
        /// No check here: the host application authenticates.
        case none
    }

    public let resolver: TomeResolver.Resolver
    public let authentication: Authentication
    public let metrics: ServiceMetrics?
    /// The path the routes live under.
    public var basePath = "api/tome-sync/resolve"
    /// The most filenames one batch may hold.
    public var maximumBatch = 500
    /// The largest batch body accepted.
    public var maximumBodyBytes = 2 << 20

    public init(resolver: TomeResolver.Resolver, authentication: Authentication, metrics: ServiceMetrics? = nil) {
        self.resolver = resolver
        self.authentication = authentication
        self.metrics = metrics
    }

    /// Adds the routes to `router` (a `Router`, a group, a route collection).
    public func add<Methods: RouterMethods>(to router: Methods) where Methods.Context == Context {
        router.get(RouterPath(basePath)) { request, _ in try await self.resolveOne(request) }
        router.post(RouterPath(basePath + "/batch")) { request, _ in try await self.resolveBatch(request) }
    }

    // MARK: Handlers

    func resolveOne(_ request: Request) async throws -> Response {
        try authenticate(request)
        let query = QueryString(request.uri.query)
        let filename = try validFilename(query.value(of: "filename"))
        var koMD5: String?
        if let raw = query.value(of: "ko_md5") {
            guard case .text(let text) = raw else { throw APIError.badRequest("ko_md5 is not valid UTF-8") }
            koMD5 = text.isEmpty ? nil : text
        }
        let md5 = koMD5
        let resolution = try await run { try resolver.resolve(filename, koMD5: md5) }
        metrics?.recordResolution(resolution)
        if resolution.isResolved {
            return JSONResponse.make(.ok, ResolutionReport(resolution, form: .answer))
        }
        return JSONResponse.make(.notFound, ResolutionReport(resolution, form: .refusal))
    }

    func resolveBatch(_ request: Request) async throws -> Response {
        try authenticate(request)
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maximumBodyBytes)
        } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(maximumBodyBytes) bytes")
        }
        let filenames = try BatchRequest.filenames(in: body)
        guard filenames.count <= maximumBatch else {
            throw APIError.badRequest("at most \(maximumBatch) filenames per batch, got \(filenames.count)")
        }
        let batch = filenames
        let resolver = self.resolver
        // Chunks run on the thread pool side by side, each in its own read
        // transaction; results keep the request's order.
        let chunkSize = 25
        let chunks = stride(from: 0, to: batch.count, by: chunkSize).map { Array(batch[$0..<min($0 + chunkSize, batch.count)]) }
        let resolutions = try await withThrowingTaskGroup(of: (Int, [Resolution]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let done = try await self.run {
                        // The resolver applies NameCheck itself: a bad name is a refusal.
                        try chunk.map { try resolver.resolve($0) }
                    }
                    return (index, done)
                }
            }
            var parts = [[Resolution]](repeating: [], count: chunks.count)
            for try await (index, done) in group { parts[index] = done }
            return parts.flatMap { $0 }
        }
        resolutions.forEach { metrics?.recordResolution($0) }
        return JSONResponse.make(.ok, BatchResponse(results: resolutions.map { ResolutionReport($0) }))
    }

    // MARK: Helpers

    func authenticate(_ request: Request) throws {
        guard case .apiKeys(let store) = authentication else { return }
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "missing Authorization header: send 'Authorization: Bearer tk_…'")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "the Authorization header must be 'Bearer tk_…'")
        }
        let key: APIKeyStore.Key?
        do {
            key = try store.authenticate(String(parts[1]))
        } catch {
            throw APIError(.serviceUnavailable, "the key store cannot be read")
        }
        guard key != nil else { throw APIError(.unauthorized, "unknown or revoked API key") }
    }

    func validFilename(_ value: QueryString.Value?) throws -> String {
        guard let value else { throw APIError.badRequest("the query parameter 'filename' is required") }
        guard case .text(let name) = value else { throw APIError.badRequest("filename is not valid UTF-8") }
        if let problem = NameCheck.problem(in: name) {
            throw APIError.badRequest(problem.detail(field: "filename"))
        }
        return name
    }

    /// Runs blocking catalog work off the event loops.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(body)
        } catch let error as CatalogError {
            // The catalog is unreadable: a server problem, reported without details.
            throw APIError(.serviceUnavailable, "the catalog cannot be read right now (\(error.publicSummary))")
        }
    }
}

/// The batch route's body: `{"filenames": ["…", …]}`.
struct BatchRequest: Decodable {
    var filenames: [String]

    /// The filenames of a body, or a 400 that says what is wrong with it.
    static func filenames(in body: ByteBuffer) throws -> [String] {
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

/// The batch route's answer: `{"results": [report, …]}`, in request order.
struct BatchResponse: Encodable {
    var results: [ResolutionReport]
}

extension CatalogError {
    /// A summary without paths or SQL, safe to show to a client.
    var publicSummary: String {
        switch self {
        case .missing: return "missing"
        case .notACatalog: return "not a catalog"
        case .newerVersion: return "written by a newer version"
        default: return "database error"
        }
    }
}
