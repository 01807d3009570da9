import Testing
@testable import DriftStatistics

@Suite("LogGamma")
struct LogGammaTests {
    @Test("matches 60-digit mpmath (and SciPy within its own error) on every special.json case")
    func fixture() throws {
        let checked = try SpecialFunctionFixture.check(["logGamma"]) { function, args in
            logGamma(args[0])
        }
        #expect(checked >= 30)
    }
}
