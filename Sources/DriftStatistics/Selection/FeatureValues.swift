/// One feature's values in one sample, with missing values already removed and counted by the
/// caller (design.md: missing values are a data-quality matter, never part of a drift test).
public enum FeatureValues: Sendable, Equatable {
    case numeric([Double])
    case categorical([String])

    /// The number of values.
    public var count: Int {
        switch self {
        case .numeric(let values): return values.count
        case .categorical(let values): return values.count
        }
    }
}
