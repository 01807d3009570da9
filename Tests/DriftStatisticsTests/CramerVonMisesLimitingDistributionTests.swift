@testable import DriftStatistics
import Testing

@Suite struct CramerVonMisesLimitingDistributionTests {
    /// SciPy's `_cdf_cvm_inf`, truncation included. Each series term carries the ~1e-15
    /// relative error of SciPy's AMOS `kv`, so the cdf (≤ 1) is compared to 1e-13 relative.
    @Test func matchesSciPySeries() throws {
        let cases = try RankFixtureData.cases("cvm_inf")
        #expect(cases.count == 1)
        for fixtureCase in cases {
            let xs = try RankFixtureData.doubles(fixtureCase, "x")
            let cdfs = try RankFixtureData.doubles(fixtureCase, "cdf")
            for (x, expected) in zip(xs, cdfs) {
                expectClose(CramerVonMisesLimitingDistribution.cdf(x), expected, relative: 1e-13, "cdf(\(x))")
            }
        }
    }

    /// Anderson & Darling (1952), Table 1: the 95 %, 99 % and 99.9 % points of ω².
    @Test func hitsPublishedQuantiles() {
        for (point, level) in [(0.46136, 0.95), (0.74346, 0.99), (1.16786, 0.999)] {
            expectClose(CramerVonMisesLimitingDistribution.cdf(point), level, relative: 2e-5, "quantile \(level)")
        }
    }
}
