import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TomeCatalog
import TomeKeys
import TomeServer

/// `tome-resolve serve`: the TomeSync-compatible resolve service.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the TomeSync resolve API over HTTP.",
        discussion: """
            Routes: GET /api/tome-sync/resolve?filename=NAME[&ko_md5=HEX], POST \
            /api/tome-sync/resolve/batch and POST /api/tome-sync/match-hashes (all need \
            'Authorization: Bearer tk_…'), GET /healthz, GET /metrics. When no API key exists, one is created and printed once. Imports by \
            'tome-resolve index' into the same catalog are visible at once, without a restart. \
            Before serving, the whole catalog is checked (PRAGMA quick_check, about a second per \
            100 MB); a corrupt catalog is refused. A read-only catalog (no write permission, or a \
            read-only file system) is served read-only: it needs an API key made before, and key \
            use is not recorded. A client gets --header-timeout seconds for a request's headers, \
            --body-timeout for its body, --idle-timeout between requests; past \
            --max-connections, new connections wait. With --follow-tome or --follow-calibre, \
            the catalog follows that library while serving: it is synchronized at start, and again \
            whenever the library's files change (looked at every --follow-interval seconds, \
            synchronized once they are still), in the background and without a failed request; \
            Tome's API keys follow too. A failed sync keeps the previous catalog, logs one line and \
            is retried. SIGINT or SIGTERM stops the server after in-flight requests finish.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: ArgumentHelp("Seconds a client has to send a request's headers, from its first byte (from the connection's start for the first request).", valueName: "seconds"))
    var headerTimeout: Double = 10

    @Option(help: ArgumentHelp("Seconds a client has to send a request's body, after its headers.", valueName: "seconds"))
    var bodyTimeout: Double = 30

    @Option(help: ArgumentHelp("Seconds a keep-alive connection may stay idle between a response and the next request's first byte.", valueName: "seconds"))
    var idleTimeout: Double = 60

    @Option(help: "Connections open at once; past it, a new one takes the place of the one waiting longest for a request's headers, or waits until one closes.")
    var maxConnections = 1024

    @Flag(help: "Do not check the whole catalog before serving (for very large catalogs).")
    var skipCheck = false

    @Option(help: ArgumentHelp("Follow a Tome library database: sync its books and API keys while serving.", valueName: "tome-db"))
    var followTome: String?

    @Option(help: ArgumentHelp("Follow a Calibre library folder: sync its books while serving.", valueName: "dir"))
    var followCalibre: String?

    @Option(help: ArgumentHelp("With --follow-tome: the folder Tome's file paths are relative to.", valueName: "dir"))
    var libraryRoot: String?

    @Option(help: ArgumentHelp("Seconds between two looks at the followed library.", valueName: "seconds"))
    var followInterval: Double = 2

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        for (name, value) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)] {
            guard value > 0, value <= 86_400 else { throw ValidationError("\(name) must be between 0 and 86400 seconds.") }
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        guard followTome == nil || followCalibre == nil else { throw ValidationError("Follow one library: --follow-tome or --follow-calibre.") }
        guard libraryRoot == nil || followTome != nil else { throw ValidationError("--library-root goes with --follow-tome.") }
        guard followInterval >= 0.1, followInterval <= 3600 else { throw ValidationError("--follow-interval must be between 0.1 and 3600 seconds.") }
        if (followTome != nil || followCalibre != nil) && catalog.db == nil {
            throw ValidationError("Following a library needs a catalog of its own: give --db PATH.")
        }
    }

    /// The library to follow, if any.
    var followed: LibrarySource? {
        if let followTome { return .tome(path: followTome, libraryRoot: libraryRoot) }
        if let followCalibre { return .calibre(root: followCalibre) }
        return nil
    }

    /// The service's configuration, as the options say (the catalog: `--db`,
    /// else the default one, which is built first if need be).
    func configuration(logger: Logger) throws -> ResolveServiceConfiguration {
        let path = try catalog.db ?? DefaultCatalog.prepare { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var configuration = ResolveServiceConfiguration(catalogPath: path, logger: logger)
        configuration.host = host
        configuration.port = port
        configuration.limits = ConnectionLimits(
            headerTimeout: .milliseconds(Int64(headerTimeout * 1000)), bodyTimeout: .milliseconds(Int64(bodyTimeout * 1000)),
            idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), maximumConnections: maxConnections)
        configuration.quickCheck = !skipCheck
        configuration.follow = followed
        configuration.followInterval = .milliseconds(Int64(followInterval * 1000))
        configuration.reimportAdvice = DerivedVersionCheck.reimportAdvice
        configuration.describeError = { CLIHints.message(for: $0, following: true) ?? "\($0)" }
        configuration.onKeyCreated = { key, plaintext in
            print("""
                No API key existed, so one was created (id \(key.id)). It is shown only this once:

                    \(plaintext)

                Devices send it as 'Authorization: Bearer \(plaintext)'. Manage keys with 'tome-resolve keys'.

                """)
        }
        return configuration
    }

    func run() async throws {
        var logger = Logger(label: "tome-resolve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let app = try ResolveServer.application(configuration(logger: logger)) { [host] service, port in
            let following = service.follower.map { " (following \($0.source.kind.rawValue) \($0.source.location))" } ?? ""
            print("Serving \(service.books) books from \(service.catalog.path) on http://\(host):\(port)" + following)
            fflush(nil)
        }
        try await app.runService()
        logger.notice("stopped")
    }
}
