import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing
import TomeCatalog
import TomeKeys
import TomeResolver
import TomeSynthetic
import TomeTestSupport
@testable import TomeServer

#if canImport(Glibc)
import Glibc
#endif

@Suite("The connection cap's log")
struct ConnectionCapTests {
    /// Connections coming and going at the cap make one warning a minute,
    /// not one per connection.
    @Test func theCapIsLoggedOnceNotPerConnection() {
        let recorder = LogRecorder()
        var cap = ConnectionCap(maximum: 100, logger: Logger(label: "cap") { _ in recorder })
        for _ in 0..<100 { cap.connectionOpened() }
        #expect(!cap.isAcceptingNewConnections())
        for _ in 0..<50 {
            cap.connectionClosed()
            #expect(cap.isAcceptingNewConnections())
            cap.connectionOpened()
        }
        #expect(recorder.messages.filter { $0.hasPrefix("connection limit reached") }.count == 1)
        for _ in 0..<9 { cap.connectionClosed() }
        #expect(recorder.messages.count == 1)
        cap.connectionClosed()
        #expect(recorder.messages.last == "accepting connections again: 90 open")
        for _ in 0..<10 { cap.connectionOpened() }
        #expect(recorder.messages.filter { $0.hasPrefix("connection limit reached") }.count == 1)
    }
}

/// A log handler that keeps the messages.
final class LogRecorder: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var messages: [String] { lock.withLock { stored } }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { stored.append(event.message.description) }
    }
}
