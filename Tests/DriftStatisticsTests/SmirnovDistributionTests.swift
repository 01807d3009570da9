import Testing
@testable import DriftStatistics

@Suite struct SmirnovDistributionTests {
    @Test func matchesSciPyOnTheGrids() throws {
        let checked = try checkGrids(try FixtureFile.load("ks").cases.filter { try $0.string("kind") == "smirnov" })
        #expect(checked > 500)
    }

    /// n from 10⁴ to 10⁶, where only the window of significant terms is summed: d near 1/n and
    /// 1 − 1/n, n·d an integer, and survival from near 1 down to near 1e-300.
    @Test func matchesSciPyAtLargeSampleSizes() throws {
        let checked = try checkGrids(try FixtureFile.load("smirnov-large").cases)
        #expect(checked > 200)
    }

    /// Checks every (n, d) → survival point of the given grid cases at 1e-13; returns how many.
    private func checkGrids(_ cases: [FixtureCase]) throws -> Int {
        var checked = 0
        for fixture in cases {
            let n = try fixture.int("n")
            let ds = try fixture.doubles("d")
            let survival = try fixture.doubles("sf")
            for (d, expected) in zip(ds, survival) {
                expectClose(SmirnovDistribution.survival(sampleSize: n, d), expected, relative: 1e-13, "smirnov(\(n), \(d))")
                checked += 1
            }
        }
        return checked
    }

    @Test func edgeCases() {
        #expect(SmirnovDistribution.survival(sampleSize: 10, .nan).isNaN)
        #expect(SmirnovDistribution.survival(sampleSize: 0, 0.5).isNaN)
        #expect(SmirnovDistribution.survival(sampleSize: 10, -0.1).isNaN)
        #expect(SmirnovDistribution.survival(sampleSize: 10, 1.1).isNaN)
        #expect(SmirnovDistribution.survival(sampleSize: 1, 0.25) == 0.75)
        #expect(SmirnovDistribution.survival(sampleSize: 10, 0) == 1)
        #expect(SmirnovDistribution.survival(sampleSize: 10, 1) == 0)
        #expect(SmirnovDistribution.survival(sampleSize: 1000, 0.9) == 0)
    }

    /// For n = 2 the Birnbaum–Tingey sum has one or two terms: (1 − d)² for d > 1/2, and
    /// (1 − d)² + 2d(1/2 − d) for d ≤ 1/2.
    @Test func twoObservationsClosedForm() {
        let large = 0.7
        expectClose(SmirnovDistribution.survival(sampleSize: 2, large), (1 - large) * (1 - large), relative: 1e-15, "n=2, d=0.7")
        let small = 0.3
        let expected = (1 - small) * (1 - small) + 2 * small * (0.5 - small)
        expectClose(SmirnovDistribution.survival(sampleSize: 2, small), expected, relative: 1e-15, "n=2, d=0.3")
    }
}
