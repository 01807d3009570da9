import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Gives every failure the JSON `{"error": ...}` shape of design.md, including the errors
/// Hummingbird raises itself (no route: 404, body over the limit: 413). Anything that is not an
/// HTTP or store-argument error is a server fault: it is logged and answered 500 without internal detail.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            // The router's own 404: no route matched the method and path.
            throw APIError.notFound("no endpoint \(request.method) \(request.uri.path)")
        } catch let error as HTTPError {
            throw APIError(status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as StoreError {
            switch error {
            case .invalidArgument: throw APIError.badRequest(error.description)
            case .notFound: throw APIError.notFound(error.description)
            case .unavailable, .corrupt, .failed:
                context.logger.error("store failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                throw APIError(status: .internalServerError, message: "internal error: the store failed")
            }
        } catch let error as any HTTPResponseError {
            throw APIError(status: error.status, message: Self.message(for: error.status))
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(status: .internalServerError, message: "internal error")
        }
    }

    private static func message(for status: HTTPResponse.Status) -> String {
        status == .contentTooLarge ? "request body is larger than the configured limit" : status.reasonPhrase
    }
}
