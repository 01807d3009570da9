import Testing
@testable import DriftStatistics

@Suite("ChiSquaredDistribution")
struct ChiSquaredDistributionTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["chi2CDF", "chi2Survival"]) { function, args in
            function == "chi2CDF"
                ? ChiSquaredDistribution.cdf(args[0], degreesOfFreedom: args[1])
                : ChiSquaredDistribution.survival(args[0], degreesOfFreedom: args[1])
        }
        #expect(checked >= 150)
    }
}
