import Testing
@testable import DriftStatistics

@Suite struct KolmogorovSmirnovTwoSampleDistributionTests {
    /// P(D ≥ h/lcm) by brute force: every placement of the first sample's n₁ ranks among the
    /// n₁ + n₂ pooled ranks is equally likely under the null.
    private func enumeratedSurvival(_ n1: Int, _ n2: Int, h: Int) -> Double {
        let total = n1 + n2
        let lcm = n1 / KolmogorovSmirnovTwoSampleDistribution.greatestCommonDivisor(n1, n2) * n2
        var atLeast = 0
        var all = 0
        for mask in 0..<(1 << total) where mask.nonzeroBitCount == n1 {
            var first = 0
            var largest = 0
            for position in 0..<total {
                if mask & (1 << position) != 0 { first += 1 }
                let second = position + 1 - first
                largest = max(largest, abs(first * (lcm / n1) - second * (lcm / n2)))
            }
            all += 1
            if largest >= h { atLeast += 1 }
        }
        return Double(atLeast) / Double(all)
    }

    @Test(arguments: [(3, 3), (4, 4), (6, 6), (2, 5), (3, 4), (4, 6), (5, 7), (3, 9), (8, 6)])
    func matchesEnumeration(sizes: (Int, Int)) {
        let (n1, n2) = sizes
        let lcm = n1 / KolmogorovSmirnovTwoSampleDistribution.greatestCommonDivisor(n1, n2) * n2
        for h in 1...lcm {
            let expected = enumeratedSurvival(n1, n2, h: h)
            if let exact = KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(n1, n2, h: h) {
                expectClose(exact, expected, relative: 1e-13, "n1=\(n1) n2=\(n2) h=\(h)")
            } else {
                // SciPy gives up only where rounding pushed a probability of 1 past 1.
                #expect(expected == 1, "n1=\(n1) n2=\(n2) h=\(h) reported failure")
            }
        }
    }

    @Test func failureIsReportedWhereSciPyFallsBack() {
        // D = 1/5 for two samples of five: the probability is 1, rounded to just above 1.
        #expect(KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(5, 5, h: 1) == nil)
        #expect(KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(10, 10, h: 1) == 1)
    }

    @Test func edgeCases() {
        #expect(KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(5, 7, h: 0) == 1)
        #expect(KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(0, 7, h: 1) == nil)
        // Complete separation of two samples of n: 2/C(2n, n).
        expectClose(
            KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(3, 3, h: 3) ?? .nan, 2.0 / 20.0,
            relative: 1e-15, "n=3 separated"
        )
    }
}
