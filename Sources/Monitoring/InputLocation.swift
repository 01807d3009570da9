/// Where in a user's input a problem was found, so an error message can name it: the line of an
/// NDJSON body or CSV file (1-based), and the field within it.
public struct InputLocation: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based line number, when the input is line-oriented.
    public var line: Int?
    /// The field, e.g. `features.amount` or `timestamp`.
    public var field: String?

    public init(line: Int? = nil, field: String? = nil) {
        self.line = line
        self.field = field
    }

    public var description: String {
        switch (line, field) {
        case let (line?, field?): return "line \(line), field '\(field)'"
        case let (line?, nil): return "line \(line)"
        case let (nil, field?): return "field '\(field)'"
        case (nil, nil): return "input"
        }
    }
}
