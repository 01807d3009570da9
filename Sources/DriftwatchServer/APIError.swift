import Foundation
import HTTPTypes
import Hummingbird

/// An error answered to the client as `{"error": message}` with its HTTP status (design.md).
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONBody.response(ErrorBody(error: message), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }
}

private struct ErrorBody: Encodable {
    var error: String
}
