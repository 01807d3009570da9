import Testing
@testable import DriftStatistics

@Suite("ChiSquareHomogeneityTest")
struct ChiSquareHomogeneityTestTests {
    @Test("matches scipy.stats.chi2_contingency(correction=False) on every fixture case")
    func fixture() throws {
        let cases = try ParametricFixture.cases("chi2")
        #expect(cases.count >= 25)
        for testCase in cases {
            let result = try chiSquareHomogeneityTest(
                referenceCounts: try testCase.ints("reference"), currentCounts: try testCase.ints("current")
            )
            #expect(result.method == .chi2)
            expectClose(result.statistic, try testCase.double("statistic"), "\(testCase) statistic")
            expectClose(result.pValue ?? .nan, try testCase.double("pvalue"), "\(testCase) p-value")
        }
    }

    @Test("typed errors: mismatched lengths, negative counts, an empty row")
    func invalidInput() {
        #expect(throws: (any Error).self) { try chiSquareHomogeneityTest(referenceCounts: [1, 2], currentCounts: [1]) }
        #expect(throws: (any Error).self) { try chiSquareHomogeneityTest(referenceCounts: [1, -2], currentCounts: [1, 3]) }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try chiSquareHomogeneityTest(referenceCounts: [0, 0], currentCounts: [1, 3])
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try chiSquareHomogeneityTest(referenceCounts: [4, 1], currentCounts: [0, 0])
        }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try chiSquareHomogeneityTest(referenceCounts: [], currentCounts: [])
        }
    }

    @Test("a single non-empty column is statistic 0, p 1; proportional rows too")
    func trivialTables() throws {
        let single = try chiSquareHomogeneityTest(referenceCounts: [0, 9, 0], currentCounts: [0, 2, 0])
        #expect(single.statistic == 0 && single.pValue == 1)
        let proportional = try chiSquareHomogeneityTest(referenceCounts: [2, 4, 6], currentCounts: [20, 40, 60])
        #expect(proportional.statistic == 0 && proportional.pValue == 1)
    }

    @Test("calibration: rejection rate at α = 0.05 under no drift is within [0.04, 0.06]")
    func calibration() throws {
        let cumulative = [0.1, 0.3, 0.6, 0.85, 1.0]
        func counts(_ n: Int, _ generator: inout SplitMix64) -> [Int] {
            var bins = [Int](repeating: 0, count: cumulative.count)
            for _ in 0..<n {
                let u = generator.nextOpenUnit()
                bins[cumulative.firstIndex { u < $0 } ?? cumulative.count - 1] += 1
            }
            return bins
        }
        let rate = try rejectionRate(simulations: 2_000, seed: 0xC41_5A3E) { generator, _ in
            let reference = counts(200, &generator)
            return try chiSquareHomogeneityTest(referenceCounts: reference, currentCounts: counts(200, &generator)).pValue
        }
        print("ChiSquareHomogeneityTest calibration rejection rate: \(rate)")
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
