import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// How long a client may take, and how many may be connected at once.
///
/// A connection that sends nothing, stops halfway through its headers or its
/// body, or sits idle between requests is closed when its time is up, so
/// held sockets cannot pile up; past ``maximumConnections`` the server stops
/// accepting (new clients wait in the listen backlog) and logs it once.
public struct ConnectionLimits: Sendable, Equatable {
    /// From the connection's start (or the end of the previous response) to
    /// the end of a request's headers, for the first request.
    public var headerTimeout: Duration = .seconds(10)
    /// From the end of the headers to the end of the body.
    public var bodyTimeout: Duration = .seconds(30)
    /// Between a response and the next request's headers on a keep-alive
    /// connection.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections open at once; more wait to be accepted.
    public var maximumConnections = 1024

    public init() {}

    public init(headerTimeout: Duration, bodyTimeout: Duration, idleTimeout: Duration, maximumConnections: Int) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }
}

/// What a request handler reading a body gets when the body did not come
/// within ``ConnectionLimits/bodyTimeout``.
struct ConnectionTimeout: Error {}

/// Hummingbird's HTTP/1.1 channel with a ``ConnectionGuard`` in its
/// pipeline, between NIO's HTTP/1 codec and Hummingbird's.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let limits: ConnectionLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            // NIO's pipeline is [response encoder, request decoder, …]: after
            // the decoder, the guard reads request parts and writes response
            // parts before the encoder turns them into bytes.
            let decoder = try operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(ConnectionGuard(limits: limits, logger: logger), position: .after(decoder.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with ``ConnectionLimits``'s timeouts and protocol edges
    /// handled by ``ConnectionGuard``.
    static func guardedHTTP1(_ limits: ConnectionLimits) -> HTTPServerBuilder {
        .init { responder in GuardedHTTP1Channel(base: HTTP1Channel(responder: responder), limits: limits) }
    }
}

/// Watches one connection at the HTTP/1 level, where the protocol version
/// and parser errors are still visible:
///
/// - closes it when the headers (``ConnectionLimits/headerTimeout``), the
///   body (``ConnectionLimits/bodyTimeout``) or the next request
///   (``ConnectionLimits/idleTimeout``) take too long — a timer per
///   connection, no CPU while it waits;
/// - answers a request that does not keep the connection alive (HTTP/1.0
///   without `Connection: keep-alive`, or `Connection: close`) with
///   `Connection: close`, and closes after the response;
/// - answers a request the HTTP parser rejects (bad bytes, an oversized
///   target or headers, an unknown method) with a JSON error, like every
///   other error of the service, then closes.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let limits: ConnectionLimits
    let logger: Logger

    /// Requests whose head has arrived, and responses fully written.
    private var requestsStarted = 0
    private var responsesEnded = 0
    /// Whether a request's body is still arriving.
    private var readingBody = false
    /// Whether the connection closes after the response in progress.
    private var closeAfterResponse = false
    private var timer: Scheduled<Void>?

    init(limits: ConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    // MARK: Timers

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { wait(limits.headerTimeout, for: "request headers", context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        wait(limits.headerTimeout, for: "request headers", context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    /// Closes the connection unless the timer is replaced within `limit`.
    private func wait(_ limit: Duration, for what: String, context: ChannelHandlerContext) {
        timer?.cancel()
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let logger = self.logger
        let failsRequest = readingBody
        timer = context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            logger.debug("closing a connection: no \(what) within \(limit)")
            // A handler waiting for the body gets an error, not a short body.
            if failsRequest { loopBound.value.fireErrorCaught(ConnectionTimeout()) }
            loopBound.value.close(promise: nil)
        }
    }

    private func stopWaiting() {
        timer?.cancel()
        timer = nil
    }

    // MARK: Requests

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestsStarted += 1
            readingBody = true
            if !head.isKeepAlive { closeAfterResponse = true }
            wait(limits.bodyTimeout, for: "request body", context: context)
        case .body:
            break
        case .end:
            readingBody = false
            stopWaiting()  // the server's turn: no deadline while it works
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where closeAfterResponse:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            responsesEnded += 1
            if closeAfterResponse && responsesEnded >= requestsStarted {
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                let written = promise ?? context.eventLoop.makePromise()
                context.write(data, promise: written)
                written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
            } else {
                if responsesEnded >= requestsStarted && !readingBody {
                    wait(limits.idleTimeout, for: "new request", context: context)
                }
                context.write(data, promise: promise)
            }
        default:
            context.write(data, promise: promise)
        }
    }

    // MARK: Parser errors

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        stopWaiting()
        // The client closed the connection in the middle of a body: nobody
        // to answer. The request's handler learns it from the error.
        if readingBody, case .invalidEOFState = parserError {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        // While the server answers a complete request, another response
        // cannot be written: just close.
        if requestsStarted > responsesEnded && !readingBody {
            context.close(promise: nil)
            return
        }
        let (status, detail) = Self.describe(parserError)
        logger.debug("rejecting a request the HTTP parser refused", metadata: ["error": "\(parserError)"])
        let body = ByteBuffer(bytes: Array("{\"detail\":\"\(detail)\"}".utf8))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: "\(body.readableBytes)")
        headers.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    /// The status and message for a request the parser refused (plain
    /// ASCII: no JSON escaping needed).
    static func describe(_ error: HTTPParserError) -> (HTTPResponseStatus, String) {
        switch error {
        case .headerOverflow:
            return (.requestHeaderFieldsTooLarge, "the request line or headers are too large")
        case .invalidMethod:
            return (.badRequest, "the request method is not valid HTTP")
        case .invalidURL:
            return (.badRequest, "the request target is not a valid URL")
        case .invalidVersion:
            return (.badRequest, "the HTTP version is not valid")
        default:
            return (.badRequest, "the request is not valid HTTP/1.1")
        }
    }
}

/// Caps the connections open at once (``ConnectionLimits/maximumConnections``):
/// at the cap the server stops accepting — new clients wait in the listen
/// backlog, costing nothing. The log says so when the cap is reached (at
/// most once a minute, however often connections come and go at the cap)
/// and when the open connections have fallen 10 % below it.
struct ConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    var open = 0
    /// Reached, and not yet fallen 10 % below.
    var atCap = false
    var warnedThisTime = false
    var lastWarning: ContinuousClock.Instant?

    init(maximum: Int, logger: Logger) {
        self.maximum = maximum
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        guard open >= maximum, !atCap else { return }
        atCap = true
        let now = ContinuousClock.now
        if let last = lastWarning, now - last < .seconds(60) {
            warnedThisTime = false
            return
        }
        lastWarning = now
        warnedThisTime = true
        logger.warning("connection limit reached: \(open) connections open; new ones wait until one closes (--max-connections)")
    }

    mutating func connectionClosed() {
        open -= 1
        guard atCap, open <= maximum - max(1, maximum / 10) else { return }
        atCap = false
        if warnedThisTime { logger.notice("accepting connections again: \(open) open") }
    }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
