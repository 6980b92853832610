import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// An application that logs one line the moment a graceful shutdown
/// (SIGINT, SIGTERM) begins.
///
/// Hummingbird runs an application's services and its server in one
/// `ServiceGroup`, which shuts them down one after the other, the server
/// first — and the server returns only when the requests in flight have
/// finished. A service of the group would log only then; this wrapper
/// registers with the graceful shutdown of the application itself
/// (`withGracefulShutdownHandler`), which starts before any of them.
///
/// What happens next: the server stops accepting, closes idle connections
/// and finishes the requests in flight; a batch skips its chunks not yet
/// started and answers 503 (see ``TomeSyncRoutes``). (`serve` logs another
/// line when it has stopped.)
struct ShutdownNoticing<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder

    let base: Base

    var responder: Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async { await base.onServerRunning(channel) }

    func run() async throws {
        let logger = base.logger
        try await withGracefulShutdownHandler {
            try await base.run()
        } onGracefulShutdown: {
            logger.notice("shutting down: no new connections; finishing the requests in flight (batches skip the chunks not started)")
        }
    }
}
