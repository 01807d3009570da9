/// Exact counts of a window's category names over bins frozen on the baseline (kept top-K
/// categories, "other", "unseen"; see `CategoricalBinning`), plus a bounded summary of which
/// unseen names appeared: a mergeable summary of one categorical feature.
///
/// The bin counts merge exactly: the counts of a merged sketch equal the counts of the
/// concatenated values, whatever the order or grouping of the merges. The unseen names are kept
/// in a `MisraGriesSummary` of `unseenCapacity` counters, whose estimates undercount each name by
/// at most `unseenCategories.maximumUndercount ≤ unseen/(unseenCapacity + 1)` (see that type); it
/// merges with the mergeable-summaries rule of Agarwal et al. (2012), so it is exact while at most
/// `unseenCapacity` distinct unseen names occur, and otherwise depends on the merge order only
/// within that bound. `unseenCategories.total` always equals `counts[binning.unseenBin]`.
public struct CategoryCountsSketch: Sendable, Equatable, Codable {
    /// The bins, frozen on the baseline.
    public let binning: CategoricalBinning
    /// The number of values in each bin; `counts.count == binning.binCount`.
    public private(set) var counts: [Int]
    /// Which names fell in the unseen bin, most frequent tracked within a bounded undercount.
    public private(set) var unseenCategories: MisraGriesSummary

    /// An empty sketch over `binning`, the identity of `merge(_:)` for that binning.
    /// - Parameter unseenCapacity: how many unseen names the summary tracks (20 by default).
    /// - Throws: `.invalidArgument(name: "capacity", …)` when `unseenCapacity < 1`.
    public init(binning: CategoricalBinning, unseenCapacity: Int = 20) throws(DriftStatisticsError) {
        self.binning = binning
        counts = [Int](repeating: 0, count: binning.binCount)
        unseenCategories = try MisraGriesSummary(capacity: unseenCapacity)
    }

    /// The sketch of `values` over `binning`.
    public init(binning: CategoricalBinning, values: [String], unseenCapacity: Int = 20) throws(DriftStatisticsError) {
        try self.init(binning: binning, unseenCapacity: unseenCapacity)
        add(contentsOf: values)
    }

    /// The number of values counted.
    public var total: Int { counts.reduce(0, +) }

    /// The share of values in the unseen bin (`driftwatch_feature_unseen_category_ratio`), or nil
    /// for an empty sketch.
    public var unseenRatio: Double? {
        let total = total
        return total == 0 ? nil : Double(counts[binning.unseenBin]) / Double(total)
    }

    /// Counts one value in its bin, and its name in the unseen summary when the baseline never
    /// saw it. Every string is a valid category (missing values are the caller's to remove).
    public mutating func add(_ category: String) {
        let bin = binning.binIndex(of: category)
        counts[bin] += 1
        if bin == binning.unseenBin { unseenCategories.add(category) }
    }

    /// Counts a batch of values; see `add(_:)`.
    public mutating func add(contentsOf values: [String]) {
        for value in values { add(value) }
    }

    /// Adds the counts of `other` and merges its unseen summary (at the smaller capacity).
    /// - Throws: `.invalidArgument(name: "other", …)` when `other` was built over a different
    ///   binning; the sketch is then unchanged.
    public mutating func merge(_ other: CategoryCountsSketch) throws(DriftStatisticsError) {
        guard other.binning == binning else {
            throw .invalidArgument(
                name: "other",
                reason: "cannot merge category counts over different binnings (kept categories or known names differ)"
            )
        }
        for index in counts.indices { counts[index] += other.counts[index] }
        unseenCategories.merge(other.unseenCategories)
    }

    /// This sketch merged with `other`; see `merge(_:)`.
    public func merging(_ other: CategoryCountsSketch) throws(DriftStatisticsError) -> CategoryCountsSketch {
        var merged = self
        try merged.merge(other)
        return merged
    }

    private enum CodingKeys: String, CodingKey { case binning, counts, unseenCategories }

    /// Decodes a persisted sketch, rejecting counts that do not fit the binning, negative counts,
    /// and an unseen summary that disagrees with the unseen bin.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        binning = try container.decode(CategoricalBinning.self, forKey: .binning)
        counts = try container.decode([Int].self, forKey: .counts)
        unseenCategories = try container.decode(MisraGriesSummary.self, forKey: .unseenCategories)
        guard counts.count == binning.binCount, counts.allSatisfy({ $0 >= 0 }),
              unseenCategories.total == counts[binning.unseenBin]
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "inconsistent CategoryCountsSketch state"))
        }
    }
}
