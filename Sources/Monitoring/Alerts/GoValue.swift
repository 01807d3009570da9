/// A value as an alert template sees it: the Go types that Prometheus' template data and
/// functions produce, so printing and `printf` can follow Go's `fmt` for each of them.
///
/// Only these types occur: `$value` is a `float64`, labels are `map[string]string` and their
/// values `string`, integer literals are `int`, float literals `float64`, `match` returns a
/// `bool` and `safeHtml` an `html/template.HTML` (a string type of its own, so Go refuses it where
/// a `string` parameter is expected).
enum GoValue: Sendable {
    case string(String)
    case float(Double)
    case int(Int)
    case bool(Bool)
    case map([String: String])
    case html(String)

    /// Go's truth in `{{ if }}`, `not`, `and` and `or`: `false`, zero, the empty string and the
    /// empty map are false, everything else is true (NaN too: it is not zero).
    var isTrue: Bool {
        switch self {
        case .string(let text), .html(let text): return !text.isEmpty
        case .float(let number): return number != 0
        case .int(let number): return number != 0
        case .bool(let truth): return truth
        case .map(let entries): return !entries.isEmpty
        }
    }

    var type: GoType {
        switch self {
        case .string: return .string
        case .float: return .float
        case .int: return .int
        case .bool: return .bool
        case .map: return .map
        case .html: return .html
        }
    }
}

/// The static type of a template expression; every expression has exactly one.
enum GoType: Sendable, Equatable {
    case string, float, int, bool, map, html

    /// The name Go's `reflect` gives the type, as `fmt` prints it in `%!d(float64=1.5)` and `%T`.
    var goName: String {
        switch self {
        case .string: return "string"
        case .float: return "float64"
        case .int: return "int"
        case .bool: return "bool"
        case .map: return "map[string]string"
        case .html: return "template.HTML"
        }
    }
}
