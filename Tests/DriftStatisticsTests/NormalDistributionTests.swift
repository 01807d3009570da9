import Testing
@testable import DriftStatistics

@Suite("NormalDistribution")
struct NormalDistributionTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["normalCDF", "normalSurvival"]) { function, args in
            function == "normalCDF" ? NormalDistribution.cdf(args[0]) : NormalDistribution.survival(args[0])
        }
        #expect(checked >= 50)
    }
}
