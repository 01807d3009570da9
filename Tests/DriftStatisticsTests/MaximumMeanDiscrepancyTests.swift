import Foundation
import LinearAlgebra
import Testing
@testable import DriftStatistics

@Suite struct MaximumMeanDiscrepancyTests {
    @Test func fixtureHasCases() throws {
        #expect(try multivariateCases("mmd").count >= 25)
    }

    @Test func statisticAndBandwidthMatchAlibiDefinition() throws {
        for fixture in try multivariateCases("mmd") {
            let reference = try fixture.matrix("reference")
            let current = try fixture.matrix("current")
            let expected = try fixture.object("expected")
            let bandwidth = fixture.has("bandwidth") ? try fixture.double("bandwidth") : nil
            let result = try mmdTest(reference: reference, current: current, permutations: 20, bandwidth: bandwidth, seed: 1)
            expectClose(result.statistic, try expected.double("statistic"), "\(fixture) statistic")
            expectClose(result.bandwidth, try expected.double("bandwidth"), "\(fixture) bandwidth")
            #expect(result.permutations == 20)
            #expect(result.pValue >= 0 && result.pValue <= 1)
        }
    }

    /// With 20 000 relabellings the Monte Carlo p-value has binomial standard error
    /// √(p(1−p)/20 000); it must lie within 4.5 of them of the exact (fully enumerated) p-value.
    @Test func pValueConvergesToTheExactPermutationPValue() throws {
        let exactCases = try multivariateCases("mmd").filter { (try? $0.object("expected").has("exact_p_value")) == true }
        #expect(exactCases.count >= 5)
        for fixture in exactCases {
            let reference = try fixture.matrix("reference")
            let current = try fixture.matrix("current")
            let exact = try fixture.object("expected").double("exact_p_value")
            let permutations = 20_000
            let result = try mmdTest(reference: reference, current: current, permutations: permutations, seed: 7)
            let standardError = (exact * (1 - exact) / Double(permutations)).squareRoot()
            #expect(abs(result.pValue - exact) <= 4.5 * standardError, "\(fixture): p \(result.pValue) vs exact \(exact)")
        }
    }

    @Test func reproducibleFromTheSeed() throws {
        var generator = SplitMix64(seed: 3)
        let reference = try Matrix(rows: 40, columns: 2, columnMajor: generator.normals(80))
        let current = try Matrix(rows: 30, columns: 2, columnMajor: generator.normals(60, mean: 0.3))
        let first = try mmdTest(reference: reference, current: current, seed: 11)
        #expect(try mmdTest(reference: reference, current: current, seed: 11) == first)
        #expect(first.permutations == 100)
    }

    /// Under no drift the permutation test is valid: P(p < 0.05) = 5/101 ≈ 0.0495 with 100
    /// relabellings. 400 simulations give a binomial standard error of ≈ 0.011, so the rate must lie
    /// in [0.025, 0.08] (about ±3 standard errors, slightly wider above for the discreteness).
    @Test func calibratedUnderNoDrift() throws {
        let simulations = 400
        let rate = try rejectionRate(simulations: simulations, seed: 20_261_121) { generator, simulation in
            let reference = try Matrix(rows: 30, columns: 3, columnMajor: generator.normals(90))
            let current = try Matrix(rows: 30, columns: 3, columnMajor: generator.normals(90))
            return try mmdTest(reference: reference, current: current, permutations: 100, seed: UInt64(simulation)).pValue
        }
        print("MMD calibration: rejection rate \(rate) over \(simulations) simulations")
        #expect(rate >= 0.025 && rate <= 0.08, "rejection rate \(rate)")
    }

    @Test func detectsAShift() throws {
        var generator = SplitMix64(seed: 5)
        let reference = try Matrix(rows: 100, columns: 3, columnMajor: generator.normals(300))
        let current = try Matrix(rows: 100, columns: 3, columnMajor: generator.normals(300, mean: 1))
        let result = try mmdTest(reference: reference, current: current)
        #expect(result.pValue == 0)
        #expect(result.statistic > 0.1)
    }

    @Test func edgeCases() throws {
        let two = try Matrix(rowMajor: [[0.0, 1], [1, 0]])
        let one = try Matrix(rowMajor: [[0.0, 1]])
        #expect(throws: DriftStatisticsError.insufficientData(.reference, needed: 2, got: 1, method: .mmd)) {
            try mmdTest(reference: one, current: two)
        }
        #expect(throws: DriftStatisticsError.insufficientData(.current, needed: 2, got: 1, method: .mmd)) {
            try mmdTest(reference: two, current: one)
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try mmdTest(reference: two, current: .zeros(rows: 0, columns: 2))
        }
        #expect(throws: DriftStatisticsError.self) { try mmdTest(reference: two, current: try Matrix(rowMajor: [[1.0], [2]])) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try mmdTest(reference: two, current: try Matrix(rowMajor: [[0.0, 1], [.infinity, 0]]))
        }
        #expect(throws: DriftStatisticsError.self) {
            try mmdTest(reference: two, current: try Matrix(rowMajor: [[0.0, .nan], [1, 0]]))
        }
        #expect(throws: DriftStatisticsError.self) { try mmdTest(reference: two, current: two, permutations: 0) }
        #expect(throws: DriftStatisticsError.self) { try mmdTest(reference: two, current: two, bandwidth: 0) }
        #expect(throws: DriftStatisticsError.self) { try mmdTest(reference: two, current: two, bandwidth: .nan) }
        let constant = Matrix<Double>(rows: 5, columns: 2, repeating: 3)
        #expect(throws: DriftStatisticsError.self) { try mmdTest(reference: constant, current: two) }
        // An explicit bandwidth makes a constant reference usable.
        let result = try mmdTest(reference: constant, current: constant, bandwidth: 1)
        #expect(abs(result.statistic) <= 1e-15)
        #expect(result.pValue == 1)
    }
}
