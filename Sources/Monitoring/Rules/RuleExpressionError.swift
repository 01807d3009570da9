/// Why a rule expression did not parse, and where: the 1-based line and column (in characters)
/// within the expression's text. The rule loader adds the file and the expression's place in it.
public struct RuleExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
