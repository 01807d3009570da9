import DriftStatistics
import Testing

@Suite struct CramerVonMisesTests {
    @Test func matchesSciPyOnEveryFixtureCase() throws {
        let cases = try RankFixtureData.cases("cvm")
        #expect(cases.count >= 60)
        for fixtureCase in cases {
            let reference = try RankFixtureData.sample(fixtureCase, "reference")
            let current = try RankFixtureData.sample(fixtureCase, "current")
            let result = try cramerVonMisesTest(reference: reference, current: current)
            expectClose(result.statistic, try RankFixtureData.double(fixtureCase, "statistic"), "\(fixtureCase) statistic")
            let expected = try RankFixtureData.double(fixtureCase, "pvalue")
            if try fixtureCase.string("method") == "exact" {
                expectClose(result.pValue ?? .nan, expected, "\(fixtureCase) exact p")
            } else {
                // SciPy returns the asymptotic p-value as 1 − cdf, with the cdf a sum of terms
                // each carrying the ~1e-15 relative error of its AMOS `kv` (measured against
                // mpmath), so SciPy's own p is only good to about 1e-15 absolute; below ~1e-6
                // that, not 1e-9 relative, is the agreement that means anything.
                expectClose(result.pValue ?? .nan, expected, absolute: 4e-15, "\(fixtureCase) asymptotic p")
            }
            #expect(result.method == .cvm)
        }
    }

    @Test func coversBothMethods() throws {
        let methods = Set(try RankFixtureData.cases("cvm").map { try $0.string("method") })
        #expect(methods == ["exact", "asymptotic"])
    }

    @Test func rejectsInvalidInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try cramerVonMisesTest(reference: [], current: [1, 2])
        }
        #expect(throws: DriftStatisticsError.insufficientData(.current, needed: 2, got: 1, method: .cvm)) {
            try cramerVonMisesTest(reference: [1, 2], current: [3])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 2, value: .infinity)) {
            try cramerVonMisesTest(reference: [1, 2, .infinity], current: [3, 4])
        }
    }

    @Test func edgeCases() throws {
        let small = try cramerVonMisesTest(reference: [1, 2, 3, 5, 8, 13], current: [4, 6, 7, 9, 10])
        let huge = try cramerVonMisesTest(reference: [1, 2, 3, 5, 8, 13].map { -$0 * 1e307 }, current: [4, 6, 7, 9, 10].map { -$0 * 1e307 })
        let mirrored = try cramerVonMisesTest(reference: [1, 2, 3, 5, 8, 13].map { -$0 }, current: [4, 6, 7, 9, 10].map { -$0 })
        #expect(huge == mirrored)
        #expect(small.pValue != nil)
        let equal = try cramerVonMisesTest(reference: [2, 2, 2], current: [2, 2])
        #expect(equal.pValue == 1)
    }

    @Test func isCalibratedUnderNoDrift() throws {
        let rate = try rejectionRate(simulations: 2000, seed: 0x4356_4D32) { generator, run in
            try cramerVonMisesTest(reference: generator.normals(40 + run % 21), current: generator.normals(60 - run % 21)).pValue
        }
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
