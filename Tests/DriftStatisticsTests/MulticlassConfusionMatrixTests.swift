import Foundation
import Testing
@testable import DriftStatistics

@Suite struct PerformanceMulticlassConfusionMatrixTests {
    @Test func matchesScikitLearnOnEveryFixtureCase() throws {
        let cases = try PerformanceFixture.cases("multiclass")
        #expect(cases.count >= 15)
        for fixtureCase in cases {
            let matrix = try MulticlassConfusionMatrix(
                predictions: try fixtureCase.strings("predictions"), labels: try fixtureCase.strings("labels")
            )
            #expect(matrix.classes == (try fixtureCase.strings("classes")), "\(fixtureCase)")
            expectClose(try matrix.accuracy(), try fixtureCase.double("accuracy"), "\(fixtureCase) accuracy")
            let precision = try fixtureCase.doubles("precision")
            let recall = try fixtureCase.doubles("recall")
            let f1 = try fixtureCase.doubles("f1")
            for (index, zeroDivision) in PerformanceFixture.zeroDivisions.enumerated() {
                let context = "\(fixtureCase) zeroDivision=\(zeroDivision)"
                expectClose(try matrix.macroPrecision(zeroDivision: zeroDivision), precision[index], "\(context) precision")
                expectClose(try matrix.macroRecall(zeroDivision: zeroDivision), recall[index], "\(context) recall")
                expectClose(try matrix.macroF1(zeroDivision: zeroDivision), f1[index], "\(context) f1")
            }
        }
    }

    @Test func mergingPartsEqualsTheWhole() throws {
        var generator = SplitMix64(seed: 29)
        let classes = ["ant", "bee", "cat", "dog", "eel", "fox"]
        for trial in 0..<60 {
            let n = Int.random(in: 10...1500, using: &generator)
            let labels = (0..<n).map { _ in classes[Int.random(in: 0..<5, using: &generator)] }
            let predictions = labels.map { generator.nextOpenUnit() < 0.6 ? $0 : classes[Int.random(in: 1..<6, using: &generator)] }
            let whole = try MulticlassConfusionMatrix(predictions: predictions, labels: labels)
            let partCount = Int.random(in: 2...10, using: &generator)
            let parts = SketchMergeOrders.split(Array(zip(predictions, labels)), parts: partCount, using: &generator)
            let matrices = try parts.map { part throws(DriftStatisticsError) in
                try MulticlassConfusionMatrix(predictions: part.map(\.0), labels: part.map(\.1))
            }
            let sequential = SketchMergeOrders.sequentially(matrices, using: &generator) { $0.merging($1) }
            let tree = SketchMergeOrders.asTree(matrices, using: &generator) { $0.merging($1) }
            #expect(sequential == whole, "trial \(trial)")
            #expect(tree == whole, "trial \(trial)")
            #expect(try tree.macroF1() == whole.macroF1(), "trial \(trial)")
            #expect(whole.count == n)
        }
    }

    @Test func edgeCases() throws {
        let empty = MulticlassConfusionMatrix()
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.accuracy() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.macroRecall() }
        #expect(empty.classes.isEmpty && empty.count == 0)
        #expect(try MulticlassConfusionMatrix(predictions: [], labels: []) == empty)
        #expect(throws: DriftStatisticsError.self) { try MulticlassConfusionMatrix(predictions: ["a"], labels: ["a", "b"]) }
        let matrix = try MulticlassConfusionMatrix(predictions: ["a", "a", "c"], labels: ["a", "b", "b"])
        #expect(throws: DriftStatisticsError.self) { try matrix.macroPrecision(zeroDivision: -1) }
        #expect(matrix.classes == ["a", "b", "c"])
        #expect(matrix.count(label: "b", prediction: "a") == 1)
        #expect(matrix.count(label: "c", prediction: "c") == 0)
        // b is never predicted: its precision is zeroDivision, or left out when NaN.
        #expect(try matrix.macroPrecision() == 0.5 / 3)
        #expect(try matrix.macroPrecision(zeroDivision: 1) == 1.5 / 3)
        #expect(try matrix.macroPrecision(zeroDivision: .nan) == 0.25)
        let disjoint = try MulticlassConfusionMatrix(predictions: ["x"], labels: ["y"])
        #expect(try disjoint.macroPrecision(zeroDivision: .nan) == 0)
        #expect(try disjoint.macroRecall(zeroDivision: .nan) == 0)
    }

    @Test func codableRoundTripDropsZerosAndRejectsNegatives() throws {
        let matrix = try MulticlassConfusionMatrix(predictions: ["a", "b", "b", "é"], labels: ["a", "a", "b", "é"])
        let data = try JSONEncoder().encode(matrix)
        #expect(try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: data) == matrix)
        let withZero = Data(#"{"counts":{"a":{"a":2,"b":0},"c":{"d":0}}}"#.utf8)
        let decoded = try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: withZero)
        #expect(decoded == (try MulticlassConfusionMatrix(predictions: ["a", "a"], labels: ["a", "a"])))
        let negative = Data(#"{"counts":{"a":{"a":-1}}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: negative) }
    }
}
