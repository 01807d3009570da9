import Foundation
import HTTPTypes
import Hummingbird
import Monitoring

/// The media type of a request body, without parameters, lower-cased (`text/csv; charset=utf-8`
/// is `text/csv`).
enum RequestContentType {
    static func mediaType(of request: Request) -> String? {
        guard let value = request.headers[.contentType] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The value of media-type parameter `name` (`version` in `text/plain; version=0.0.4`),
    /// unquoted; nil when absent.
    static func parameter(_ name: String, of request: Request) -> String? {
        guard let value = request.headers[.contentType] else { return nil }
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The framing of an event batch: NDJSON or a JSON array; any other type is a 415.
    static func batchKind(of request: Request) throws(APIError) -> BatchContentKind {
        switch mediaType(of: request) {
        case "application/x-ndjson": return .ndjson
        case "application/json": return .jsonArray
        case let other:
            throw APIError(
                status: .unsupportedMediaType,
                message: "unsupported content type '\(other ?? "none")': send application/x-ndjson or application/json (an array)")
        }
    }
}
