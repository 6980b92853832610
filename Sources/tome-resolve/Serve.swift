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
            Routes: GET /api/tome-sync/resolve?filename=NAME[&ko_md5=HEX] and POST \
            /api/tome-sync/resolve/batch (both need 'Authorization: Bearer tk_…'), GET /healthz, \
            GET /metrics. When no API key exists, one is created and printed once. Imports by \
            'tome-resolve index' into the same catalog are visible at once, without a restart. \
            SIGINT or SIGTERM stops the server after in-flight requests finish.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
    }

    func run() async throws {
        var logger = Logger(label: "tome-resolve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let opened = try catalog.open()
        let keys = try APIKeyStore(catalog: opened)
        if try keys.activeCount() == 0 {
            let (key, plaintext) = try keys.create(label: "first key (created by serve)")
            print("""
                No API key existed, so one was created (id \(key.id)). It is shown only this once:

                    \(plaintext)

                Devices send it as 'Authorization: Bearer \(plaintext)'. Manage keys with 'tome-resolve keys'.

                """)
        }
        let books = try opened.activeBookCount()
        let app = ResolveServer.application(catalog: opened, keys: keys, host: host, port: port, logger: logger) { port in
            print("Serving \(books) books from \(opened.path) on http://\(host):\(port)")
            fflush(nil)
        }
        try await app.runService()
    }
}
