/// Why a statistic could not be computed, with what a caller needs to fix the input.
///
/// Every public function in `DriftStatistics` throws this type (typed throws), never traps on bad
/// input and never returns a silent NaN.
public enum DriftStatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sample is empty (after the caller removed missing values).
    case emptySample(SampleRole)
    /// A value is NaN or ±Inf. Missing values must be removed and counted by the caller, which
    /// owns the data-quality bookkeeping (design.md, "Statistics conventions").
    case nonFiniteValue(SampleRole, index: Int, value: Double)
    /// The method needs more observations than it was given, e.g. a variance from one value.
    case insufficientData(SampleRole, needed: Int, got: Int, method: DriftMethod)
    /// The data make the statistic undefined, e.g. zero variance in both samples of a t-test or
    /// a singular covariance matrix; `reason` says which.
    case degenerateData(method: DriftMethod, reason: String)
    /// An argument is outside its documented domain.
    case invalidArgument(name: String, reason: String)

    public var description: String {
        switch self {
        case .emptySample(let role):
            return "the \(role) sample is empty"
        case .nonFiniteValue(let role, let index, let value):
            return "the \(role) sample has a non-finite value \(value) at index \(index)"
        case .insufficientData(let role, let needed, let got, let method):
            return "\(method.rawValue) needs at least \(needed) values in the \(role) sample, got \(got)"
        case .degenerateData(let method, let reason):
            return "\(method.rawValue) is undefined for these data: \(reason)"
        case .invalidArgument(let name, let reason):
            return "invalid argument '\(name)': \(reason)"
        }
    }
}
