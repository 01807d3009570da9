/// A parsed JSON value of one event line. Objects keep their members in input order (duplicates
/// included, so the event decoder can refuse them); numbers keep their correctly rounded value and
/// where their literal text lies in the body, for fields that keep a number as text.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// How error messages name the kind of a value: `got string`.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

struct JSONMember: Sendable, Equatable {
    var key: String
    var value: JSONValue
}

struct JSONNumber: Sendable, Equatable {
    /// The nearest double to the literal; ±infinity when the literal is beyond the double range.
    var value: Double
    /// Byte offsets of the literal within the buffer it was read from.
    var literal: Range<Int>
    /// The literal has no fraction and no exponent.
    var isInteger: Bool
}
