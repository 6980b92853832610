import Foundation
import Testing
@testable import TomeServer

/// Clients that hold connections without finishing a request (slowloris):
/// at the connection cap they make room for new clients, and every
/// request's headers — not only the first's — are held to the header
/// timeout.
@Suite("Slow clients")
struct SlowClientTests {
    /// At the cap, a new client is served at once: the oldest connection
    /// that has not sent its headers is closed to make room (header
    /// timeout 30 s, so no timer does it instead).
    @Test func headerlessConnectionsMakeRoomAtTheCap() async throws {
        let f = try ServiceFixture()
        let limits = ConnectionLimits(headerTimeout: .seconds(30), bodyTimeout: .seconds(30), idleTimeout: .seconds(30),
                                      maximumConnections: 8)
        try await withLiveService(f, limits: limits) { port in
            var drips: [RawConnection] = []
            for _ in 0..<8 {
                let connection = try RawConnection(port: port)
                connection.send("GET /healthz HTTP/1.1\r\nHo")
                drips.append(connection)
                try await Task.sleep(for: .milliseconds(20))
            }
            defer { for connection in drips { connection.close() } }
            try await Task.sleep(for: .milliseconds(200))
            let client = try RawConnection(port: port)
            defer { client.close() }
            client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let (text, _) = await client.readUntilClosed(within: 10)
            #expect(text.hasPrefix("HTTP/1.1 200"), "a client at the cap was not served: \(text)")
            let oldest = await drips[0].readUntilClosed(within: 5)
            #expect(oldest.closedAfter != nil, "the oldest headerless connection was not closed")
        }
    }

    /// Connections whose requests are in progress (headers sent, body
    /// arriving) are not closed to make room: past the cap, a new client
    /// waits until one closes.
    @Test func connectionsWithRequestsInProgressAreKept() async throws {
        let f = try ServiceFixture()
        let limits = ConnectionLimits(headerTimeout: .seconds(30), bodyTimeout: .seconds(30), idleTimeout: .seconds(30),
                                      maximumConnections: 2)
        try await withLiveService(f, limits: limits) { port in
            let busy = "POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.key)\r\nContent-Length: 100\r\n\r\n{\"fil"
            let first = try RawConnection(port: port), second = try RawConnection(port: port)
            first.send(busy)
            second.send(busy)
            try await Task.sleep(for: .milliseconds(300))
            let third = try RawConnection(port: port)
            defer { third.close() }
            third.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let waiting = await third.readUntilClosed(within: 1)
            #expect(waiting.text.isEmpty, "a connection past the cap was served: \(waiting.text)")
            #expect(waiting.closedAfter == nil)
            first.close()
            let served = await third.readUntilClosed(within: 10)
            #expect(served.text.hasPrefix("HTTP/1.1 200"))
            second.close()
        }
    }

    /// The second request on a keep-alive connection gets the header
    /// timeout (1 s) once its first byte arrives, not the idle timeout (30 s).
    @Test func everyRequestsHeadersGetTheHeaderTimeout() async throws {
        let f = try ServiceFixture()
        let limits = ConnectionLimits(headerTimeout: .seconds(1), bodyTimeout: .seconds(30), idleTimeout: .seconds(30),
                                      maximumConnections: 8)
        try await withLiveService(f, limits: limits) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = await connection.read(until: "\"status\":\"ok\"}", within: 30)
            #expect(first.text.hasPrefix("HTTP/1.1 200") && first.closedAfter == nil, "\(first.text)")
            connection.send("GET /healthz HTTP/1.1\r\nHo")
            let (text, closedAfter) = await connection.readUntilClosed(within: 15)
            #expect(text.isEmpty)
            #expect(closedAfter != nil, "half-sent headers of a second request were given the idle timeout")
        }
    }
}
