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

    /// The category a numeric value stands for when a numeric feature is tested as categories
    /// (few distinct values, or `chi2`/`z`/`fisher` on numbers): its exact decimal text, with −0
    /// taken as 0 so the two zeros are one category.
    public static func categoryName(of value: Double) -> String {
        value == 0 ? "0.0" : "\(value)"
    }
}
