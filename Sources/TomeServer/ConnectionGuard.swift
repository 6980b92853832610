import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 channel with a ``ConnectionGuard`` in its
/// pipeline, between NIO's HTTP/1 codec and Hummingbird's, and a
/// ``RequestBytesWatcher`` before the codec.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let limits: ConnectionLimits
    let waitingRoom: WaitingRoom

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Reads of at most 16 KiB (NIO's default grows to 64 KiB): until
            // a route has looked at a body, the connection reads ahead only
            // as far as Hummingbird's buffer of body parts allows, so a
            // smaller read is less of a refused body read for nothing (a
            // flood of 2 MiB junk bodies: ~125 KB read per body, not ~335 KB).
            try channel.syncOptions?.setOption(ChannelOptions.recvAllocator, value: Self.reads)
            let operations = channel.pipeline.syncOperations
            // NIO's pipeline is [response encoder, request decoder, …]: after
            // the decoder, the guard reads request parts and writes response
            // parts before the encoder turns them into bytes; before it, the
            // watcher sees bytes before they are parsed.
            let decoder = try operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let connectionGuard = ConnectionGuard(limits: limits, waitingRoom: waitingRoom, logger: logger)
            try operations.addHandler(connectionGuard, position: .after(decoder.handler))
            try operations.addHandler(RequestBytesWatcher(connectionGuard: connectionGuard), position: .before(decoder.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }

    /// How much one read of a connection takes at most.
    static let reads = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 2048, maximum: 16 << 10)
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with ``ConnectionLimits``'s timeouts and protocol edges
    /// handled by ``ConnectionGuard``; connections waiting for a request
    /// are listed in `waitingRoom`, for ``ConnectionCap`` to make room.
    static func guardedHTTP1(_ limits: ConnectionLimits, waitingRoom: WaitingRoom = WaitingRoom()) -> HTTPServerBuilder {
        .init { responder in
            GuardedHTTP1Channel(base: HTTP1Channel(responder: responder), limits: limits, waitingRoom: waitingRoom)
        }
    }
}

/// Tells the connection's ``ConnectionGuard`` that bytes arrived, before the
/// HTTP parser holds them back until a request's headers are complete: the
/// first byte of a request starts its header timeout.
final class RequestBytesWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let connectionGuard: ConnectionGuard

    init(connectionGuard: ConnectionGuard) { self.connectionGuard = connectionGuard }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connectionGuard.requestBytesArrived()
        context.fireChannelRead(data)
    }
}

/// Watches one connection at the HTTP/1 level, where the protocol version
/// and parser errors are still visible:
///
/// - closes it when a request's headers (``ConnectionLimits/headerTimeout``),
///   its body (``ConnectionLimits/bodyTimeout``) or the first byte of the
///   next request (``ConnectionLimits/idleTimeout``) take too long — a timer
///   per connection, no CPU while it waits;
/// - lists it in the ``WaitingRoom`` while it waits for a request's headers,
///   so that at the connection cap it can be closed for a new client;
/// - refuses, in JSON, a request without exactly one `Host` (HTTP/1.1) and
///   one that announces a body over ``ConnectionLimits/maximumBodyBytes``
///   with `Expect: 100-continue`; answers `100 Continue` to the others that
///   ask;
/// - answers requests pipelined in one write in order, up to the one that
///   closes the connection — HTTP/1.0 without `Connection: keep-alive`,
///   `Connection: close`, a refused request, or bytes the HTTP parser
///   rejects (bad bytes, an oversized target or headers, an unknown method),
///   answered with a JSON error, or a route's answer that says `Connection:
///   close` — and closes after that response; what follows it, the rest of
///   a body included, is dropped.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let limits: ConnectionLimits
    let logger: Logger
    let waitingRoom: WaitingRoom

    /// Requests begun (a head arrived, or bytes the parser refused), and
    /// responses fully written.
    private var requestsStarted = 0
    private var responsesEnded = 0
    /// Whether a request's body is still arriving.
    private var readingBody = false
    /// The request after whose response the connection closes.
    private var lastRequest: Int?
    /// Whether request parts still go on to the router: not after the last
    /// request, nor for a request the guard answers itself.
    private var forwarding = true
    /// Closing after a refusal while the request's body was still arriving
    /// (a route's `Connection: close`): the rest of the body is read and
    /// thrown away, uncounted, and the connection closes once it has come —
    /// so that a client still sending is not answered with a reset that
    /// would lose the refusal (RFC 9112 §9.6, a "lingering close"). Not
    /// for long: after ``lingerLimit``, or past ``lingerBytes``, it closes
    /// anyway (a client that reads while it sends, as curl does, has its
    /// answer by then; reading a flood of 2 MiB junk bodies to their ends
    /// cost as much as reading them in full).
    private var lingering = false
    /// Bytes thrown away while ``lingering``.
    private var discarded = 0
    /// The refusal's response is written: close as soon as the body is in.
    private var refusalWritten = false
    /// The longest a refused body's rest is waited for once the refusal is
    /// written.
    static let lingerLimit: Duration = .seconds(2)
    /// The most bytes of a refused body thrown away before closing anyway.
    static let lingerBytes = 64 << 10
    /// The guard's own answer to ``lastRequest``, written once the responses
    /// before it are.
    private var ownAnswer: RequestRefusal?
    /// Waiting for the next request, none of it received: the idle timeout
    /// runs until its first byte.
    private var idle = false
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(limits: ConnectionLimits, waitingRoom: WaitingRoom, logger: Logger) {
        self.limits = limits
        self.waitingRoom = waitingRoom
        self.logger = logger
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    // MARK: Timers

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { awaitFirstRequest(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitFirstRequest(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopWaiting()
        waitingRoom.leave(id)
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopWaiting()
        waitingRoom.leave(id)
        context.fireChannelInactive()
    }

    private func awaitFirstRequest(context: ChannelHandlerContext) {
        guard timer == nil, requestsStarted == 0 else { return }
        wait(limits.headerTimeout, for: "request headers", context: context)
        waitingRoom.enter(id, channel: context.channel)
    }

    /// The first byte of the next request ends the idle wait: its headers
    /// have the header timeout from now.
    func requestBytesArrived() {
        guard idle, let context else { return }
        idle = false
        wait(limits.headerTimeout, for: "request headers", context: context)
    }

    /// Closes the connection unless the timer is replaced within `limit`.
    private func wait(_ limit: Duration, for what: String, context: ChannelHandlerContext) {
        timer?.cancel()
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let logger = self.logger
        let failsRequest = readingBody && !lingering
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
        if lingering {
            discard(unwrapInboundIn(data), context: context)
            return
        }
        guard forwarding else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestsStarted += 1
            readingBody = true
            idle = false
            waitingRoom.leave(id)
            if let refusal = RequestRefusal(of: head, maximumBodyBytes: limits.maximumBodyBytes) {
                refuse(refusal, context: context)
                return
            }
            if !head.isKeepAlive { lastRequest = requestsStarted }
            wait(limits.bodyTimeout, for: "request body", context: context)
            // A 100 in the middle of an earlier response would corrupt it: a
            // client that pipelines behind `Expect` waits, then sends.
            if RequestRefusal.expectsContinue(head) && responsesEnded == requestsStarted - 1 {
                let interim = HTTPResponseHead(version: .http1_1, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body:
            break
        case .end:
            readingBody = false
            stopWaiting()  // the server's turn: no deadline while it works
            if lastRequest == requestsStarted { forwarding = false }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where lastRequest == responsesEnded + 1:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .head(let head) where head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }):
            // A route that stopped reading a body it refused says
            // `Connection: close`: the connection closes after this answer,
            // and the rest of the body (and whatever follows) is dropped,
            // not read to its end.
            lastRequest = responsesEnded + 1
            forwarding = false
            if readingBody {
                lingering = true
                stopWaiting()
            }
            context.write(data, promise: promise)
        case .end:
            responsesEnded += 1
            if responsesEnded == lastRequest && lingering {
                // The refusal first; the connection closes when the rest of
                // the body is in, or when the linger ends.
                refusalWritten = true
                context.writeAndFlush(data, promise: promise)
                wait(Self.lingerLimit, for: "the rest of a refused body", context: context)
                return
            }
            if responsesEnded == lastRequest {
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                let written = promise ?? context.eventLoop.makePromise()
                context.write(data, promise: written)
                written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
                return
            }
            context.write(data, promise: promise)
            if ownAnswer != nil {
                answerIfDue(context: context)
            } else if responsesEnded >= requestsStarted && !readingBody {
                idle = true
                wait(limits.idleTimeout, for: "new request", context: context)
                waitingRoom.enter(id, channel: context.channel)
            }
        default:
            context.write(data, promise: promise)
        }
    }

    /// Throws away a part of a refused request's body; closes when the
    /// body is complete and the refusal written, or when too much came.
    private func discard(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .body(let bytes):
            discarded += bytes.readableBytes
            if discarded > Self.lingerBytes {
                logger.debug("closing a connection: more than \(Self.lingerBytes) bytes after a refusal")
                context.close(promise: nil)
            }
        case .end:
            lingering = false
            readingBody = false
            if refusalWritten {
                stopWaiting()
                context.close(promise: nil)
            }
        case .head:
            break
        }
    }

    // MARK: Refusals and parser errors

    /// Answers the request begun last with `refusal` once the responses
    /// before it are written, and closes; drops what follows it.
    private func refuse(_ refusal: RequestRefusal, context: ChannelHandlerContext) {
        stopWaiting()
        waitingRoom.leave(id)
        lastRequest = requestsStarted
        ownAnswer = refusal
        forwarding = false
        readingBody = false
        answerIfDue(context: context)
    }

    private func answerIfDue(context: ChannelHandlerContext) {
        guard let answer = ownAnswer, responsesEnded == requestsStarted - 1 else { return }
        ownAnswer = nil
        logger.debug("refusing a request", metadata: ["status": "\(answer.status.code)", "detail": "\(answer.detail)"])
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        for part in answer.responseParts() { context.write(wrapOutboundOut(part), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // Past the last request, or refusing one: the rest is dropped.
        guard forwarding else { return }
        stopWaiting()
        logger.debug("the HTTP parser refused a request", metadata: ["error": "\(parserError)"])
        if readingBody {
            // The client closed the connection in the middle of a body
            // (nobody to answer), or the bad bytes are in a body while an
            // earlier response is still to be written (no answer can go
            // between): the request's handler learns it from the error.
            if case .invalidEOFState = parserError {
                context.fireErrorCaught(error)
                context.close(promise: nil)
                return
            }
            if responsesEnded < requestsStarted - 1 {
                context.fireErrorCaught(error)
                context.close(promise: nil)
                return
            }
            // The request in progress gets the error as its answer.
        } else {
            requestsStarted += 1
        }
        refuse(RequestRefusal(parserError), context: context)
    }
}
