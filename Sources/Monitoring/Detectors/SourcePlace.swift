/// Where something was defined: a file and a 1-based line and column, for messages and listings.
public struct SourcePlace: Sendable, Equatable, Codable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
