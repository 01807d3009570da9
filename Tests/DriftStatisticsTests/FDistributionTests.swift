import Testing
@testable import DriftStatistics

@Suite("FDistribution")
struct FDistributionTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["fCDF", "fSurvival"]) { function, args in
            function == "fCDF"
                ? FDistribution.cdf(args[0], numeratorDegreesOfFreedom: args[1], denominatorDegreesOfFreedom: args[2])
                : FDistribution.survival(args[0], numeratorDegreesOfFreedom: args[1], denominatorDegreesOfFreedom: args[2])
        }
        #expect(checked >= 500)
    }
}
