/// Bins for one numeric feature, frozen on the baseline (design.md, "Statistics conventions").
///
/// Interior edges are the reference sample's quantiles at 1/k, 2/k, …, (k−1)/k, estimated with
/// the linear interpolation of NumPy's default `np.quantile` (Hyndman–Fan type 7). The outer bins
/// are open to ±∞, so every finite value of any later window falls in some bin and histograms of
/// different windows are comparable and mergeable. Bins are left-closed: bin `i` holds
/// `edges[i-1] ≤ x < edges[i]`. Equal quantiles (heavy ties) collapse into one edge, so
/// `binCount` can be smaller than requested.
public struct NumericBinning: Sendable, Equatable, Codable {
    /// Strictly increasing interior edges.
    public let edges: [Double]

    /// Number of bins, `edges.count + 1`.
    public var binCount: Int { edges.count + 1 }

    /// Freezes bins on a reference sample.
    /// - Parameters:
    ///   - reference: the baseline values, finite, at least one.
    ///   - bins: the number of quantile bins requested (10 by default, at least 1).
    public init(reference: [Double], bins: Int = 10) throws(DriftStatisticsError) {
        self = try Self.fitted(to: reference, bins: bins).binning
    }

    /// Freezes bins on a reference sample and counts the reference into them, as a baseline needs
    /// both. The counts come from the sorted sample the quantiles are read from, so the reference
    /// is not scanned a second time.
    public static func fitted(
        to reference: [Double], bins: Int = 10
    ) throws(DriftStatisticsError) -> (binning: NumericBinning, referenceCounts: [Int]) {
        guard bins >= 1 else { throw .invalidArgument(name: "bins", reason: "must be at least 1, got \(bins)") }
        try validateSample(reference, role: .reference, method: .psi)
        let sorted = reference.sortedAscending()
        var edges: [Double] = []
        edges.reserveCapacity(bins - 1)
        for index in 1..<bins {
            let edge = linearQuantile(sorted: sorted, probability: Double(index) / Double(bins))
            if edges.last.map({ edge > $0 }) ?? true { edges.append(edge) }
        }
        // Bin i holds edges[i-1] ≤ x < edges[i]: differences of the counts below each edge.
        var below = edges.map { edge in sorted.countBelow(edge) }
        below.append(sorted.count)
        let counts = below.indices.map { index in below[index] - (index == 0 ? 0 : below[index - 1]) }
        return (NumericBinning(validatedEdges: edges), counts)
    }

    /// Bins with explicit interior edges, which must be finite and strictly increasing.
    public init(edges: [Double]) throws(DriftStatisticsError) {
        for (index, edge) in edges.enumerated() {
            guard edge.isFinite else {
                throw .invalidArgument(name: "edges[\(index)]", reason: "must be finite, got \(edge)")
            }
            if index > 0, edge <= edges[index - 1] {
                throw .invalidArgument(name: "edges[\(index)]", reason: "edges must be strictly increasing")
            }
        }
        self.edges = edges
    }

    private init(validatedEdges edges: [Double]) {
        self.edges = edges
    }

    /// The bin of `value`: the number of edges less than or equal to it.
    @inlinable
    public func binIndex(of value: Double) -> Int {
        edges.countAtOrBelow(value)
    }

    /// Counts of `values` per bin. Values must be finite (NaN would land in the last bin).
    public func counts(of values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: binCount)
        if values.count < 32_768 || binCount > Int(PrefixTable.ambiguous) {
            for value in values { counts[binIndex(of: value)] += 1 }
            return counts
        }
        let table = PrefixTable(self)
        counts.withUnsafeMutableBufferPointer { bins in
            table.bins.withUnsafeBufferPointer { lookup in
                for value in values {
                    let bin = lookup[Int(truncatingIfNeeded: orderedKey(value) >> 48)]
                    bins[bin == PrefixTable.ambiguous ? binIndex(of: value) : Int(bin)] += 1
                }
            }
        }
        return counts
    }

    /// The bin of every double sharing each 16-bit prefix of its `orderedKey` (sign, exponent and
    /// the top 4 bits of the significand), or `ambiguous` where an edge falls inside the prefix's
    /// range. Counting a large sample then costs one table lookup per value (the table is 128 KiB)
    /// instead of a binary search whose branches the data make unpredictable; only values in the
    /// few ambiguous ranges take the search. Built per call: 65 536 pairs of lookups, small next
    /// to the samples it is used for.
    private struct PrefixTable {
        static let ambiguous = UInt16.max
        let bins: [UInt16]

        init(_ binning: NumericBinning) {
            bins = (0..<65_536).map { prefix in
                let low = valueOfOrderedKey(UInt64(prefix) << 48)
                let high = valueOfOrderedKey(UInt64(prefix) << 48 | 0x0000_FFFF_FFFF_FFFF)
                guard !low.isNaN, !high.isNaN else { return Self.ambiguous }
                let first = binning.binIndex(of: low)
                return first == binning.binIndex(of: high) ? UInt16(first) : Self.ambiguous
            }
        }
    }

    /// NumPy's default quantile (`method="linear"`) of an ascending sample.
    package static func linearQuantile(sorted: [Double], probability: Double) -> Double {
        let position = probability * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        let a = sorted[lower]
        let b = sorted[upper]
        // NumPy's _lerp form, which is exact at both ends and monotone in the fraction.
        let difference = b - a
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
    }
}
