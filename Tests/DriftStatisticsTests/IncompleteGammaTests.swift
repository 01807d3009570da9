import Testing
@testable import DriftStatistics

@Suite("IncompleteGamma")
struct IncompleteGammaTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["gammaP", "gammaQ"]) { function, args in
            function == "gammaP" ? regularizedGammaP(args[0], args[1]) : regularizedGammaQ(args[0], args[1])
        }
        #expect(checked >= 500)
    }
}
