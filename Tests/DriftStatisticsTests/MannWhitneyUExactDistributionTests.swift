@testable import DriftStatistics
import Testing

@Suite struct MannWhitneyUExactDistributionTests {
    /// P(U ≤ k) against a brute-force count over every choice of ranks for the first sample.
    @Test func agreesWithBruteForceEnumeration() {
        for (m, n) in [(1, 1), (2, 5), (3, 4), (4, 3), (6, 6)] {
            let total = m + n
            var counts = [Int](repeating: 0, count: m * n + 1)
            for mask in 0..<(1 << total) where mask.nonzeroBitCount == m {
                // U of the first sample: pairs in which its value is the larger.
                var u = 0
                var below = 0
                for position in 0..<total {
                    if mask & (1 << position) != 0 { u += below } else { below += 1 }
                }
                counts[u] += 1
            }
            let arrangements = Double(counts.reduce(0, +))
            var cumulative = 0
            for k in 0...(m * n) {
                cumulative += counts[k]
                expectClose(
                    MannWhitneyUExactDistribution.cumulativeProbability(atMost: k, m, n),
                    Double(cumulative) / arrangements, relative: 1e-14, "m=\(m) n=\(n) k=\(k)"
                )
            }
        }
    }
}
