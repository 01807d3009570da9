import Testing
@testable import DriftStatistics

@Suite("FisherExactTest")
struct FisherExactTestTests {
    @Test("matches scipy.stats.fisher_exact (two-sided) on every fixture case")
    func fixture() throws {
        let cases = try ParametricFixture.cases("fisher")
        #expect(cases.count >= 30)
        for testCase in cases {
            let table = try testCase.ints("table")
            let result = try fisherExactTest(table[0], table[1], table[2], table[3])
            #expect(result.method == .fisher)
            expectClose(result.statistic, try testCase.double("statistic"), "\(testCase) odds ratio")
            expectClose(result.pValue ?? .nan, try testCase.double("pvalue"), "\(testCase) p-value")
        }
    }

    @Test("typed errors: negative counts, an empty row or column")
    func invalidInput() {
        #expect(throws: (any Error).self) { try fisherExactTest(-1, 2, 3, 4) }
        for table in [(0, 0, 3, 4), (1, 2, 0, 0), (0, 2, 0, 4), (1, 0, 3, 0), (0, 0, 0, 0)] {
            #expect(throws: DriftStatisticsError.degenerateData(method: .fisher, reason: "a row or column of the 2×2 table is empty")) {
                try fisherExactTest(table.0, table.1, table.2, table.3)
            }
        }
    }

    @Test("odds ratio 0 and +∞ as SciPy; the most probable table has p = 1")
    func oddsRatioConventions() throws {
        #expect(try fisherExactTest(0, 5, 5, 5).statistic == 0)
        #expect(try fisherExactTest(5, 0, 5, 5).statistic == .infinity)
        #expect(try fisherExactTest(5, 5, 5, 5).pValue == 1)
    }

    @Test("hypergeometric probabilities of a 2 × 10⁵ population neither overflow nor lose precision")
    func largeCounts() throws {
        let result = try fisherExactTest(100_000, 100_000, 100_000, 100_000)
        #expect(result.pValue == 1)
        // scipy.stats.fisher_exact values.
        let shifted = try fisherExactTest(101_500, 98_500, 98_500, 101_500)
        expectClose(shifted.pValue ?? .nan, 2.4507868973248743e-21, "shifted 4×10⁵ table")
    }
}
