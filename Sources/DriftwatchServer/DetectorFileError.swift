/// A problem in a detector file, at a line and column (1-based; column in characters).
public struct DetectorFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in a set of detector files; a set with any is refused whole, so a reload
/// keeps the running set.
public struct DetectorSetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [DetectorFileError]

    public init(_ errors: [DetectorFileError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
