import Logging
import TomeCatalog
import TomeKeys

/// How the resolve service starts: the catalog, the address, the connection
/// limits, the checks before serving and the library it follows.
///
/// `tome-resolve serve` maps its options to this value and hands it to
/// ``ResolveService/start(_:)``; a host that embeds the routes starts the
/// same way and mounts what it gets (see `Examples/EmbeddingExample`).
///
/// ```swift
/// var configuration = ResolveServiceConfiguration(catalogPath: "library.sqlite", logger: logger)
/// configuration.follow = .calibre(root: "/srv/calibre")
/// let app = try ResolveServer.application(configuration)
/// try await app.runService()
/// ```
public struct ResolveServiceConfiguration: Sendable {
    /// The catalog file. It must exist, unless the service follows a library
    /// (``follow``): then it is created on first use, and removed again when
    /// the library cannot be read at start.
    public var catalogPath: String
    /// The address to listen on.
    public var host = "127.0.0.1"
    /// The port to listen on (0: any free port).
    public var port = 8080
    /// Timeouts and the connection cap. ``ConnectionLimits/maximumConnections``
    /// is lowered at start when the process's open-file limit cannot hold it.
    public var limits = ConnectionLimits()
    /// Whether to check the whole catalog (`PRAGMA quick_check`, about a
    /// second per 100 MB) before serving, and refuse a corrupt one.
    public var quickCheck = true
    /// A library to follow while serving: synchronized at start, then
    /// whenever its files change (see ``SourceFollower``).
    public var follow: LibrarySource?
    /// Time between two looks at the followed library's files.
    public var followInterval: Duration = .seconds(2)
    /// How a followed library's failed sync is worded in the log, in
    /// `/healthz` and in ``ResolveServiceError/unreadableLibrary(_:)``
    /// (`serve` adds its hints).
    public var describeError: @Sendable (any Error) -> String = { "\($0)" }
    /// How the warning about keys computed by another derived version says
    /// to recompute them (it ends "… until *this*, which recomputes every
    /// book").
    public var reimportAdvice = CatalogSchema.defaultReimportAdvice
    /// Whether to create a first API key when none is active (`serve`: yes;
    /// a host that authenticates its clients itself: no).
    public var createsFirstKey = true
    /// The service's logger.
    public var logger: Logger
    /// Called once when the catalog had no active API key and one was
    /// created, with its plaintext (shown only this once: only its hash is
    /// stored).
    public var onKeyCreated: @Sendable (_ key: APIKeyStore.Key, _ plaintext: String) -> Void = { _, _ in }

    public init(catalogPath: String, logger: Logger = Logger(label: "tome-resolve")) {
        self.catalogPath = catalogPath
        self.logger = logger
    }
}
