/// A detector parameter that was refused, with why.
public struct AnomalyDetectorSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let parameter: String
    public let message: String

    public var description: String { "\(parameter): \(message)" }
}
