import Testing
@testable import DriftStatistics

@Suite("IncompleteBeta")
struct IncompleteBetaTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["beta", "betaComplement"]) { function, args in
            function == "beta"
                ? regularizedBeta(args[0], a: args[1], b: args[2])
                : regularizedBetaComplement(args[0], a: args[1], b: args[2])
        }
        #expect(checked >= 1000)
    }
}
