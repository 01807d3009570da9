import Foundation

/// JSON bodies for the adapters' requests and the reading of their answers.
enum JSONBodies {
    /// `value` as compact JSON with sorted keys (stable bodies, so dry runs log what would be sent).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The adapters encode strings, numbers, booleans and their arrays and maps only.
        return [UInt8]((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// Decodes an answer, or fails the step naming what was expected.
    static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPExchange.Response, step: String) throws(ActionFailure) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw ActionFailure("\(step): unexpected answer (\(Redactor.excerpt(response.body, limit: 200)))")
        }
    }

    /// `text` percent-encoded for a URL query value (RFC 3986 unreserved characters kept).
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
