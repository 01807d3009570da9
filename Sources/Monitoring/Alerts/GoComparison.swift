/// Go's template comparison functions `eq`, `ne`, `lt`, `le`, `gt`, `ge` (`text/template`,
/// Go 1.19) over template values.
///
/// Go compares by basic kind, not by type: `template.HTML` compares with `string`, but an `int`
/// never with a `float64` (`gt $value 1` fails, `gt $value 1.0` works), and ordering has no
/// meaning for `bool`. The parser checks kinds (``kind(of:)``), so these functions only see
/// comparable arguments. `le` is `lt || eq`, `gt` is `!le`, `ge` is `!lt`, exactly as Go
/// defines them, which makes `gt NaN 1` and `ge NaN 1` true.
enum GoComparison {
    /// The kinds Go compares.
    enum Kind: Sendable, Equatable {
        case bool, int, float, string
    }

    /// The kind of a type, or nil for one Go cannot compare (a map).
    static func kind(of type: GoType) -> Kind? {
        switch type {
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string, .html: return .string
        case .map: return nil
        }
    }

    /// `eq a b c …`: whether `a` equals any of the others.
    static func equal(_ first: GoValue, _ others: some Sequence<GoValue>) -> Bool {
        others.contains { equal(first, $0) }
    }

    static func equal(_ left: GoValue, _ right: GoValue) -> Bool {
        switch (left, right) {
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.float(a), .float(b)): return a == b
        default: return text(left) == text(right)
        }
    }

    /// `lt a b`; strings compare byte by byte, as Go's do.
    static func less(_ left: GoValue, _ right: GoValue) -> Bool {
        switch (left, right) {
        case let (.int(a), .int(b)): return a < b
        case let (.float(a), .float(b)): return a < b
        default: return text(left).utf8.lexicographicallyPrecedes(text(right).utf8)
        }
    }

    /// The text of a string-kind value (the only kind left once bool and numbers are matched).
    private static func text(_ value: GoValue) -> String {
        switch value {
        case .string(let text), .html(let text): return text
        case .float, .int, .bool, .map: return ""
        }
    }
}
