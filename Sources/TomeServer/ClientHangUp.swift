import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Notices when a client hangs up: the end of its input — a FIN, whether
/// from `close()` or a half-close (`shutdown(SHUT_WR)`) — or the end of the
/// connection (a reset).
///
/// Hummingbird lets the remote half-close, so at a FIN NIO keeps the
/// channel open and only sends `ChannelEvent.inputClosed` down the pipeline;
/// the connection's `closeFuture` completes only after the response is
/// written. This handler sits first in the pipeline (NIO's HTTP handlers
/// hold `inputClosed` back while a request is answered) and raises its
/// ``HangUpSignal`` at either event; ``TomeSyncRoutes`` reads it between a
/// batch's chunks.
///
/// A client that half-closes after its request and still waits for the
/// answer is legal HTTP; this server, like nginx, takes it for a client that
/// has gone: a batch stops after the chunk in progress and answers 499.
/// Single resolves and `match-hashes` are answered as usual.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let signal = HangUpSignal()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { signal.raise() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        signal.raise()
        context.fireChannelInactive()
    }
}

/// Whether a connection's client has hung up (see ``ClientHangUpHandler``).
final class HangUpSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    var isRaised: Bool { raised.load(ordering: .relaxed) }

    func raise() { raised.store(true, ordering: .relaxed) }

    /// The signal of `channel`'s ``ClientHangUpHandler``; nil when its
    /// pipeline has none (a host's own server) or it has already closed.
    static func of(_ channel: any Channel) async -> HangUpSignal? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ClientHangUpHandler.self).signal
        }.get()
    }
}

/// A server child channel (`Base`) with a ``ClientHangUpHandler`` first in
/// each connection's pipeline.
struct HangUpWatchingChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(ClientHangUpHandler(), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// ``guardedHTTP1(_:)`` whose connections also notice a client hanging
    /// up (``ClientHangUpHandler``): the standalone service's server.
    static func hangUpAwareHTTP1(_ limits: ConnectionLimits, waitingRoom: WaitingRoom = WaitingRoom()) -> HTTPServerBuilder {
        .init { responder in
            HangUpWatchingChannel(base: GuardedHTTP1Channel(base: HTTP1Channel(responder: responder), limits: limits,
                                                            waitingRoom: waitingRoom))
        }
    }
}

/// Why a batch stops before its last chunk: its client has gone (499), or
/// the server is shutting down (503). Checked before each chunk starts; the
/// chunk in progress always finishes.
final class BatchStop: Sendable {
    /// What a request whose client has gone ends with: 499, nginx's "client
    /// closed request", in the log and the metrics (nobody reads the body).
    static let clientGone = APIError(.init(code: 499, reasonPhrase: "Client Closed Request"), "the client closed the connection")
    /// What a batch cut short by a graceful shutdown answers.
    static let shuttingDown = APIError(.serviceUnavailable, "the server is shutting down: send the batch again shortly")

    private let hangUp: HangUpSignal?
    private let closed = Atomic<Bool>(false)
    private let shutdown = Atomic<Bool>(false)

    /// Watches `channel` (nil: no client to watch, only the shutdown): its
    /// ``HangUpSignal`` when it has one, and its close in any case (a
    /// host's own server).
    init(channel: (any Channel)?) async {
        hangUp = if let channel { await HangUpSignal.of(channel) } else { nil }
        channel?.closeFuture.whenComplete { _ in self.closed.store(true, ordering: .relaxed) }
    }

    /// Whether the client has hung up or its connection has closed.
    var isClientGone: Bool {
        hangUp?.isRaised == true || closed.load(ordering: .relaxed)
    }

    /// Called when a graceful shutdown starts.
    func shutDown() { shutdown.store(true, ordering: .relaxed) }

    /// The error the batch ends with, nil while it may go on; a client that
    /// has gone wins over the shutdown (nobody reads a 503).
    var error: APIError? {
        if isClientGone { return Self.clientGone }
        return shutdown.load(ordering: .relaxed) ? Self.shuttingDown : nil
    }
}
