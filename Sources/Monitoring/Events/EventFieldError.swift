/// Why one event line was rejected; `message` starts with the field it concerns and is what the
/// batch response shows for the line.
struct EventFieldError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    static func expected(_ field: String, _ expected: String, got value: JSONValue) -> EventFieldError {
        EventFieldError("\(field): expected \(expected), got \(value.kindName)")
    }
}

/// Field decoders shared by prediction, label and metric events.
enum EventFields {
    /// The earliest and latest instants an epoch-seconds timestamp may name: years 0000 to 9999,
    /// the range of RFC 3339. The upper bound also catches milliseconds sent as seconds.
    static let epochRange = -62_167_219_200.0 ..< 253_402_300_800.0

    static func id(_ value: JSONValue) throws(EventFieldError) -> String {
        guard case let .string(text) = value else { throw .expected("id", "string", got: value) }
        if text.isEmpty { throw EventFieldError("id: must not be empty") }
        return text
    }

    /// RFC 3339 text or epoch seconds; null means absent.
    static func timestamp(_ value: JSONValue, reader: JSONReader) throws(EventFieldError) -> Double? {
        switch value {
        case .null:
            return nil
        case let .string(text):
            do {
                return try RFC3339Timestamp.epochSeconds(text)
            } catch {
                throw EventFieldError("timestamp: \(error)")
            }
        case let .number(number):
            guard epochRange.contains(number.value) else {
                throw EventFieldError(
                    "timestamp: \(reader.text(of: number)) is not epoch seconds within years 0000-9999"
                        + " (milliseconds sent as seconds?)")
            }
            return number.value
        default:
            throw .expected("timestamp", "RFC 3339 string or epoch seconds", got: value)
        }
    }

    /// A finite number; beyond the double range is an error naming the literal.
    static func finite(_ number: JSONNumber, field: String, reader: JSONReader) throws(EventFieldError) -> Double {
        guard number.value.isFinite else {
            throw EventFieldError("\(field): number \(reader.text(of: number)) is out of range")
        }
        return number.value
    }

    static func duplicate(_ field: String) -> EventFieldError {
        EventFieldError("\(field): given more than once")
    }

    static func unknownKey(_ key: String) -> EventFieldError {
        EventFieldError("unknown key '\(key)'")
    }
}
