import Testing
@testable import DriftStatistics

@Suite struct WassersteinDistanceTests {
    @Test func matchesSciPyOnEveryFixtureCase() throws {
        let cases = try DistancesFixture.cases("cdf")
        #expect(cases.count >= 50)
        for testCase in cases {
            let reference = try testCase.doubles("reference")
            let current = try testCase.doubles("current")
            if (try? testCase.string("wasserstein")) == "error" {
                #expect(throws: DriftStatisticsError.self, "\(testCase)") {
                    try wassersteinDistance(reference: reference, current: current)
                }
            } else {
                let result = try wassersteinDistance(reference: reference, current: current)
                #expect(result.method == .wasserstein)
                #expect(result.pValue == nil)
                expectClose(result.statistic, try testCase.double("wasserstein"), "\(testCase) W1")
            }
            if (try? testCase.string("normed")) == "error" {
                #expect(throws: DriftStatisticsError.self, "\(testCase)") {
                    try normedWassersteinDistance(reference: reference, current: current)
                }
            } else {
                let result = try normedWassersteinDistance(reference: reference, current: current)
                #expect(result.method == .normedWasserstein)
                expectClose(result.statistic, try testCase.double("normed"), "\(testCase) normed W1")
            }
        }
    }

    @Test func isSymmetricAndZeroOnIdenticalSamples() throws {
        var generator = SplitMix64(seed: 7)
        let a = generator.normals(700)
        let b = generator.normals(900, mean: 0.4)
        let forward = try wassersteinDistance(reference: a, current: b).statistic
        let backward = try wassersteinDistance(reference: b, current: a).statistic
        expectClose(forward, backward, relative: 1e-14, "symmetry")
        #expect(try wassersteinDistance(reference: a, current: a.reversed()).statistic == 0)
        #expect(try normedWassersteinDistance(reference: a, current: a).statistic == 0)
    }

    @Test func singleValues() throws {
        #expect(try wassersteinDistance(reference: [2], current: [-3]).statistic == 5)
        // A one-value reference has zero spread, so the 0.001 floor applies.
        expectClose(try normedWassersteinDistance(reference: [2], current: [-3]).statistic, 5000, "floor")
    }

    @Test func rejectsEmptyAndNonFiniteSamples() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try wassersteinDistance(reference: [], current: [1])
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try normedWassersteinDistance(reference: [1], current: [])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try wassersteinDistance(reference: [1, 2], current: [0, .infinity])
        }
        #expect(throws: DriftStatisticsError.self) {
            try normedWassersteinDistance(reference: [.nan], current: [0])
        }
    }

    @Test func hugeMagnitudesStayFinite() throws {
        // SciPy gives inf here: the pooled range overflows although the distance does not.
        let result = try wassersteinDistance(reference: [-1e308, 1e308], current: [1e308, 1e308])
        expectClose(result.statistic, 1e308, "range beyond the largest double")
        #expect(throws: DriftStatisticsError.degenerateData(
            method: .wasserstein, reason: "the distance exceeds the largest finite Double"
        )) {
            try wassersteinDistance(reference: [-1.7e308], current: [1.7e308])
        }
        // np.std overflows (and Evidently's score becomes 0); the scaled deviation does not.
        let normed = try normedWassersteinDistance(reference: [-1e300, 1e300], current: [1e300, 1e300])
        expectClose(normed.statistic, 1, "normed at 1e300")
    }
}
