import Foundation

/// The JSON used for the store's long-lived documents (schemas, profiles, reports, window state).
/// These are written rarely and read at start, so a readable, versionable format wins over a
/// compact one. Non-finite numbers (a p-value of NaN, an infinite statistic) are written as the
/// strings `"inf"`, `"-inf"`, `"nan"` because JSON has no literal for them.
enum StoreJSON {
    static func encode(_ value: some Encodable, _ what: @autoclosure () -> String) throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try encoder.encode(value)
        } catch {
            throw .invalidArgument("\(what()) does not encode: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, _ what: @autoclosure () -> String)
        throws(StoreError) -> T
    {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw .corrupt("\(what()): \(error)")
        }
    }
}
