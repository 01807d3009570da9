import Foundation
import Testing
@testable import DriftStatistics

@Suite struct PerformanceConfusionMatrixTests {
    @Test func matchesScikitLearnOnEveryFixtureCase() throws {
        let cases = try PerformanceFixture.cases("binary")
        #expect(cases.count >= 20)
        for fixtureCase in cases {
            let scores = try fixtureCase.doubles("scores")
            let labels = try PerformanceFixture.booleans(fixtureCase, "labels")
            let threshold = try fixtureCase.double("threshold")
            let matrix = try ConfusionMatrix(scores: scores, labels: labels, threshold: threshold)
            let counts = try fixtureCase.ints("counts")
            #expect(
                [matrix.truePositives, matrix.falsePositives, matrix.trueNegatives, matrix.falseNegatives] == counts,
                "\(fixtureCase)"
            )
            expectClose(try matrix.accuracy(), try fixtureCase.double("accuracy"), "\(fixtureCase) accuracy")
            let precision = try fixtureCase.doubles("precision")
            let recall = try fixtureCase.doubles("recall")
            let f1 = try fixtureCase.doubles("f1")
            for (index, zeroDivision) in PerformanceFixture.zeroDivisions.enumerated() {
                let context = "\(fixtureCase) zeroDivision=\(zeroDivision)"
                expectClose(try matrix.precision(zeroDivision: zeroDivision), precision[index], "\(context) precision")
                expectClose(try matrix.recall(zeroDivision: zeroDivision), recall[index], "\(context) recall")
                expectClose(try matrix.f1(zeroDivision: zeroDivision), f1[index], "\(context) f1")
            }
            let predictions = scores.map { $0 >= threshold }
            #expect(try ConfusionMatrix(predictions: predictions, labels: labels) == matrix, "\(fixtureCase)")
        }
    }

    @Test func mergingPartsEqualsTheWhole() throws {
        var generator = SplitMix64(seed: 23)
        for trial in 0..<100 {
            let n = Int.random(in: 10...2000, using: &generator)
            let labels = (0..<n).map { _ in generator.nextOpenUnit() < 0.3 }
            let scores = labels.map { ($0 ? 0.3 : 0) + generator.nextOpenUnit() }
            let whole = try ConfusionMatrix(scores: scores, labels: labels)
            let partCount = Int.random(in: 2...10, using: &generator)
            let parts = SketchMergeOrders.split(Array(zip(scores, labels)), parts: partCount, using: &generator)
            let matrices = try parts.map { part throws(DriftStatisticsError) in
                try ConfusionMatrix(scores: part.map(\.0), labels: part.map(\.1))
            }
            #expect(SketchMergeOrders.sequentially(matrices, using: &generator) { $0.merging($1) } == whole, "trial \(trial)")
            #expect(SketchMergeOrders.asTree(matrices, using: &generator) { $0.merging($1) } == whole, "trial \(trial)")
            #expect(whole.merging(ConfusionMatrix()) == whole)
        }
    }

    @Test func edgeCases() throws {
        let empty = ConfusionMatrix()
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.accuracy() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.precision() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.f1(zeroDivision: 1) }
        #expect(try ConfusionMatrix(scores: [], labels: []) == empty)
        #expect(throws: DriftStatisticsError.self) { try ConfusionMatrix(scores: [0.5], labels: []) }
        #expect(throws: DriftStatisticsError.self) { try ConfusionMatrix(predictions: [true], labels: []) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 0, value: -.infinity)) {
            try ConfusionMatrix(scores: [-.infinity], labels: [true])
        }
        #expect(throws: DriftStatisticsError.self) { try ConfusionMatrix(scores: [0.5], labels: [true], threshold: .nan) }
        #expect(throws: DriftStatisticsError.self) {
            try ConfusionMatrix(truePositives: 1, falsePositives: -1, trueNegatives: 0, falseNegatives: 0)
        }
        let negatives = try ConfusionMatrix(predictions: [false, false], labels: [false, false])
        #expect(throws: DriftStatisticsError.self) { try negatives.precision(zeroDivision: 2) }
        #expect(try negatives.accuracy() == 1)
        #expect(try negatives.precision() == 0)
        #expect(try negatives.recall(zeroDivision: 1) == 1)
        #expect(try negatives.f1(zeroDivision: .nan).isNaN)
        // A score at the threshold is a positive prediction (sklearn's `>=`).
        let atThreshold = try ConfusionMatrix(scores: [0.5, 0.25], labels: [true, false], threshold: 0.5)
        #expect(atThreshold.truePositives == 1 && atThreshold.trueNegatives == 1)
        let everything = try ConfusionMatrix(scores: [-1e300, 1e300], labels: [true, false], threshold: -.infinity)
        #expect(everything.truePositives == 1 && everything.falsePositives == 1)
    }

    @Test func codableRoundTripAndRejectsNegativeCounts() throws {
        let matrix = try ConfusionMatrix(truePositives: 5, falsePositives: 2, trueNegatives: 40, falseNegatives: 3)
        let data = try JSONEncoder().encode(matrix)
        #expect(try JSONDecoder().decode(ConfusionMatrix.self, from: data) == matrix)
        let corrupt = Data(#"{"truePositives":1,"falsePositives":-2,"trueNegatives":0,"falseNegatives":0}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionMatrix.self, from: corrupt) }
    }
}
