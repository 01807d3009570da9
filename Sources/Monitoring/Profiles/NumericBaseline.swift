import DriftStatistics

/// What a baseline keeps of one numeric field (a numeric feature, a score or a regression
/// output), all computed over its non-missing reference values.
public struct NumericBaseline: Sendable, Equatable, Codable {
    /// Reference quantile bins (`NumericBinning.fitted(to:bins:)`), frozen for every window.
    public let binning: NumericBinning
    public let moments: MomentsSketch
    /// The reference range: a window value outside it counts as out of range.
    public let minimum: Double
    public let maximum: Double
    /// A uniform sample of the reference values; it holds all of them while they fit.
    public let reservoir: ReservoirSample<Double>
    /// Per-value counts while the reference has at most `DiscreteValueCounts.limit` distinct values.
    public let discreteValues: DiscreteValueCounts

    public init(
        binning: NumericBinning, moments: MomentsSketch, minimum: Double, maximum: Double,
        reservoir: ReservoirSample<Double>, discreteValues: DiscreteValueCounts
    ) {
        self.binning = binning
        self.moments = moments
        self.minimum = minimum
        self.maximum = maximum
        self.reservoir = reservoir
        self.discreteValues = discreteValues
    }
}
