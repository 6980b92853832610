import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import TomeCatalog
import TomeKeys
import TomeResolver

/// The standalone resolve service: ``TomeSyncRoutes`` with API keys, plus
/// `GET /healthz` and `GET /metrics` (and `HEAD`; 405 with `Allow` for the
/// other methods), JSON errors and request logging, on a server with
/// ``ConnectionLimits``.
///
/// `tome-resolve serve` runs exactly this, started by ``ResolveService``
/// (``application(_:onServerRunning:)``); tests build it too.
public enum ResolveServer {
    /// The router of the standalone service.
    ///
    /// `/healthz` answers 200 `{"status": "ok", "books": N}`, or 503
    /// `{"status": "corrupt" | "empty" | "unavailable", "detail": …}` when
    /// the catalog is corrupt (found by any request), never imported into,
    /// or cannot be read.
    ///
    /// With a `follower`, `/healthz` also reports the followed source and
    /// its last successful sync (`"source": {"kind", "path", "last_sync",
    /// "last_error"}`).
    public static func router(catalog: Catalog, keys: APIKeyStore, metrics: ServiceMetrics,
                              logger: Logger = Logger(label: "tome-resolve"),
                              follower: SourceFollower? = nil) -> Router<ResolveRequestContext> {
        let router = Router(context: ResolveRequestContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: JSONErrorMiddleware())
        let health = CatalogHealth(catalog: catalog, logger: logger)
        let bookCount = BookCount(catalog: catalog)
        router.routeGET("healthz") { request, context in
            if let corruption = health.corruptionFound {
                return try Health(status: "corrupt", detail: corruption.publicDetail, source: follower?.current).response(.serviceUnavailable, from: request, context: context)
            }
            do {
                let books = try await NIOThreadPoolRunner.run { () throws -> Int in
                    try health.requireServable()
                    return try bookCount.value()
                }
                return try Health(status: "ok", books: books, source: follower?.current).response(from: request, context: context)
            } catch let error as CatalogError {
                health.record(error)
                let status = switch error {
                case .corrupt: "corrupt"
                case .neverImported: "empty"
                default: "unavailable"
                }
                return try Health(status: status, detail: error.publicDetail, source: follower?.current).response(.serviceUnavailable, from: request, context: context)
            } catch {
                return try Health(status: "unavailable", detail: "the server is shutting down").response(.serviceUnavailable, from: request, context: context)
            }
        }
        router.routeGET("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        TomeSyncRoutes<ResolveRequestContext>(resolver: TomeResolver.Resolver(catalog: catalog), authentication: .apiKeys(keys),
                                              metrics: metrics, health: health)
            .add(to: router)
        return router
    }

    /// The application: the router on `host:port` with `limits`, the
    /// key-usage flusher, the ``MemoryReturner`` (and the `follower`, if
    /// any) as services, shut down
    /// gracefully on SIGINT and SIGTERM — logged when the shutdown starts
    /// (``ShutdownNoticing``); batches then skip their chunks not started.
    /// Its connections notice a client that half-closes
    /// (``ClientHangUpHandler``).
    public static func application(
        catalog: Catalog, keys: APIKeyStore, host: String = "127.0.0.1", port: Int = 8080,
        limits: ConnectionLimits = ConnectionLimits(), logger: Logger, follower: SourceFollower? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let metrics = ServiceMetrics()
        let waitingRoom = WaitingRoom()
        var services: [any Service] = [KeyUsageFlusher(keys: keys, logger: logger), MemoryReturner()]
        if let follower { services.append(follower) }
        let application = Application(
            router: router(catalog: catalog, keys: keys, metrics: metrics, logger: logger, follower: follower),
            server: .hangUpAwareHTTP1(limits, waitingRoom: waitingRoom),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "tome-resolve",
                availableConnectionsDelegate: ConnectionCap(maximum: limits.maximumConnections, logger: logger,
                                                            waitingRoom: waitingRoom)),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        // Logs "shutting down" when a graceful shutdown starts, not when the
        // requests in flight have finished.
        return ShutdownNoticing(base: application)
    }
}

extension ResolveServer {
    /// Starts the service as `configuration` says (``ResolveService/start(_:)``:
    /// the catalog check, the followed library's first sync, the first API
    /// key, the warnings) and builds its standalone application;
    /// `onServerRunning` gets the started service and the port it listens on.
    public static func application(
        _ configuration: ResolveServiceConfiguration,
        onServerRunning: @escaping @Sendable (ResolveService, Int) async -> Void = { _, _ in }
    ) throws -> some ApplicationProtocol {
        let service = try ResolveService.start(configuration)
        return service.application { port in await onServerRunning(service, port) }
    }
}

/// `GET /healthz`'s body.
struct Health: TomeJSONBody {
    var status: String
    var books: Int?
    var detail: String?
    /// The followed source, when the service follows one.
    var source: FollowState?
}

/// Writes API keys' `last_used_at` once a minute and at shutdown, so that
/// authenticating a request never writes to the database.
public struct KeyUsageFlusher: Service {
    let keys: APIKeyStore
    let logger: Logger
    var interval: Duration = .seconds(60)

    public init(keys: APIKeyStore, logger: Logger) {
        self.keys = keys
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                flush()
            }
        }
        flush()  // at shutdown: nothing recorded is lost
    }

    func flush() {
        do {
            try keys.flushUsage()
        } catch {
            logger.warning("could not record API key use", metadata: ["error": "\(error)"])
        }
    }
}

enum NIOThreadPoolRunner {
    /// Runs `body` on NIO's shared thread pool.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}

/// The catalog's active book count for `/healthz`, counted at most once per
/// ``BookCount/maximumAge``: counting reads the whole status index (45 ms
/// at a million books), which a health probe every second must not cost.
final class BookCount: Sendable {
    /// How old a count `/healthz` may report, in seconds.
    static let maximumAge: TimeInterval = 5

    let catalog: Catalog
    private let cached = Mutex<(count: Int, at: Date)?>(nil)

    init(catalog: Catalog) { self.catalog = catalog }

    func value(now: Date = Date()) throws(CatalogError) -> Int {
        if let last = cached.withLock({ $0 }), now.timeIntervalSince(last.at) < Self.maximumAge { return last.count }
        let count = try catalog.activeBookCount()
        cached.withLock { $0 = (count, now) }
        return count
    }
}
