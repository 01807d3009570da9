import DriftStatistics

/// What a baseline keeps of one categorical field (a categorical or boolean feature, a class
/// prediction).
public struct CategoricalBaseline: Sendable, Equatable, Codable {
    /// Top-K + other + unseen bins (`CategoricalBinning`), frozen for every window. Boolean
    /// features always keep both `"false"` and `"true"`, so they never have unseen values.
    public let binning: CategoricalBinning
    /// The number of distinct reference values (for Evidently's `auto` rule).
    public let distinctCount: Int

    public init(binning: CategoricalBinning, distinctCount: Int) {
        self.binning = binning
        self.distinctCount = distinctCount
    }
}
