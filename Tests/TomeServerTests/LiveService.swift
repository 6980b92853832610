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

/// A client speaking raw bytes over TCP, to behave as badly as real ones do.
struct RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = try connectToLocalhost(port: port)
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Reads until the server closes the connection or `seconds` pass.
    /// Returns what was read and, when the server closed, after how long.
    /// The blocking reads run on a Dispatch thread: on Swift's cooperative
    /// threads they would starve the server under test of its own.
    func readUntilClosed(within seconds: Double) async -> (text: String, closedAfter: Double?) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: blockingRead(within: seconds)) }
        }
    }

    /// Reads until what was read contains `needle`, the server closes, or
    /// `seconds` pass (on a Dispatch thread, as ``readUntilClosed(within:)``).
    func read(until needle: String, within seconds: Double) async -> (text: String, closedAfter: Double?) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let start = Date()
                var text = ""
                while Date().timeIntervalSince(start) < seconds {
                    let read = blockingRead(within: 0.1)
                    text += read.text
                    if read.closedAfter != nil {
                        return continuation.resume(returning: (text, Date().timeIntervalSince(start)))
                    }
                    if text.contains(needle) { break }
                }
                continuation.resume(returning: (text, nil))
            }
        }
    }

    func blockingRead(within seconds: Double) -> (text: String, closedAfter: Double?) {
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date().timeIntervalSince(start) < seconds {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                received += buffer[0..<n]
            } else if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return (String(decoding: received, as: UTF8.self), Date().timeIntervalSince(start))
            }
        }
        return (String(decoding: received, as: UTF8.self), nil)
    }

    /// Closes with a TCP reset, as a client that gives up does.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        Glibc.close(fd)
    }

    func close() { Glibc.close(fd) }
}

/// The standalone service (``ResolveServer/application``, its server
/// configuration included) on a live socket on a free port. (Not
/// HummingbirdTesting's `.live`: it rebuilds the configuration and drops the
/// connection cap.)
func withLiveService(
    _ f: ServiceFixture, limits: ConnectionLimits = ConnectionLimits(),
    _ body: @Sendable (_ port: Int) async throws -> Void
) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = ProcessInfo.processInfo.environment["TOME_TEST_LOG"] != nil ? .trace : .error
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = ResolveServer.application(catalog: f.catalog, keys: f.keys, port: 0, limits: limits, logger: logger) { port in
        portContinuation.yield(port)
    }
    let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await body(port)
        } catch {
            await services.triggerGracefulShutdown()
            throw error
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
    }
}
