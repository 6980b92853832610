import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TomeCatalog
import TomeKeys
import TomeResolver
import TomeWire

/// The TomeSync resolve routes, as one reusable type that any Hummingbird
/// application adds to its own router.
///
/// - `GET /api/tome-sync/resolve?filename=NAME[&ko_md5=HEX]`
///   → 200 `{"book_id": 17, "method": "title", "confidence": 0.98}`, or 404
///   `{"detail": "No matching book found" | "Ambiguous filename; could not resolve uniquely", "reason": "…", "refusal": "<code>"}`
/// - `POST /api/tome-sync/resolve/batch` with `{"filenames": […]}` (at most
///   500) → `{"results": [{"filename", "book_id", "method", "confidence", "reason", "refusal"}, …]}`
/// - `POST /api/tome-sync/match-hashes` with `{"hashes": ["<32 hex>", …]}`
///   (at most 500; `{}` for none) → `{"matches": {"<hash>": book_id, …}}`,
///   only the hashes that name exactly one active book
///
/// Batch items are ``TomeWire/ResolutionReport``s, the same type `resolve
/// --json` prints; `refusal` is a ``RefusalCode``. The bodies are the types
/// in `TomeSyncBodies.swift`, written by ``TomeJSONEncoder`` (compact, keys
/// sorted) whatever the host's context. Errors are JSON too: 400 for a missing,
/// non-UTF-8 filename or one ``NameCheck`` rejects (empty, over 4 KiB, a
/// NUL) — in a batch too, naming the first bad entry (`filenames[3] contains
/// a NUL character`) — 401 when the API key is missing or unknown, 405 with
/// `Allow` for another method (`HEAD` is answered as `GET`, without the
/// body), 503 when the catalog cannot answer (corrupt,
/// unreadable, or never imported into).
///
/// A batch is resolved in chunks of 25 names on a thread pool of its own
/// (one thread per core but one), so batches never hold up single resolves
/// and `/healthz`. The chunks not started yet are skipped when the client
/// goes — the context is a ``ClientConnectionContext`` and its connection
/// closes, is reset, or (with the standalone server's
/// ``ClientHangUpHandler``) is half-closed: 499 — or when a graceful
/// shutdown starts: 503. The chunk in progress finishes.
///
/// Bodies (batches and hash lists) are read within bounds: at most
/// ``maximumBodyBytes`` each (413), at most ``maximumBufferedBodyBytes``
/// held at once across all requests (503 with `Retry-After: 1`: see
/// ``BodyBudget``), and decoded on the batch pool, where a list is refused
/// as soon as its 501st element starts (``JSONArrayCount``), however long
/// the rest.
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
    /// The path the resolve routes live under.
    public var basePath = "api/tome-sync/resolve"
    /// The path of the hash-matching route.
    public var matchHashesPath = "api/tome-sync/match-hashes"
    /// The most hashes one match request may hold.
    public var maximumHashes = 500
    /// The most filenames one batch may hold.
    public var maximumBatch = 500
    /// The largest batch or hash-list body accepted (2 MiB).
    public var maximumBodyBytes = 2 << 20
    /// The most bytes of request bodies held in memory at once, across all
    /// the requests of these routes (64 MiB): a request whose body would
    /// pass it is answered 503 with `Retry-After: 1` (see ``BodyBudget``).
    public var maximumBufferedBodyBytes = 64 << 20 {
        didSet { bodyBudget = BodyBudget(limit: maximumBufferedBodyBytes) }
    }
    var bodyBudget = BodyBudget(limit: 64 << 20)

    /// What requests have learned about the catalog (shared with `/healthz`).
    public let health: CatalogHealth

    public init(resolver: TomeResolver.Resolver, authentication: Authentication, metrics: ServiceMetrics? = nil,
                health: CatalogHealth? = nil) {
        self.resolver = resolver
        self.authentication = authentication
        self.metrics = metrics
        self.health = health ?? CatalogHealth(catalog: resolver.catalog)
    }

    /// Adds the routes to `router` (a `Router`, a group, a route collection).
    public func add<Methods: RouterMethods>(to router: Methods) where Methods.Context == Context {
        // HEAD where GET; another method: 405, and what the route takes.
        router.routeGET(basePath) { request, context in try await self.resolveOne(request, context: context) }
        router.routePOST(basePath + "/batch") { request, context in try await self.resolveBatch(request, context: context) }
        router.routePOST(matchHashesPath) { request, _ in try await self.matchHashes(request) }
    }

    // MARK: Handlers

    func resolveOne(_ request: Request, context: Context) async throws -> Response {
        try authenticate(request)
        let query = QueryString(request.uri.query)
        let filename = try validFilename(query.value(of: "filename"))
        var koMD5: String?
        if let raw = query.value(of: "ko_md5") {
            guard case .text(let text) = raw else { throw APIError.badRequest("ko_md5 is not valid UTF-8") }
            koMD5 = text.isEmpty ? nil : text
        }
        let md5 = koMD5
        let resolution = try await run {
            try health.requireServable()
            return try resolver.resolve(filename, koMD5: md5)
        }
        metrics?.recordResolution(resolution)
        if resolution.isResolved {
            return try ResolveAnswer(resolution).response(from: request, context: context)
        }
        return try ResolveRefusal(resolution).response(.notFound, from: request, context: context)
    }

    func resolveBatch(_ request: Request, context: Context) async throws -> BatchResults {
        try authenticate(request)
        let maximum = maximumBatch
        let count = JSONArrayCount(limit: maximum, member: BatchRequest.member)
        let filenames = try await decodeBody(request, counting: count, of: BatchRequest.noun) { body in
            let filenames = try BatchRequest.filenames(in: body, limit: maximum)
            for (index, name) in filenames.enumerated() {
                if let problem = NameCheck.problem(in: name) {
                    throw APIError.badRequest(problem.detail(field: "filenames[\(index)]"))
                }
            }
            return filenames
        }
        // The client gone, or the server shutting down: the chunks not
        // started yet are skipped.
        let stop = await BatchStop(channel: (context as? any ClientConnectionContext)?.clientChannel)
        let resolutions = try await withGracefulShutdownHandler {
            try await resolve(filenames, stoppingAt: stop)
        } onGracefulShutdown: {
            stop.shutDown()
        }
        resolutions.forEach { metrics?.recordResolution($0) }
        return BatchResults(results: resolutions.map(ResolutionReport.init))
    }

    /// Resolves `batch` in chunks side by side on the batch pool, each in its
    /// own read transaction; the results keep the request's order. A chunk
    /// about to start when `stop` says so is skipped, and the batch ends
    /// with `stop`'s error once every chunk is resolved or skipped (each is
    /// counted, one or the other).
    func resolve(_ batch: [String], stoppingAt stop: BatchStop) async throws -> [Resolution] {
        let resolver = self.resolver
        let health = self.health
        let metrics = self.metrics
        let chunkSize = 25
        let chunks = stride(from: 0, to: batch.count, by: chunkSize).map { Array(batch[$0..<min($0 + chunkSize, batch.count)]) }
        let parts = try await withThrowingTaskGroup(of: (Int, [Resolution]?).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let done = try await self.run(on: BatchWork.pool) { () throws -> [Resolution]? in
                        if stop.error != nil { return nil }
                        try health.requireServable()
                        return try chunk.map { try resolver.resolve($0) }
                    }
                    metrics?.recordBatchChunk(skipped: done == nil)
                    return (index, done)
                }
            }
            var parts = [[Resolution]?](repeating: nil, count: chunks.count)
            for try await (index, done) in group { parts[index] = done }
            return parts
        }
        guard parts.allSatisfy({ $0 != nil }) else { throw stop.error ?? BatchStop.clientGone }
        return parts.flatMap { $0 ?? [] }
    }

    /// `POST /api/tome-sync/match-hashes` `{"hashes": ["<32 hex>", …]}` →
    /// `{"matches": {"<hash>": book_id, …}}`: the hashes that name exactly
    /// one active book (the plugin adopts a folder of books with it).
    func matchHashes(_ request: Request) async throws -> HashMatches {
        try authenticate(request)
        let maximum = maximumHashes
        let count = JSONArrayCount(limit: maximum, member: HashesRequest.member)
        let hashes = try await decodeBody(request, counting: count, of: HashesRequest.noun) {
            try HashesRequest.hashes(in: $0, limit: maximum)
        }
        let resolver = self.resolver
        let matches = try await run {
            try health.requireServable()
            return try resolver.books(koMD5s: hashes)
        }
        return HashMatches(matches: matches)
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
        try Self.check(name, field: "filename")
        return name
    }

    /// The one validation of a requested name, single or in a batch.
    static func check(_ name: String, field: String) throws {
        if let problem = NameCheck.problem(in: name) {
            throw APIError.badRequest(problem.detail(field: field))
        }
    }

    /// Runs blocking catalog work off the event loops (single resolves on
    /// NIO's shared pool, batches on ``BatchWork/pool``).
    func run<T: Sendable>(on pool: NIOThreadPool = .singleton, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.runIfActive(body)
        } catch let error as CatalogError {
            health.record(error)
            // A server problem, reported without paths or SQL.
            throw APIError(.serviceUnavailable, error.publicDetail)
        }
    }
}

extension CatalogError {
    /// A sentence without paths or SQL, safe to show to a client.
    var publicDetail: String {
        switch self {
        case .neverImported: return "the catalog is empty: import books first"
        case .corrupt: return "the catalog is corrupt: rebuild it by importing the books again"
        case .fileChanged(_, let change):
            return "the catalog file was \(change == .deleted ? "deleted" : "replaced") while the service ran: restart it"
        default: return "the catalog cannot be read right now (\(publicSummary))"
        }
    }

    /// A summary without paths or SQL, safe to show to a client.
    var publicSummary: String {
        switch self {
        case .missing: return "missing"
        case .notACatalog: return "not a catalog"
        case .newerVersion: return "written by a newer version"
        case .corrupt: return "the catalog is corrupt"
        case .neverImported: return "the catalog is empty"
        default: return "database error"
        }
    }
}

/// The thread pool batches run on: one thread per core but one (at least
/// one), so that however many batches arrive, single resolves and
/// `/healthz` keep a core and NIO's shared pool to themselves.
enum BatchWork {
    static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()
}
