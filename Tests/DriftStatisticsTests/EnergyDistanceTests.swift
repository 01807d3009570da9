import Testing
@testable import DriftStatistics

@Suite struct EnergyDistanceTests {
    @Test func matchesSciPyOnEveryFixtureCase() throws {
        let cases = try DistancesFixture.cases("cdf")
        #expect(cases.count >= 50)
        for testCase in cases {
            let result = try energyDistance(
                reference: try testCase.doubles("reference"), current: try testCase.doubles("current")
            )
            #expect(result.method == .energy)
            #expect(result.pValue == nil)
            expectClose(result.statistic, try testCase.double("energy"), "\(testCase) energy")
        }
    }

    @Test func knownValuesAndSymmetry() throws {
        // √2·√(∫ (F−G)²) for point masses at 0 and 2 is √(2·2) = 2.
        expectClose(try energyDistance(reference: [0], current: [2]).statistic, 2, "point masses")
        var generator = SplitMix64(seed: 11)
        let a = generator.normals(300)
        let b = generator.normals(500, mean: 1)
        expectClose(
            try energyDistance(reference: a, current: b).statistic,
            try energyDistance(reference: b, current: a).statistic, relative: 1e-14, "symmetry"
        )
        #expect(try energyDistance(reference: a, current: a).statistic == 0)
        #expect(try energyDistance(reference: [4, 4, 4], current: [4]).statistic == 0)
    }

    @Test func rejectsEmptyAndNonFiniteSamples() {
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try energyDistance(reference: [1], current: [])
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 0, value: -.infinity)) {
            try energyDistance(reference: [-.infinity], current: [1])
        }
    }

    @Test func extremeMagnitudesAreFinite() throws {
        // SciPy returns inf once the pooled range overflows; the true value is √2·√(3.4e308).
        let result = try energyDistance(reference: [-1.7e308], current: [1.7e308])
        expectClose(result.statistic, 2 * 1.7e308.squareRoot(), "huge")
    }
}
