import DriftStatistics

/// The mergeable state of one numeric field in one window, over its baseline's frozen bins.
public struct NumericWindowSketch: Sendable, Equatable, Codable {
    public private(set) var histogram: HistogramSketch
    public private(set) var moments: MomentsSketch
    /// A uniform sample of the window's finite values; all of them while they fit.
    public private(set) var reservoir: ReservoirSample<Double>
    public private(set) var discreteValues: DiscreteValueCounts
    /// The baseline's range, for out-of-range counting.
    public let referenceMinimum: Double
    public let referenceMaximum: Double

    init(baseline: NumericBaseline, capacity: Int, seed: UInt64) throws(DriftStatisticsError) {
        histogram = HistogramSketch(binning: baseline.binning)
        moments = MomentsSketch()
        reservoir = try ReservoirSample(capacity: capacity, seed: seed)
        discreteValues = DiscreteValueCounts()
        referenceMinimum = baseline.minimum
        referenceMaximum = baseline.maximum
    }

    /// Adds one finite value; returns whether it lies outside the reference range.
    mutating func add(finite value: Double) -> Bool {
        // Both sketches refuse only non-finite values, which the caller has removed.
        try? histogram.add(value)
        try? moments.add(value)
        reservoir.add(value)
        discreteValues.add(value)
        return value < referenceMinimum || value > referenceMaximum
    }

    func isCompatible(with other: NumericWindowSketch) -> Bool {
        histogram.binning == other.histogram.binning && referenceMinimum == other.referenceMinimum
            && referenceMaximum == other.referenceMaximum
    }

    /// Merges `other`, whose compatibility the caller checked.
    mutating func merge(_ other: NumericWindowSketch) throws(DriftStatisticsError) {
        try histogram.merge(other.histogram)
        moments.merge(other.moments)
        reservoir.merge(other.reservoir)
        discreteValues.merge(other.discreteValues)
    }
}

