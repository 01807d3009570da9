import Testing
@testable import DriftStatistics

@Suite("TwoProportionZTest")
struct TwoProportionZTestTests {
    @Test("matches statsmodels proportions_ztest (two-sided, pooled) on every fixture case")
    func fixture() throws {
        let cases = try ParametricFixture.cases("z")
        #expect(cases.count >= 20)
        for testCase in cases {
            let counts = try testCase.ints("counts")
            let result = try twoProportionZTest(
                referenceSuccesses: counts[0], referenceCount: counts[1],
                currentSuccesses: counts[2], currentCount: counts[3]
            )
            #expect(result.method == .z)
            expectClose(result.statistic, try testCase.double("statistic"), "\(testCase) statistic")
            expectClose(result.pValue ?? .nan, try testCase.double("pvalue"), "\(testCase) p-value")
        }
    }

    @Test("typed errors: empty sides, impossible counts, pooled proportion 0 or 1")
    func invalidInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try twoProportionZTest(referenceSuccesses: 0, referenceCount: 0, currentSuccesses: 1, currentCount: 4)
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try twoProportionZTest(referenceSuccesses: 1, referenceCount: 4, currentSuccesses: 0, currentCount: 0)
        }
        #expect(throws: (any Error).self) {
            try twoProportionZTest(referenceSuccesses: 5, referenceCount: 4, currentSuccesses: 1, currentCount: 4)
        }
        #expect(throws: (any Error).self) {
            try twoProportionZTest(referenceSuccesses: -1, referenceCount: 4, currentSuccesses: 1, currentCount: 4)
        }
        #expect(throws: (any Error).self) {
            try twoProportionZTest(referenceSuccesses: 1, referenceCount: -4, currentSuccesses: 1, currentCount: 4)
        }
        for (first, second) in [(0, 0), (10, 7)] {
            #expect(throws: DriftStatisticsError.degenerateData(
                method: .z, reason: "the pooled proportion is \(first == 0 ? 0.0 : 1.0), so its variance is zero"
            )) {
                try twoProportionZTest(referenceSuccesses: first, referenceCount: 10, currentSuccesses: second, currentCount: 7)
            }
        }
    }

    @Test("equal proportions give z = 0, p = 1; the sign follows reference − current")
    func equalAndSign() throws {
        let equal = try twoProportionZTest(referenceSuccesses: 3, referenceCount: 10, currentSuccesses: 30, currentCount: 100)
        #expect(equal.statistic == 0 && equal.pValue == 1)
        let higher = try twoProportionZTest(referenceSuccesses: 8, referenceCount: 10, currentSuccesses: 30, currentCount: 100)
        #expect(higher.statistic > 0)
    }
}
