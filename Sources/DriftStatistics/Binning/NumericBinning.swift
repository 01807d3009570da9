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
        guard bins >= 1 else { throw .invalidArgument(name: "bins", reason: "must be at least 1, got \(bins)") }
        try validateSample(reference, role: .reference, method: .psi)
        let sorted = reference.sortedAscending()
        var edges: [Double] = []
        edges.reserveCapacity(bins - 1)
        for index in 1..<bins {
            let edge = Self.linearQuantile(sorted: sorted, probability: Double(index) / Double(bins))
            if edges.last.map({ edge > $0 }) ?? true { edges.append(edge) }
        }
        self.edges = edges
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

    /// The bin of `value`: the number of edges less than or equal to it.
    @inlinable
    public func binIndex(of value: Double) -> Int {
        var low = 0
        var high = edges.count
        while low < high {
            let middle = (low + high) >> 1
            if edges[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Counts of `values` per bin. Values must be finite (NaN would land in the last bin).
    public func counts(of values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: binCount)
        for value in values { counts[binIndex(of: value)] += 1 }
        return counts
    }

    /// NumPy's default quantile (`method="linear"`) of an ascending sample.
    static func linearQuantile(sorted: [Double], probability: Double) -> Double {
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
