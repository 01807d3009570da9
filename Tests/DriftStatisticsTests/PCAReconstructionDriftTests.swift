import LinearAlgebra
import Testing
@testable import DriftStatistics

@Suite struct PCAReconstructionDriftTests {
    @Test func matchesNannyMLWithScikitLearn() throws {
        let cases = try multivariateCases("pca")
        #expect(cases.count >= 12)
        for fixture in cases {
            let expected = try fixture.object("expected")
            let detector = try PCAReconstructionDrift(
                reference: try fixture.matrix("reference"), varianceRatio: try fixture.double("variance_ratio"),
                chunks: try fixture.int("chunks")
            )
            #expect(detector.componentCount == (try expected.int("component_count")), "\(fixture)")
            let chunkErrors = try expected.doubles("chunk_errors")
            #expect(detector.referenceChunkErrors.count == chunkErrors.count, "\(fixture)")
            let currents = try fixture.matrices("currents")
            let errors = try expected.doubles("errors")
            if try expected.bool("exact_reconstruction") {
                // Keeping every component reconstructs exactly; scikit-learn leaves rounding noise.
                #expect(detector.referenceChunkErrors.allSatisfy { $0 == 0 }, "\(fixture)")
                #expect(detector.lowerThreshold == 0 && detector.upperThreshold == 0, "\(fixture)")
                #expect(chunkErrors.allSatisfy { $0 < 1e-14 } && errors.allSatisfy { $0 < 1e-14 }, "\(fixture)")
                for current in currents { #expect(try detector.reconstructionError(current) == 0) }
                continue
            }
            for (actual, reference) in zip(detector.referenceChunkErrors, chunkErrors) {
                expectClose(actual, reference, "\(fixture) chunk error")
            }
            expectClose(detector.lowerThreshold, try expected.double("lower_threshold"), "\(fixture) lower threshold")
            expectClose(detector.upperThreshold, try expected.double("upper_threshold"), "\(fixture) upper threshold")
            for (current, reference) in zip(currents, errors) {
                expectClose(try detector.reconstructionError(current), reference, "\(fixture) error")
            }
        }
    }

    @Test func flagsAChangedCorrelationStructure() throws {
        var generator = SplitMix64(seed: 9)
        func correlatedRows(_ count: Int, sign: Double) throws -> Matrix<Double> {
            var values: [[Double]] = []
            for _ in 0..<count {
                let shared = generator.nextNormal()
                values.append([shared + 0.2 * generator.nextNormal(), sign * shared + 0.2 * generator.nextNormal(), generator.nextNormal()])
            }
            return try Matrix(rowMajor: values)
        }
        let detector = try PCAReconstructionDrift(reference: try correlatedRows(1000, sign: 1))
        #expect(detector.componentCount == 1)
        #expect(try detector.evaluate(try correlatedRows(200, sign: 1)).drifted == false)
        let broken = try detector.evaluate(try correlatedRows(200, sign: -1))
        #expect(broken.drifted && broken.error > detector.upperThreshold)
    }

    @Test func edgeCases() throws {
        let reference = try Matrix(rowMajor: (0..<20).map { [Double($0), Double($0 * $0 % 7)] })
        #expect(throws: DriftStatisticsError.insufficientData(.reference, needed: 10, got: 9, method: .pcaReconstruction)) {
            try PCAReconstructionDrift(reference: try Matrix(rowMajor: Array(reference.rowMajor.prefix(9))))
        }
        #expect(throws: DriftStatisticsError.self) { try PCAReconstructionDrift(reference: reference, varianceRatio: 1) }
        #expect(throws: DriftStatisticsError.self) { try PCAReconstructionDrift(reference: reference, varianceRatio: 0) }
        #expect(throws: DriftStatisticsError.self) { try PCAReconstructionDrift(reference: reference, chunks: 0) }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try PCAReconstructionDrift(reference: .zeros(rows: 0, columns: 2))
        }
        #expect(throws: DriftStatisticsError.self) {
            try PCAReconstructionDrift(reference: Matrix(rows: 20, columns: 3, repeating: 2.5))
        }
        var withNaN = reference
        withNaN[4, 1] = .nan
        #expect(throws: DriftStatisticsError.self) { try PCAReconstructionDrift(reference: withNaN) }
        let detector = try PCAReconstructionDrift(reference: reference, chunks: 3)
        // NannyML's chunker: size ⌊20 / 3⌋ = 6 gives chunks of 6, 6, 6 and the remaining 2 rows.
        #expect(detector.referenceChunkErrors.count == 4)
        #expect(throws: DriftStatisticsError.self) { try detector.reconstructionError(.zeros(rows: 2, columns: 3)) }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try detector.reconstructionError(.zeros(rows: 0, columns: 2)) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 0, value: -.infinity)) {
            try detector.reconstructionError(try Matrix(rowMajor: [[-.infinity, 0]]))
        }
        #expect(try detector.reconstructionError(try Matrix(rowMajor: [[1e150, -1e150]])).isFinite)
    }
}
