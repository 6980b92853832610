import Foundation
import Testing
@testable import TomeServer

/// Requests pipelined in one write are answered in order up to the one that
/// closes the connection (`Connection: close`, or a request the server
/// refuses), and no further (RFC 9112 §9.6).
@Suite("Pipelined requests")
struct PipeliningTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"

    /// Three requests, the second with `Connection: close`: two answers,
    /// only the second saying `Connection: close`, then the server closes.
    @Test func answersUpToTheRequestThatCloses() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send(Self.healthz + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + Self.healthz)
            let (text, closedAfter) = await connection.readUntilClosed(within: 20)
            let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(responses.count == 2, "\(text)")
            #expect(responses.allSatisfy { $0.hasPrefix("200") && $0.hasSuffix("\"status\":\"ok\"}") }, "\(text)")
            #expect(!(responses.first ?? "").lowercased().contains("connection: close"), "\(text)")
            #expect((responses.last ?? "").lowercased().contains("connection: close"), "\(text)")
            #expect(closedAfter != nil)
        }
    }

    /// A request, then bytes the parser refuses, then another request: the
    /// first is answered, then the error (JSON), then the server closes.
    @Test func answersTheRequestsBeforeOneTheParserRefuses() async throws {
        let f = try ServiceFixture()
        try await withLiveService(f) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send(Self.healthz + "FOO /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + Self.healthz)
            let (text, closedAfter) = await connection.readUntilClosed(within: 20)
            let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(responses.count == 2, "\(text)")
            #expect(responses.first?.hasPrefix("200") == true, "\(text)")
            #expect(responses.last?.hasPrefix("400") == true, "\(text)")
            #expect((responses.last ?? "").lowercased().contains("content-type: application/json"), "\(text)")
            #expect(closedAfter != nil)
        }
    }
}
