import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The loopback HTTP client `driftwatch demo` drives its server with, as any user's client would.
struct DemoHTTPClient: Sendable {
    let base: String

    /// Sends a request; a status outside 2xx is an error naming the request and the answer.
    @discardableResult
    func send(_ method: String, _ path: String, contentType: String? = nil, body: String? = nil) async throws -> Data {
        guard let url = URL(string: base + path) else { throw InputError("invalid URL \(base + path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw InputError("\(method) \(path) answered \(status): \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
        return data
    }

    /// A JSON object answer.
    func json(_ method: String, _ path: String, contentType: String? = nil, body: String? = nil) async throws -> [String: Any] {
        let data = try await send(method, path, contentType: contentType, body: body)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError("\(method) \(path) did not answer a JSON object")
        }
        return object
    }
}
