import Testing
@testable import DriftStatistics

@Suite("StudentTDistribution")
struct StudentTDistributionTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["tCDF", "tSurvival"]) { function, args in
            function == "tCDF"
                ? StudentTDistribution.cdf(args[0], degreesOfFreedom: args[1])
                : StudentTDistribution.survival(args[0], degreesOfFreedom: args[1])
        }
        #expect(checked >= 300)
    }
}
