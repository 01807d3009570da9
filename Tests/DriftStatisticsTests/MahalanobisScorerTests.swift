import LinearAlgebra
import Testing
@testable import DriftStatistics

@Suite struct MahalanobisScorerTests {
    @Test func matchesSciPy() throws {
        let cases = try multivariateCases("mahalanobis")
        #expect(cases.count >= 10)
        for fixture in cases {
            let expected = try fixture.object("expected")
            let scorer = try MahalanobisScorer(reference: try fixture.matrix("reference"))
            for (actual, reference) in zip(scorer.mean, try expected.doubles("mean")) {
                expectClose(actual, reference, "\(fixture) mean")
            }
            let current = try fixture.matrix("current")
            let scores = try scorer.scores(current)
            let expectedScores = try expected.doubles("scores")
            #expect(scores.count == expectedScores.count)
            for (index, (actual, reference)) in zip(scores, expectedScores).enumerated() {
                expectClose(actual, reference, "\(fixture) score \(index)")
            }
            expectClose(try scorer.score(current.row(0)), expectedScores[0], "\(fixture) single score")
        }
    }

    @Test func handComputedScore() throws {
        // Mean (0, 0), covariance diag(2, 0.5): the point (2, 1) scores √(4/2 + 1/0.5) = 2.
        let scorer = try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0, 0.5], [-1, 0.5], [1, -0.5], [-1, -0.5]].map { $0.map { $0 * 1.2247448713915890 } }))
        let point = [2.0, 1.0]
        let covariance = [2.0, 0.5]
        let expected = zip(point, covariance).map { $0 * $0 / $1 }.reduce(0, +).squareRoot()
        expectClose(try scorer.score(point), expected, relative: 1e-14, "diagonal covariance")
    }

    @Test func edgeCases() throws {
        #expect(throws: DriftStatisticsError.insufficientData(.reference, needed: 2, got: 1, method: .mahalanobis)) {
            try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0, 2]]))
        }
        #expect(throws: DriftStatisticsError.self) { try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0, 2], [3, 5]])) }
        #expect(throws: DriftStatisticsError.self) {
            try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0, 2], [3, 2], [4, 2], [0, 2]]))
        }
        // Third feature = first + second: singular.
        let collinear = try Matrix(rowMajor: [[1.0, 2, 3], [0.5, -1, -0.5], [3, 0.25, 3.25], [-2, 1, -1], [0.1, 0.7, 0.8]])
        #expect(throws: DriftStatisticsError.self) { try MahalanobisScorer(reference: collinear) }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) { try MahalanobisScorer(reference: .zeros(rows: 0, columns: 2)) }
        #expect(throws: DriftStatisticsError.self) { try MahalanobisScorer(reference: .zeros(rows: 3, columns: 0)) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 1, value: .infinity)) {
            try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0], [.infinity], [2]]))
        }
        let scorer = try MahalanobisScorer(reference: try Matrix(rowMajor: [[1.0], [2], [4]]))
        #expect(try scorer.score([7.0 / 3]) == 0)
        #expect(throws: DriftStatisticsError.self) { try scorer.score([1, 2]) }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try scorer.scores(.zeros(rows: 0, columns: 1)) }
        #expect(throws: DriftStatisticsError.self) { try scorer.score([.nan]) }
    }
}
