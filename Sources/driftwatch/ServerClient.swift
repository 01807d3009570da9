import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP client of the commands that talk to a running server (`baseline create`, `ingest`).
///
/// It answers every HTTP status as a `ServerAnswer` (the caller decides what a status means) and
/// turns a request that got no answer into a `ServerClient.TransportError` naming the URL.
struct ServerClient: Sendable {
    /// A request that got no HTTP answer: refused, reset, timed out, name not resolved.
    struct TransportError: Error, Sendable {
        var url: String
        var reason: String
        /// Whether nothing listens there (connection refused, unknown host), as opposed to a
        /// connection lost or timed out mid-request.
        var unreachable: Bool

        /// What a user reads: the URL and what to check.
        var message: String {
            unreachable
                ? "cannot reach the driftwatch server at \(url): \(reason) (is 'driftwatch serve' running there? set --server or DRIFTWATCH_SERVER)"
                : "request to \(url) failed: \(reason)"
        }
    }

    let base: String
    let token: String?

    /// One request: method, path below `base` (already escaped), optional body and its type.
    func send(_ method: String, _ path: String, contentType: String? = nil, body: Data? = nil) async throws(TransportError) -> ServerAnswer {
        let target = base + path
        guard let url = URL(string: target) else {
            throw TransportError(url: target, reason: "not a valid URL", unreachable: true)
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 300
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = body
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(url: base, reason: "not an HTTP answer", unreachable: false)
            }
            return ServerAnswer(status: http.statusCode, body: data, retryAfter: http.value(forHTTPHeaderField: "Retry-After"))
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            let unreachable: Set<URLError.Code> = [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .unsupportedURL]
            throw TransportError(url: base, reason: error.localizedDescription, unreachable: unreachable.contains(error.code))
        } catch {
            throw TransportError(url: base, reason: "\(error)", unreachable: false)
        }
    }

    /// A path segment escaped for a URL path (a model or baseline name may hold any character).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// An HTTP answer of the server: status, body, and the `Retry-After` header when present.
struct ServerAnswer: Sendable {
    var status: Int
    var body: Data
    var retryAfter: String?

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The server's `{"error": ...}` message, else the start of the body, else the status.
    var errorMessage: String {
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: body) { return decoded.error }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(text)"
    }

    /// Decodes a JSON answer, or fails naming what was expected.
    func decode<T: Decodable>(_ type: T.Type, what: String) throws(InputError) -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw InputError("the server's answer is not \(what): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
    }

    private struct ErrorBody: Decodable {
        var error: String
    }
}

/// A rejected line as the server reports it (`{"line": 17, "error": "..."}`), numbered within
/// the request body.
struct LineRejection: Decodable, Sendable, Equatable {
    var line: Int
    var error: String
}
