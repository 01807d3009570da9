@testable import DriftStatistics
import Testing

@Suite struct CramerVonMisesExactDistributionTests {
    /// Every arrangement of m + n distinct values, enumerated by brute force: the survival
    /// function must equal the share of arrangements whose U is at least the observed one.
    @Test func agreesWithBruteForceEnumeration() {
        for (m, n) in [(2, 3), (3, 4), (4, 4), (5, 3)] {
            let total = m + n
            var statistics: [Double] = []
            for mask in 0..<(1 << total) where mask.nonzeroBitCount == m {
                var xRank = 0
                var yRank = 0
                var xSum = 0.0
                var ySum = 0.0
                for position in 1...total {
                    if mask & (1 << (position - 1)) != 0 {
                        xRank += 1
                        xSum += Double((position - xRank) * (position - xRank))
                    } else {
                        yRank += 1
                        ySum += Double((position - yRank) * (position - yRank))
                    }
                }
                statistics.append(Double(m) * xSum + Double(n) * ySum)
            }
            for u in Set(statistics) {
                let share = Double(statistics.filter { $0 >= u }.count) / Double(statistics.count)
                expectClose(CramerVonMisesExactDistribution.survival(u, m, n), share, relative: 1e-15, "m=\(m) n=\(n) U=\(u)")
            }
        }
    }
}
