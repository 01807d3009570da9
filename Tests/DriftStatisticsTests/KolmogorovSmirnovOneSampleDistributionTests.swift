import Testing
@testable import DriftStatistics

@Suite struct KolmogorovSmirnovOneSampleDistributionTests {
    /// `scipy.stats.kstwo.sf` and `.cdf` on grids crossing every branch of Simard & L'Ecuyer's
    /// selection, n from 1 to 10⁶.
    ///
    /// Tolerances: relative 1e-13 for n ≤ 140, where every branch is exact, and 1e-9 above, where
    /// SciPy's Durbin matrix rescales in 80-bit long double and sums in numpy's order. In both an
    /// absolute 2e-15 is allowed because SciPy forms one of sf and cdf as `1 − other`, where the
    /// other carries the rounding of a recursion of up to 2n + 1 convolution steps (Pomeranz) or
    /// a matrix power; that rounding noise is absolute, not relative, in the complement.
    @Test func matchesSciPyOnTheGrids() throws {
        let file = try FixtureFile.load("ks")
        var checked = 0
        for fixture in file.cases where try fixture.string("kind") == "kstwo" {
            let n = try fixture.int("n")
            let ds = try fixture.doubles("d")
            let survival = try fixture.doubles("sf")
            let cdf = try fixture.doubles("cdf")
            let relative = n <= 140 ? 1e-13 : 1e-9
            for index in ds.indices {
                let d = ds[index]
                expectClose(
                    KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: n, d), survival[index],
                    relative: relative, absolute: 2e-15, "kstwo.sf(\(d), \(n))"
                )
                expectClose(
                    KolmogorovSmirnovOneSampleDistribution.twoSidedCDF(sampleSize: n, d), cdf[index],
                    relative: relative, absolute: 2e-15, "kstwo.cdf(\(d), \(n))"
                )
                checked += 1
            }
        }
        #expect(checked > 800)
    }

    @Test func edgeCases() {
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: 0, 0.5).isNaN)
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: 10, .nan).isNaN)
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: 10, 0.05) == 1)
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedCDF(sampleSize: 10, 0.05) == 0)
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: 10, 1) == 0)
        #expect(KolmogorovSmirnovOneSampleDistribution.twoSidedCDF(sampleSize: 10, 1.5) == 1)
        // n = 1: D₁ = max(U, 1 − U) is uniform on [1/2, 1].
        expectClose(KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: 1, 0.8), 0.4, relative: 1e-15, "n=1")
    }

    /// The sf and the cdf are complementary wherever SciPy computes both from one method: every
    /// branch for n ≤ 140, and n·d² < 2.2 above. (For n > 140 and n·d² ≥ 2.2 SciPy's sf is
    /// 2·Smirnov while its cdf is Durbin or Pelz–Good, and the two differ by up to ~1e-7.)
    @Test func survivalAndCDFAreComplementary() {
        for n in [3, 50, 140, 141, 2000] {
            for z in [0.4, 0.8, 1.1, 1.6, 2.5] where n <= 140 || z * z < 2.2 {
                let d = z / Double(n).squareRoot()
                let total = KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: n, d)
                    + KolmogorovSmirnovOneSampleDistribution.twoSidedCDF(sampleSize: n, d)
                expectClose(total, 1, relative: 1e-13, "n=\(n) z=\(z)")
            }
        }
    }
}
