/// Which side of a two-sample comparison a value or error belongs to.
public enum SampleRole: String, Sendable, Codable, CustomStringConvertible {
    /// The baseline sample the current one is compared against.
    case reference
    /// The sample under test, usually one window of live traffic.
    case current

    public var description: String { rawValue }
}
