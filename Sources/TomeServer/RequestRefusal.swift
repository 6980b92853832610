import NIOCore
import NIOHTTP1

/// A request ``ConnectionGuard`` answers itself, before the router sees it:
/// its status and the `{"detail": …}` the client gets, with
/// `Connection: close`.
struct RequestRefusal: Equatable {
    var status: HTTPResponseStatus
    /// Plain ASCII without quotes or backslashes: no JSON escaping needed.
    var detail: String

    init(_ status: HTTPResponseStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    /// The refusal of a request `head`, if any:
    ///
    /// - 400 without exactly one `Host` header (RFC 9112 §3.2) — HTTP/1.0
    ///   may leave it out;
    /// - 413 when the client asks first (`Expect: 100-continue`) about a
    ///   body over `maximumBodyBytes`: no need to send it.
    init?(of head: HTTPRequestHead, maximumBodyBytes: Int) {
        let hosts = head.headers["host"].count
        let http11 = head.version.major > 1 || (head.version.major == 1 && head.version.minor >= 1)
        if hosts > 1 {
            self.init(.badRequest, "the request has \(hosts) Host headers; HTTP/1.1 needs exactly one")
        } else if hosts == 0 && http11 {
            self.init(.badRequest, "the request has no Host header; HTTP/1.1 needs one")
        } else if Self.expectsContinue(head), let declared = head.headers["content-length"].first.flatMap({ Int($0) }),
                  declared > maximumBodyBytes {
            self.init(.payloadTooLarge, "the body is larger than \(maximumBodyBytes) bytes")
        } else {
            return nil
        }
    }

    /// The answer to bytes the HTTP parser refused.
    init(_ error: HTTPParserError) {
        switch error {
        case .headerOverflow:
            self.init(.requestHeaderFieldsTooLarge, "the request line or headers are too large")
        case .invalidMethod:
            self.init(.badRequest, "the request method is not valid HTTP")
        case .invalidURL:
            self.init(.badRequest, "the request target is not a valid URL")
        case .invalidVersion:
            self.init(.badRequest, "the HTTP version is not valid")
        default:
            self.init(.badRequest, "the request is not valid HTTP/1.1")
        }
    }

    /// Whether an HTTP/1.1 client waits for `100 Continue` before it sends
    /// the body (an HTTP/1.0 client never gets one: RFC 9110 §10.1.1).
    static func expectsContinue(_ head: HTTPRequestHead) -> Bool {
        guard head.version.major > 1 || (head.version.major == 1 && head.version.minor >= 1) else { return false }
        return head.headers["expect"].contains { $0.lowercased() == "100-continue" }
    }

    /// The response's head and body (its end is for the caller to write).
    func responseParts() -> [HTTPServerResponsePart] {
        let body = ByteBuffer(bytes: Array("{\"detail\":\"\(detail)\"}".utf8))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: "\(body.readableBytes)")
        headers.add(name: "connection", value: "close")
        return [.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)), .body(.byteBuffer(body))]
    }
}
