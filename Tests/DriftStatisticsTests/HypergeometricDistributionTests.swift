import Testing
@testable import DriftStatistics

@Suite("HypergeometricDistribution")
struct HypergeometricDistributionTests {
    @Test("probabilities match 60-digit mpmath (and SciPy within its own error), populations up to 4×10⁵")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["hypergeometricPMF"]) { _, args in
            HypergeometricDistribution(total: Int(args[1]), successes: Int(args[2]), draws: Int(args[3]))
                .probability(Int(args[0]))
        }
        #expect(checked >= 40)
    }

    @Test("tail sums and support")
    func tails() {
        let distribution = HypergeometricDistribution(total: 20, successes: 7, draws: 15)
        #expect(distribution.lowerSupport == 2 && distribution.upperSupport == 7)
        #expect(distribution.probability(1) == 0 && distribution.probability(8) == 0)
        #expect(distribution.cdf(1) == 0 && distribution.survival(7) == 0)
        let whole = (2...7).reduce(0.0) { $0 + distribution.probability($1) }
        expectClose(whole, 1, relative: 1e-14, "total mass")
        // The tail sums run from the tail end towards the mode (5 here).
        expectClose(distribution.cdf(3), distribution.probability(2) + distribution.probability(3), relative: 1e-15, "cdf(3)")
        expectClose(distribution.survival(5), distribution.probability(6) + distribution.probability(7), relative: 1e-15, "survival(5)")
    }
}
