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
/// `GET /healthz` and `GET /metrics`, JSON errors and request logging.
///
/// `tome-resolve serve` runs exactly this; tests build it too.
public enum ResolveServer {
    /// The router of the standalone service.
    public static func router(catalog: Catalog, keys: APIKeyStore, metrics: ServiceMetrics) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: JSONErrorMiddleware())
        let bookCount = BookCount(catalog: catalog)
        router.get("healthz") { _, _ in
            let books = try await NIOThreadPoolRunner.run { try bookCount.value() }
            return JSONResponse.make(.ok, Health(status: "ok", books: books))
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        TomeSyncRoutes<BasicRequestContext>(resolver: TomeResolver.Resolver(catalog: catalog), authentication: .apiKeys(keys), metrics: metrics)
            .add(to: router)
        return router
    }

    /// The application: the router on `host:port`, with the key-usage
    /// flusher as a service, shut down gracefully on SIGINT and SIGTERM.
    public static func application(
        catalog: Catalog, keys: APIKeyStore, host: String = "127.0.0.1", port: Int = 8080, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let metrics = ServiceMetrics()
        return Application(
            router: router(catalog: catalog, keys: keys, metrics: metrics),
            configuration: .init(address: .hostname(host, port: port), serverName: "tome-resolve"),
            services: [KeyUsageFlusher(keys: keys, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// `GET /healthz`'s body.
struct Health: Encodable {
    var status: String
    var books: Int
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
