import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP requests to a server on 127.0.0.1, answering status and body text.
public enum LoopbackHTTP {
    /// `token` is sent as `Authorization: Bearer <token>`.
    public static func request(
        _ method: String, port: Int, _ path: String, type: String? = nil, body: String? = nil, token: String? = nil
    ) async throws -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw TestSupportError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let type { request.setValue(type, forHTTPHeaderField: "Content-Type") }
        if let body { request.httpBody = Data(body.utf8) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
