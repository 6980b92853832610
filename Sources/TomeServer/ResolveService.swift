import Foundation
import Hummingbird
import Logging
import TomeCatalog
import TomeKeys

#if canImport(Glibc)
import Glibc
#endif

/// The resolve service, started: its catalog checked, its API keys ready,
/// the library it follows synchronized once.
///
/// ``start(_:)`` is the service's start-up policy, the same for `tome-resolve
/// serve` and for a host that embeds the routes:
/// 1. open the catalog (created when it follows a library);
/// 2. check the whole file (`PRAGMA quick_check`) unless told not to;
/// 3. synchronize the followed library once before serving (a catalog
///    created for it is removed again when the library cannot be read);
/// 4. create a first API key when none is active, unless told not to (a
///    read-only catalog cannot: it is refused);
/// 5. log what a client will meet: a read-only catalog, an empty one, keys
///    of another derived version;
/// 6. fit the connection cap to the open-file limit.
public struct ResolveService: Sendable {
    /// The open catalog.
    public let catalog: Catalog
    /// Its API keys.
    public let keys: APIKeyStore
    /// The follower of ``ResolveServiceConfiguration/follow``, to run as a
    /// service of the application.
    public let follower: SourceFollower?
    /// The active books when the service started.
    public let books: Int
    /// The configuration, with the connection cap fitted to the open-file limit.
    public let configuration: ResolveServiceConfiguration

    /// Starts the service as `configuration` says (see the steps above).
    ///
    /// - Throws: ``CatalogError`` when the catalog cannot be opened, is
    ///   corrupt or cannot be written when it must be;
    ///   ``ResolveServiceError`` when the followed library cannot be read,
    ///   or a read-only catalog has no API key.
    public static func start(_ configuration: ResolveServiceConfiguration) throws -> ResolveService {
        let logger = configuration.logger
        // A followed library's catalog is made on first use, and removed
        // again if the library cannot be read: no empty catalog is left.
        let path = configuration.catalogPath
        let isNew = configuration.follow != nil && !FileManager.default.fileExists(atPath: path)
        let catalog = try openCatalog(configuration)
        let keys = try APIKeyStore(catalog: catalog)
        let follower: SourceFollower?
        do {
            follower = try follow(configuration, catalog: catalog, keys: keys)
        } catch let error as ResolveServiceError {
            if isNew {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
        try ensureAPIKey(keys, catalog: catalog, configuration: configuration)
        try logCatalogState(catalog, configuration: configuration)
        let books = try catalog.activeBookCount()
        var fitted = configuration
        fitted.limits.maximumConnections = FileLimit.allowConnections(configuration.limits.maximumConnections, logger: logger)
        return ResolveService(catalog: catalog, keys: keys, follower: follower, books: books, configuration: fitted)
    }

    /// Opens the catalog (creating it for a followed library) and checks it.
    static func openCatalog(_ configuration: ResolveServiceConfiguration) throws(CatalogError) -> Catalog {
        let catalog = try Catalog.open(path: configuration.catalogPath, create: configuration.follow != nil)
        if configuration.quickCheck {
            let started = ContinuousClock.now
            try catalog.quickCheck()
            configuration.logger.info("catalog checked", metadata: [
                "quick_check": "ok", "seconds": "\(String(format: "%.2f", (ContinuousClock.now - started) / .seconds(1)))",
            ])
        }
        return catalog
    }

    /// The follower of the configured library, synchronized once; nil when
    /// none is followed.
    static func follow(_ configuration: ResolveServiceConfiguration, catalog: Catalog,
                       keys: APIKeyStore) throws -> SourceFollower? {
        guard let library = configuration.follow else { return nil }
        if catalog.access == .readOnly {
            throw CatalogError.readOnly(path: catalog.path, needed: "following a library")
        }
        let follower = SourceFollower(source: library, catalog: catalog, keys: keys,
                                      interval: configuration.followInterval, logger: configuration.logger,
                                      describeError: configuration.describeError)
        // The first sync before serving: devices meet the library's books and keys at once.
        if !follower.syncNow(), try !catalog.hasCompletedImport() {
            throw ResolveServiceError.unreadableLibrary(follower.current.lastError ?? "unknown error")
        }
        return follower
    }

    /// Creates a first API key when no key is active.
    static func ensureAPIKey(_ keys: APIKeyStore, catalog: Catalog,
                             configuration: ResolveServiceConfiguration) throws {
        guard configuration.createsFirstKey, try keys.activeCount() == 0 else { return }
        if catalog.access == .readOnly { throw ResolveServiceError.noAPIKey(catalogPath: catalog.path) }
        let (key, plaintext) = try keys.create(label: "first key (created by serve)")
        configuration.onKeyCreated(key, plaintext)
    }

    /// Logs what clients will meet: a read-only catalog, an empty one, keys
    /// of another derived version.
    static func logCatalogState(_ catalog: Catalog, configuration: ResolveServiceConfiguration) throws(CatalogError) {
        let logger = configuration.logger
        if catalog.access == .readOnly {
            logger.notice("the catalog is read-only: serving it as published; API key use is not recorded")
        }
        if try !catalog.hasCompletedImport() {
            logger.warning("the catalog is empty: no import has completed; resolves answer 503 until one does")
        } else if let problem = CatalogSchema.derivedVersionWarning(imported: try catalog.importedDerivedVersion(),
                                                                    reimport: configuration.reimportAdvice) {
            logger.warning("\(problem)")
        }
    }

    /// The standalone application (``ResolveServer/application(catalog:keys:host:port:limits:logger:follower:onServerRunning:)``)
    /// of this service, on the configured address; `onServerRunning` gets
    /// the port it listens on.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        ResolveServer.application(catalog: catalog, keys: keys, host: configuration.host, port: configuration.port,
                                  limits: configuration.limits, logger: configuration.logger, follower: follower,
                                  onServerRunning: onServerRunning)
    }
}

/// Why the resolve service did not start, beyond the catalog's own errors.
public enum ResolveServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The followed library could not be read at start, and the catalog
    /// holds no completed import to serve meanwhile.
    case unreadableLibrary(String)
    /// The catalog is read-only and holds no active API key, so no client
    /// could authenticate and none can be created.
    case noAPIKey(catalogPath: String)

    public var description: String {
        switch self {
        case .unreadableLibrary(let reason): "could not read the library to follow: \(reason)"
        case .noAPIKey(let path): "\(path) is read-only: serving without an API key needs a writable catalog"
        }
    }
}

/// The process's open-file limit, raised for the connections allowed.
enum FileLimit {
    /// Files kept for the catalog's connections, logs and the listener.
    static let reserve = 64

    /// Raises the soft `RLIMIT_NOFILE` up to the hard one when `wanted`
    /// connections need it; returns how many connections fit.
    static func allowConnections(_ wanted: Int, logger: Logger) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return wanted }
        let needed = rlim_t(wanted + reserve)
        if limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = min(needed, limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let fits = max(1, Int(limit.rlim_cur) - reserve)
        if fits < wanted {
            logger.warning("--max-connections lowered to fit the open-file limit", metadata: ["max_connections": "\(fits)", "nofile": "\(limit.rlim_cur)"])
            return fits
        }
        return wanted
    }
}
