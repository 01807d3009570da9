/// Counts of a window's values over bins frozen on the baseline: a mergeable summary of one
/// numeric feature for the binned distances (PSI, JS, KL, Hellinger, TV, χ²).
///
/// Because the binning is fixed, merging is exact: the counts of a merged sketch equal the
/// counts of the concatenated values, whatever the order or grouping of the merges. Sketches
/// over different binnings describe different partitions of the line and are never merged.
public struct HistogramSketch: Sendable, Equatable, Codable {
    /// The bins, frozen on the baseline.
    public let binning: NumericBinning
    /// The number of values in each bin; `counts.count == binning.binCount`.
    public private(set) var counts: [Int]

    /// An empty sketch over `binning`, the identity of `merge(_:)` for that binning.
    public init(binning: NumericBinning) {
        self.binning = binning
        counts = [Int](repeating: 0, count: binning.binCount)
    }

    /// The sketch of `values` over `binning`; see `add(contentsOf:role:)`.
    public init(binning: NumericBinning, values: [Double], role: SampleRole = .current) throws(DriftStatisticsError) {
        self.init(binning: binning)
        try add(contentsOf: values, role: role)
    }

    /// The number of values counted.
    public var total: Int { counts.reduce(0, +) }

    /// Counts one value in its bin (`NumericBinning.binIndex(of:)`: bins are left-closed and the
    /// outer bins are open to ±∞).
    /// - Throws: `.nonFiniteValue(role, index: total, value:)` for NaN or ±∞, which have no bin
    ///   (the index is the value's position in the sketch's stream); the sketch is then unchanged.
    public mutating func add(_ value: Double, role: SampleRole = .current) throws(DriftStatisticsError) {
        guard value.isFinite else { throw .nonFiniteValue(role, index: total, value: value) }
        counts[binning.binIndex(of: value)] += 1
    }

    /// Counts a batch of values.
    /// - Throws: `.nonFiniteValue(role, index:, value:)` naming the first NaN or ±∞ by its index
    ///   in `values`; the sketch is then unchanged (a batch is added whole or not at all).
    public mutating func add(contentsOf values: [Double], role: SampleRole = .current) throws(DriftStatisticsError) {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(role, index: index, value: values[index])
        }
        let binning = self.binning
        counts.withUnsafeMutableBufferPointer { counts in
            values.withUnsafeBufferPointer { values in
                for value in values { counts[binning.binIndex(of: value)] += 1 }
            }
        }
    }

    /// Adds the counts of `other` to this sketch.
    /// - Throws: `.invalidArgument(name: "other", …)` when `other` was built over a different
    ///   binning (different edges); the sketch is then unchanged.
    public mutating func merge(_ other: HistogramSketch) throws(DriftStatisticsError) {
        guard other.binning == binning else {
            throw .invalidArgument(
                name: "other",
                reason: "cannot merge histograms over different binnings (\(binning.binCount) and \(other.binning.binCount) bins, edges differ)"
            )
        }
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// This sketch merged with `other`; see `merge(_:)`.
    public func merging(_ other: HistogramSketch) throws(DriftStatisticsError) -> HistogramSketch {
        var merged = self
        try merged.merge(other)
        return merged
    }

    private enum CodingKeys: String, CodingKey { case binning, counts }

    /// Decodes a persisted sketch, rejecting counts that do not fit the binning or are negative.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        binning = try container.decode(NumericBinning.self, forKey: .binning)
        counts = try container.decode([Int].self, forKey: .counts)
        guard counts.count == binning.binCount, counts.allSatisfy({ $0 >= 0 }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "HistogramSketch needs \(binning.binCount) non-negative counts, got \(counts)"
            ))
        }
    }
}
