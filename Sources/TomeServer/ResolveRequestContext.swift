import Hummingbird
import NIOCore

/// A request context that knows its client's connection, so work for a
/// client that has gone can stop (``TomeSyncRoutes`` checks between the
/// chunks of a batch). A host's own context adopts it to get the same.
public protocol ClientConnectionContext {
    /// The connection the request came on, if known.
    var clientChannel: (any Channel)? { get }
}

/// The standalone service's request context: Hummingbird's basic one plus
/// the client's connection, answering in TomeResolver's JSON
/// (``TomeJSONEncoder``).
public struct ResolveRequestContext: RequestContext, ClientConnectionContext {
    public var coreContext: CoreRequestContextStorage
    public let clientChannel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientChannel = source.channel
    }

    public var responseEncoder: TomeJSONEncoder { TomeJSONEncoder() }
}
