import DriftStatistics
import Testing

@Suite struct AndersonDarlingTests {
    private func check(_ result: AndersonDarlingResult, _ fixtureCase: FixtureCase) throws {
        expectClose(result.statistic, try RankFixtureData.double(fixtureCase, "statistic"), "\(fixtureCase) statistic")
        expectClose(result.pValue, try RankFixtureData.double(fixtureCase, "pvalue"), "\(fixtureCase) p")
        let critical = try RankFixtureData.doubles(fixtureCase, "critical")
        #expect(result.criticalValues.count == critical.count)
        for (actual, expected) in zip(result.criticalValues, critical) {
            expectClose(actual, expected, "\(fixtureCase) critical value")
        }
    }

    @Test func matchesSciPyOnEveryTwoSampleCase() throws {
        let cases = try RankFixtureData.cases("anderson")
        #expect(cases.count >= 60)
        for fixtureCase in cases {
            let reference = try RankFixtureData.sample(fixtureCase, "reference")
            let current = try RankFixtureData.sample(fixtureCase, "current")
            try check(try andersonDarlingKSample([reference, current]), fixtureCase)
            let pair = try andersonDarlingTest(reference: reference, current: current)
            expectClose(pair.statistic, try RankFixtureData.double(fixtureCase, "statistic"), "\(fixtureCase) two-sample statistic")
            expectClose(pair.pValue ?? .nan, try RankFixtureData.double(fixtureCase, "pvalue"), "\(fixtureCase) two-sample p")
            #expect(pair.method == .anderson)
        }
    }

    @Test func matchesSciPyOnEveryKSampleCase() throws {
        let cases = try RankFixtureData.cases("anderson_k")
        #expect(cases.count >= 5)
        for fixtureCase in cases {
            try check(try andersonDarlingKSample(try RankFixtureData.matrix(fixtureCase, "samples")), fixtureCase)
        }
    }

    @Test func pValueIsCappedAndFlooredLikeSciPy() throws {
        let pValues = try RankFixtureData.cases("anderson").map { try RankFixtureData.double($0, "pvalue") }
        #expect(pValues.contains(0.25))
        #expect(pValues.contains(0.001))
        #expect(pValues.allSatisfy { $0 >= 0.001 && $0 <= 0.25 })
    }

    @Test func rejectsInvalidInput() {
        let tooFew = #expect(throws: DriftStatisticsError.self) { try andersonDarlingKSample([[1, 2, 3]]) }
        #expect(argumentName(tooFew) == "samples")
        let empty = #expect(throws: DriftStatisticsError.self) { try andersonDarlingKSample([[1, 2], [], [3]]) }
        #expect(argumentName(empty) == "samples[1]")
        let nonFinite = #expect(throws: DriftStatisticsError.self) { try andersonDarlingKSample([[1, 2], [3, .nan]]) }
        #expect(argumentName(nonFinite) == "samples[1]")
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try andersonDarlingTest(reference: [1, 2], current: [])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 0, value: -.infinity)) {
            try andersonDarlingTest(reference: [-.infinity, 2], current: [1])
        }
    }

    private func argumentName(_ error: DriftStatisticsError?) -> String? {
        guard case .invalidArgument(let name, _) = error else { return nil }
        return name
    }

    private func isDegenerate(_ error: DriftStatisticsError?) -> Bool {
        guard case .degenerateData(.anderson, _) = error else { return false }
        return true
    }

    @Test func degenerateData() throws {
        // SciPy raises "needs more than one distinct observation".
        #expect(isDegenerate(#expect(throws: DriftStatisticsError.self) { try andersonDarlingTest(reference: [4, 4, 4], current: [4, 4]) }))
        // SciPy fails (N = 2) or returns NaN (N = 3): the variance divides by (N−1)(N−2)(N−3).
        #expect(isDegenerate(#expect(throws: DriftStatisticsError.self) { try andersonDarlingTest(reference: [1], current: [2]) }))
        #expect(isDegenerate(#expect(throws: DriftStatisticsError.self) { try andersonDarlingTest(reference: [1, 2], current: [3]) }))
        // Four values are enough.
        let four = try andersonDarlingTest(reference: [1, 2], current: [3, 4])
        #expect(four.pValue != nil)
        // Only ranks matter: magnitudes near the largest double change nothing.
        let small = try andersonDarlingTest(reference: [1, 2, 3, 5, 8], current: [4, 6, 7, 9])
        let huge = try andersonDarlingTest(reference: [1, 2, 3, 5, 8].map { $0 * 1e307 }, current: [4, 6, 7, 9].map { $0 * 1e307 })
        #expect(small == huge)
    }

    @Test func isCalibratedUnderNoDrift() throws {
        let rate = try rejectionRate(simulations: 2000, seed: 0x4144_3032) { generator, run in
            try andersonDarlingTest(reference: generator.normals(40 + run % 21), current: generator.normals(60 - run % 21)).pValue
        }
        #expect(rate >= 0.04 && rate <= 0.06, "rejection rate \(rate)")
    }
}
