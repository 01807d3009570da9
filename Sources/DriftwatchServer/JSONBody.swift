import Foundation
import HTTPTypes
import Hummingbird

/// Encodes response bodies. Keys are sorted so that responses are stable for clients and tests.
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every body encoded here is built from strings, numbers and Codable schema values, whose
        // encoding cannot fail; the fallback keeps the promise of a JSON body regardless.
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"response could not be encoded"}"#.utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
