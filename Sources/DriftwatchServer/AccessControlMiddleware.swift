import HTTPTypes
import Hummingbird
import Logging

/// Decides, from the ``RouteTable``, whether a request may proceed: 405 (with `Allow`) for a
/// known path with another method, and, when tokens are configured, 401/403 for a missing or
/// insufficient bearer token.
///
/// Requests to paths outside the table still need a valid token (of any scope) before they learn
/// that nothing is there, so the API's shape is not revealed to anonymous callers. Error messages
/// name the scope needed and the token's name at most, never the secret.
struct AccessControlMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable
    /// Nil when no tokens are configured: the server is then reachable from loopback only (or by
    /// an explicit `--insecure`) and every route is open.
    let authenticator: TokenAuthenticator?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let match = table.match(method: request.method, path: request.uri.path)
        var caller: String?
        if let authenticator {
            switch match {
            case let .matched(entry, _):
                if case let .scope(needed) = entry.requirement {
                    let token = try authenticate(request, authenticator, needed: needed)
                    caller = token.name
                    guard token.grants(needed) else {
                        context.logger.notice(
                            "token lacks scope", metadata: ["token": "\(token.name)", "scope": "\(needed.rawValue)"])
                        throw APIError(
                            status: .forbidden,
                            message: "token '\(token.name)' lacks the '\(needed.rawValue)' scope this endpoint needs")
                    }
                }
            case let .methodNotAllowed(_, _, open) where !open:
                _ = try authenticate(request, authenticator, needed: nil)
            case .methodNotAllowed:
                break
            case .unmatched:
                _ = try authenticate(request, authenticator, needed: nil)
            }
        }
        if case let .methodNotAllowed(_, allowed, _) = match {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var headers = HTTPFields()
            headers[.allow] = list
            throw APIError(
                status: .methodNotAllowed, message: "method \(request.method) not allowed on \(request.uri.path); allowed: \(list)",
                headers: headers)
        }
        return try await AuthenticatedCaller.$tokenName.withValue(caller) { try await next(request, context) }
    }

    /// The token presented as `Authorization: Bearer <token>`, or a 401 asking for one.
    private func authenticate(_ request: Request, _ authenticator: TokenAuthenticator, needed: AccessScope?) throws -> AccessToken {
        let purpose = needed.map { "a bearer token with the '\($0.rawValue)' scope" } ?? "a bearer token"
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("missing Authorization header: this endpoint needs \(purpose)")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("the Authorization header must be 'Bearer <token>': this endpoint needs \(purpose)")
        }
        guard let token = authenticator.authenticate(String(parts[1]).trimmingWhitespace()) else {
            throw Self.unauthorized("unknown bearer token: this endpoint needs \(purpose)")
        }
        return token
    }

    private static func unauthorized(_ message: String) -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer"
        return APIError(status: .unauthorized, message: message, headers: headers)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (header whitespace, RFC 9110 §5.6.3).
    fileprivate func trimmingWhitespace() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view.removeFirst() }
        while view.last == " " || view.last == "\t" { view.removeLast() }
        return String(view)
    }
}
