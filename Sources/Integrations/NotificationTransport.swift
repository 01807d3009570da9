import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one notification request and answers the HTTP status; throws on a network error or a
/// timeout.
public protocol NotificationTransport: Sendable {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> Int
}

/// The transport over AsyncHTTPClient's shared client.
public struct HTTPNotificationTransport: NotificationTransport {
    public init() {}

    public func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(timeout.wholeMilliseconds))
        // The body is not needed; reading it frees the connection for reuse.
        _ = try await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }
}
