/// The outcome of decoding one batch body: what was accepted, and each rejected line with why.
public struct BatchDecodeResult<Event: Sendable>: Sendable {
    /// Valid events in body order.
    public var accepted: [Event]
    /// The line (or array element) number of each accepted event, parallel to `accepted`.
    public var acceptedLines: [Int]
    /// Rejected lines in body order.
    public var rejected: [BatchRejection]
    /// Undeclared feature name → number of accepted events that carried it. These events are
    /// accepted (design.md: an undeclared feature is counted as a schema violation, not fatal).
    public var undeclaredFeatures: [String: Int]

    /// Schema violations in accepted events: one per undeclared feature occurrence.
    public var schemaViolations: Int { undeclaredFeatures.values.reduce(0, +) }

    public init() {
        accepted = []
        acceptedLines = []
        rejected = []
        undeclaredFeatures = [:]
    }
}

extension BatchDecodeResult: Equatable where Event: Equatable {}

/// One rejected line, in the shape of the batch response: `{"line":17,"error":"..."}`.
public struct BatchRejection: Sendable, Equatable, Codable {
    public var line: Int
    public var error: String

    public init(line: Int, error: String) {
        self.line = line
        self.error = error
    }
}
