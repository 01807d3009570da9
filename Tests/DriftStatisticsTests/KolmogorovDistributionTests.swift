import Testing
@testable import DriftStatistics

@Suite struct KolmogorovDistributionTests {
    @Test func matchesSciPyOnTheGrid() throws {
        let file = try FixtureFile.load("ks")
        var checked = 0
        for fixture in file.cases where try fixture.string("kind") == "kolmogorov" {
            let xs = try fixture.doubles("x")
            let survival = try fixture.doubles("sf")
            let cdf = try fixture.doubles("cdf")
            for index in xs.indices {
                let x = xs[index]
                expectClose(KolmogorovDistribution.survival(x), survival[index], relative: 1e-13, "kolmogorov(\(x))")
                expectClose(KolmogorovDistribution.cdf(x), cdf[index], relative: 1e-13, "kolmogc(\(x))")
                checked += 1
            }
        }
        #expect(checked > 150)
    }

    @Test func edgeCases() {
        #expect(KolmogorovDistribution.survival(.nan).isNaN)
        #expect(KolmogorovDistribution.cdf(.nan).isNaN)
        #expect(KolmogorovDistribution.survival(0) == 1)
        #expect(KolmogorovDistribution.survival(-3) == 1)
        #expect(KolmogorovDistribution.cdf(-3) == 0)
        #expect(KolmogorovDistribution.survival(.infinity) == 0)
        #expect(KolmogorovDistribution.cdf(.infinity) == 1)
        #expect(KolmogorovDistribution.cdf(0.04) == 0)
        #expect(KolmogorovDistribution.survival(40) == 0)
    }

    @Test func bothBranchesAgreeAtTheCutover() {
        // Each branch truncates its series where SciPy does, so they meet to about 1e-14.
        let below = KolmogorovDistribution.survival(0.82.nextDown)
        let above = KolmogorovDistribution.survival(0.82.nextUp)
        expectClose(below, above, relative: 1e-13, "continuity at 0.82")
        let x = 0.6
        expectClose(KolmogorovDistribution.cdf(x) + KolmogorovDistribution.survival(x), 1, relative: 1e-15, "cdf + sf")
    }
}
