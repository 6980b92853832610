import Foundation

/// How long a client may take, and how many may be connected at once.
///
/// A connection that sends nothing, stops halfway through its headers or its
/// body, or sits idle between requests is closed when its time is up, so
/// held sockets cannot pile up. At ``maximumConnections`` a new client
/// takes the place of the connection that has waited longest for a request
/// (one that has not finished its headers); when every connection is busy
/// with a request, the server stops accepting (new clients wait in the
/// listen backlog) and logs it once.
public struct ConnectionLimits: Sendable, Equatable {
    /// From the first byte of a request (for the first request, from the
    /// connection's start) to the end of its headers — for every request on
    /// the connection.
    public var headerTimeout: Duration = .seconds(10)
    /// From the end of the headers to the end of the body.
    public var bodyTimeout: Duration = .seconds(30)
    /// Between a response and the first byte of the next request on a
    /// keep-alive connection.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections open at once; past it, new ones take the place of
    /// connections waiting for a request, or wait to be accepted.
    public var maximumConnections = 1024
    /// The largest body a client that asks first (`Expect: 100-continue`) is
    /// invited to send: a larger declared `Content-Length` is answered 413
    /// at once. (The routes' own limit, ``TomeSyncRoutes/maximumBodyBytes``,
    /// holds for every body.)
    public var maximumBodyBytes = 2 << 20

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
