import DriftStatistics
import LinearAlgebra
import Testing

@Suite struct HotellingT2TestTests {
    @Test func matchesTheNumpyAndSciPyReferenceOnEveryFixtureCase() throws {
        let fixture = try FixtureFile.load("hotelling")
        #expect(fixture.cases.count >= 30)
        for testCase in fixture.cases {
            let result = try hotellingT2Test(reference: testCase.matrix("reference"), current: testCase.matrix("current"))
            expectClose(result.statistic, try testCase.double("statistic"), "\(testCase) T²")
            expectClose(result.fStatistic, try testCase.double("f"), "\(testCase) F")
            #expect(result.numeratorDegreesOfFreedom == (try testCase.double("df1")))
            #expect(result.denominatorDegreesOfFreedom == (try testCase.double("df2")))
            expectClose(result.pValue, try testCase.double("p_value"), "\(testCase) p-value")
        }
    }

    @Test func refusesASingularPooledCovariance() throws {
        let reference = try Matrix<Double>(rowMajor: [[1, 2], [2, 4], [3, 6], [4, 8]])
        let current = try Matrix<Double>(rowMajor: [[1.5, 3], [2.5, 5], [3.5, 7]])
        #expect {
            try hotellingT2Test(reference: reference, current: current)
        } throws: { error in
            guard case .degenerateData(.hotelling, let reason) = error as? DriftStatisticsError else { return false }
            return reason.contains("linear combination")
        }
    }

    @Test func needsMoreRowsThanFeaturesPlusOne() throws {
        let reference = try Matrix<Double>(rowMajor: [[1, 2, 3], [2, 1, 0]])
        let current = try Matrix<Double>(rowMajor: [[0, 1, 1], [1, 0, 2]])
        #expect(throws: DriftStatisticsError.insufficientData(.current, needed: 3, got: 2, method: .hotelling)) {
            try hotellingT2Test(reference: reference, current: current)
        }
    }

    @Test func refusesMismatchedFeaturesAndNonFiniteValues() throws {
        let reference = try Matrix<Double>(rowMajor: [[1, 2], [2, 1], [0, 0], [3, 1]])
        #expect(throws: DriftStatisticsError.self) {
            try hotellingT2Test(reference: reference, current: Matrix<Double>(rowMajor: [[1, 2, 3], [1, 1, 1]]))
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try hotellingT2Test(reference: reference, current: Matrix<Double>(rowMajor: [[1, 2], [.infinity, 1], [0, 1]]))
        }
    }
}
