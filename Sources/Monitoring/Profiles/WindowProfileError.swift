/// Why a window profile could not be built, updated or merged.
public enum WindowProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The two profiles were built over different baselines or bins; `reason` says where.
    case layoutMismatch(String)
    case unknownFeature(String)
    /// The baseline's options cannot build sketches (e.g. a decoded capacity below 1).
    case invalidBaseline(String)

    public var description: String {
        switch self {
        case .layoutMismatch(let reason): return "window profiles cannot be merged: \(reason)"
        case .unknownFeature(let name): return "feature '\(name)' is not in the baseline"
        case .invalidBaseline(let reason): return "invalid baseline: \(reason)"
        }
    }
}
