import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends an action's HTTP request and answers the response; throws on a network error or when no
/// answer came within `timeout`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPExchange.Request, timeout: Duration) async throws -> HTTPExchange.Response
}

/// The transport over AsyncHTTPClient's shared client. Answers are read up to 4 MiB.
public struct AsyncHTTPTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPExchange.Request, timeout: Duration) async throws -> HTTPExchange.Response {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty || ["POST", "PUT", "PATCH", "DELETE"].contains(request.method) {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let deadline = NIODeadline.now() + .milliseconds(timeout.wholeMilliseconds)
        let response = try await HTTPClient.shared.execute(outgoing, deadline: deadline)
        let body = try await response.body.collect(upTo: 4 << 20)
        return HTTPExchange.Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(body.readableBytesView))
    }
}
