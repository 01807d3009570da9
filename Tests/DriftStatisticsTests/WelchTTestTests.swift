import Testing
@testable import DriftStatistics

@Suite("WelchTTest")
struct WelchTTestTests {
    @Test("matches scipy.stats.ttest_ind(equal_var=False) evaluated exactly, on every fixture case")
    func fixture() throws {
        let cases = try ParametricFixture.cases("welch")
        #expect(cases.count >= 40)
        var scipyComparisons = 0
        for testCase in cases {
            let reference = try testCase.doubles("reference")
            let current = try testCase.doubles("current")
            let result = try welchTTest(reference: reference, current: current)
            #expect(result.method == .ttest)
            let statistic = try testCase.double("statistic")
            let pValue = try testCase.double("pvalue")
            expectClose(result.statistic, statistic, "\(testCase) statistic")
            expectClose(result.pValue ?? .nan, pValue, "\(testCase) p-value")
            // SciPy's own answer wherever its floating point holds (all but the 1e6-offset,
            // 1e150 and 1e-200 cases, where it is off by more than 1e-10 or not finite).
            let scipyStatistic = try testCase.double("scipy_statistic")
            let scipyPValue = try testCase.double("scipy_pvalue")
            if isClose(scipyStatistic, statistic, relative: 1e-10) && isClose(scipyPValue, pValue, relative: 1e-10) {
                scipyComparisons += 1
                expectClose(result.statistic, scipyStatistic, "\(testCase) statistic vs SciPy")
                expectClose(result.pValue ?? .nan, scipyPValue, "\(testCase) p-value vs SciPy")
            }
        }
        #expect(scipyComparisons >= cases.count - 5)
    }

    @Test("typed errors for empty, single-value and non-finite samples")
    func invalidInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) { try welchTTest(reference: [], current: [1, 2]) }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try welchTTest(reference: [1, 2], current: []) }
        #expect(throws: DriftStatisticsError.insufficientData(.reference, needed: 2, got: 1, method: .ttest)) {
            try welchTTest(reference: [1], current: [1, 2])
        }
        #expect(throws: DriftStatisticsError.insufficientData(.current, needed: 2, got: 1, method: .ttest)) {
            try welchTTest(reference: [1, 2], current: [3])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try welchTTest(reference: [1, 2], current: [3, .infinity])
        }
        #expect(throws: (any Error).self) { try welchTTest(reference: [1, .nan], current: [3, 4]) }
    }

    @Test("both samples constant is degenerate, equal or not")
    func constantSamples() {
        #expect(throws: DriftStatisticsError.degenerateData(method: .ttest, reason: "both samples are constant (zero variance)")) {
            try welchTTest(reference: [2, 2, 2], current: [2, 2])
        }
        #expect(throws: (any Error).self) { try welchTTest(reference: [1, 1], current: [5, 5, 5]) }
    }

    @Test("identical samples give t = 0 and p = 1; the sign follows reference − current")
    func identicalAndSign() throws {
        let sample = [1.5, 2.5, 2.0, 4.0, 3.25]
        let same = try welchTTest(reference: sample, current: sample)
        #expect(same.statistic == 0)
        #expect(same.pValue == 1)
        let higher = try welchTTest(reference: sample.map { $0 + 10 }, current: sample)
        #expect(higher.statistic > 0)
    }

    @Test("magnitudes near the overflow and underflow limits give the moderate-scale answer")
    func extremeMagnitudes() throws {
        let reference = [0.3, -1.2, 0.8, 1.9, -0.4, 0.05]
        let current = [1.1, 2.3, 0.9, 1.7, 3.1]
        let moderate = try welchTTest(reference: reference, current: current)
        for factor in [0x1p1000, 0x1p-1000, -0x1p900] {
            let scaled = try welchTTest(reference: reference.map { $0 * factor }, current: current.map { $0 * factor })
            expectClose(scaled.statistic, factor < 0 ? -moderate.statistic : moderate.statistic, relative: 1e-13, "statistic × \(factor)")
            expectClose(scaled.pValue ?? .nan, moderate.pValue ?? .nan, relative: 1e-12, "p-value × \(factor)")
        }
    }

    @Test("calibration: rejection rate at α = 0.05 under no drift is within [0.04, 0.06]")
    func calibration() throws {
        let rate = try rejectionRate(simulations: 2_000, seed: 0x5EED_7E57) { generator, _ in
            let reference = generator.normals(40, mean: 3, standardDeviation: 2)
            let current = generator.normals(55, mean: 3, standardDeviation: 2)
            return try welchTTest(reference: reference, current: current).pValue
        }
        print("WelchTTest calibration rejection rate: \(rate)")
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
