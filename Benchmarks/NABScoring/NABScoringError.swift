/// Why NAB data could not be read or scores could not be scored, naming the file and line.
public struct NABScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
