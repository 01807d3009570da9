import DriftStatistics
import Testing

@Suite struct MannWhitneyUTests {
    @Test func matchesSciPyOnEveryFixtureCase() throws {
        let cases = try RankFixtureData.cases("mannwhitney")
        #expect(cases.count >= 60)
        for fixtureCase in cases {
            let reference = try RankFixtureData.sample(fixtureCase, "reference")
            let current = try RankFixtureData.sample(fixtureCase, "current")
            let result = try mannWhitneyUTest(reference: reference, current: current)
            expectClose(result.statistic, try RankFixtureData.double(fixtureCase, "statistic"), "\(fixtureCase) statistic")
            expectClose(result.pValue ?? .nan, try RankFixtureData.double(fixtureCase, "pvalue"), "\(fixtureCase) p")
            #expect(result.method == .mannwhitney)
        }
    }

    @Test func coversBothMethodsAndTinyPValues() throws {
        let cases = try RankFixtureData.cases("mannwhitney")
        let methods = Set(cases.compactMap { try? $0.string("method") })
        #expect(methods == ["exact", "asymptotic"])
        let smallest = try cases.map { try RankFixtureData.double($0, "pvalue") }.filter { $0 > 0 }.min() ?? 1
        #expect(smallest < 1e-290)
    }

    @Test func rejectsInvalidInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try mannWhitneyUTest(reference: [], current: [1])
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try mannWhitneyUTest(reference: [1], current: [])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try mannWhitneyUTest(reference: [1, 2], current: [3, .infinity])
        }
        #expect(throws: DriftStatisticsError.self) {
            try mannWhitneyUTest(reference: [.nan], current: [1])
        }
    }

    @Test func edgeCases() throws {
        // One value per side: exact, P(U ≥ 1) doubled = 1.
        let single = try mannWhitneyUTest(reference: [2], current: [1])
        #expect(single.statistic == 1)
        #expect(single.pValue == 1)
        // All values equal: zero variance, SciPy reports p = 1.
        let equal = try mannWhitneyUTest(reference: [3, 3, 3], current: [3, 3])
        #expect(equal.statistic == 3)
        #expect(equal.pValue == 1)
        // Only ranks matter: 1e300-scale values give the same answer as small ones.
        let small = try mannWhitneyUTest(reference: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], current: [2.5, 4.5, 11, 12, 13, 14, 15, 16, 17])
        let huge = try mannWhitneyUTest(reference: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map { $0 * 1e300 }, current: [2.5, 4.5, 11, 12, 13, 14, 15, 16, 17].map { $0 * 1e300 })
        #expect(small == huge)
    }

    @Test func isCalibratedUnderNoDrift() throws {
        let rate = try rejectionRate(simulations: 2000, seed: 0x4D57_5531) { generator, run in
            try mannWhitneyUTest(reference: generator.normals(40 + run % 21), current: generator.normals(60 - run % 21)).pValue
        }
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
