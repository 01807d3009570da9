import DriftStatistics

/// Why a baseline could not be frozen. Every case names the field (and the event, by its 0-based
/// position in the reference) it concerns.
public enum BaselineProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyName
    case noEvents
    /// Every reference value of the field is missing (null, absent or NaN).
    case noReferenceValues(ProfileField)
    /// A value of the wrong kind, e.g. a string for a numeric feature.
    case typeMismatch(ProfileField, event: Int, expected: String)
    /// ±Inf in the reference: a data-quality violation that cannot be binned.
    case nonFiniteValue(ProfileField, event: Int, value: Double)
    case invalidOption(name: String, reason: String)
    /// A statistics routine refused the reference values (not expected after the checks above).
    case statistics(ProfileField, DriftStatisticsError)

    public var description: String {
        switch self {
        case .emptyName: return "a baseline needs a non-empty name"
        case .noEvents: return "a baseline needs at least one reference event"
        case .noReferenceValues(let field): return "\(field): no non-missing reference values"
        case let .typeMismatch(field, event, expected): return "\(field): event \(event): expected \(expected)"
        case let .nonFiniteValue(field, event, value): return "\(field): event \(event): non-finite value \(value)"
        case let .invalidOption(name, reason): return "option '\(name)': \(reason)"
        case let .statistics(field, error): return "\(field): \(error)"
        }
    }
}
