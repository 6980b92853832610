import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing
import TomeCatalog
import TomeKeys
import TomeResolver
import TomeTestSupport
@testable import TomeServer

#if canImport(Glibc)
import Glibc
#endif

/// Every log line's message and its `status`, in order.
final class LineRecorder: LogHandler, @unchecked Sendable {
    struct Line: Sendable {
        var message: String
        var status: String?
        var path: String?
    }

    private let lock = NSLock()
    private var stored: [Line] = []
    var lines: [Line] { lock.withLock { stored } }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = Line(message: event.message.description, status: event.metadata?["status"]?.description,
                        path: event.metadata?["path"]?.description)
        lock.withLock { stored.append(line) }
    }
}

@Suite("Graceful shutdown")
struct ShutdownTests {
    /// A graceful shutdown (SIGTERM, SIGINT) is logged when it starts, and a
    /// batch in progress skips its chunks not yet started and answers 503,
    /// rather than holding the shutdown until all its names are resolved.
    @Test func shutdownLogsFirstAndSkipsQueuedChunks() async throws {
        let (f, body) = try BatchCancellationTests.slowBatch()
        let recorder = LineRecorder()
        let logger = Logger(label: "test") { _ in recorder }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = ResolveServer.application(catalog: f.catalog, keys: f.keys, port: 0, logger: logger) { port in
            portContinuation.yield(port)
        }
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n")
            connection.send([UInt8](body))
            // Lets the request start (not a timing assertion: the answer is
            // the same whether or not a chunk has started).
            try await Task.sleep(for: .milliseconds(150))
            await services.triggerGracefulShutdown()
            let answer = await connection.readUntilClosed(within: 60)
            #expect(answer.text.hasPrefix("HTTP/1.1 503"), "\(answer.text.prefix(200))")
            try await group.waitForAll()
        }
        let lines = recorder.lines
        let notice = lines.firstIndex { $0.message.hasPrefix("shutting down") }
        let request = lines.firstIndex { $0.message == "request" && $0.path == "/api/tome-sync/resolve/batch" }
        #expect(notice != nil && request != nil)
        if let notice, let request {
            #expect(notice < request, "\(lines.map { "\($0.message) \($0.status ?? "")" })")
            #expect(lines[request].status == "503")
        }
    }
}
