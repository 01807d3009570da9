/// Why a window could not be evaluated at all (per-feature problems are outcomes, not errors).
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The window was not profiled on this baseline's layout; `reason` says where they differ.
    case layoutMismatch(String)
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .layoutMismatch(let reason): return "the window does not match the baseline: \(reason)"
        case let .invalidOption(name, reason): return "option '\(name)': \(reason)"
        }
    }
}
