import DriftStatistics
import Testing

@testable import Monitoring

@Suite struct WindowPerformanceAccumulatorTests {
    private func schema(label: LabelSpec.Kind, prediction: PredictionSpec) throws -> ModelSchema {
        try ModelSchema(features: [FeatureSpec(name: "x", type: .numeric)], prediction: prediction, label: LabelSpec(type: label))
    }

    /// Feeds pairs sorted as the store returns them (by version, then prediction).
    private func performance(_ schema: ModelSchema, ttl: Double = 100, _ pairs: [LabeledPrediction]) -> WindowPerformance {
        var accumulator = WindowPerformanceAccumulator(schema: schema, labelTTL: ttl)
        let sorted = pairs.sorted { a, b in
            if (a.version ?? "") != (b.version ?? "") { return (a.version ?? "") < (b.version ?? "") }
            if case .number(let x) = a.prediction, case .number(let y) = b.prediction { return x < y }
            return false
        }
        for pair in sorted { accumulator.add(pair) }
        return accumulator.result()
    }

    private func binary(_ score: Double, _ label: Bool, version: String? = nil, labelTime: Double = 10) -> LabeledPrediction {
        LabeledPrediction(version: version, prediction: .number(score), label: .bool(label), predictionTime: 0, labelTime: labelTime)
    }

    @Test func handCheckedBinaryScores() throws {
        let schema = try schema(label: .binary, prediction: PredictionSpec(type: .score))
        // Thresholded at 0.5: 0.9→1 (label 1, tp), 0.5→1 (label 0, fp), 0.4→0 (label 1, fn), 0.1→0 (label 0, tn), 0.7→1 (label 1, tp).
        let result = performance(
            schema,
            [binary(0.9, true), binary(0.5, false), binary(0.4, true), binary(0.1, false), binary(0.7, true)])
        #expect(result.labeledRows == 5)
        let version = try #require(result.versions.first)
        #expect(version.version == "")
        #expect(version.metrics["accuracy"] == 3.0 / 5)
        #expect(version.metrics["precision"] == 2.0 / 3)
        #expect(version.metrics["recall"] == 2.0 / 3)
        #expect(version.metrics["f1"] == 4.0 / 6)
        // Positives 0.4, 0.7, 0.9 against negatives 0.1, 0.5: 5 of 6 pairs ranked right (0.4 < 0.5).
        #expect(version.metrics["roc_auc"] == 5.0 / 6)
    }

    @Test func binaryMetricsEqualTheCoreFunctionsPerVersion() throws {
        let schema = try schema(label: .binary, prediction: PredictionSpec(type: .score))
        var generator = SplitMix64(seed: 7)
        let pairs = (0..<600).map { index in
            let score = (generator.nextOpenUnit() * 50).rounded() / 50
            return binary(score, generator.nextOpenUnit() < score, version: index % 3 == 0 ? nil : "v\(index % 3)")
        }
        let result = performance(schema, pairs)
        #expect(result.labeledRows == 600)
        #expect(result.versions.map(\.version) == ["", "v1", "v2"])
        for version in result.versions {
            let mine = pairs.filter { ($0.version ?? "") == version.version }
            let scores = mine.map { pair -> Double in
                if case .number(let score) = pair.prediction { return score }
                return .nan
            }
            let labels = mine.map { $0.label == .bool(true) }
            let matrix = try ConfusionMatrix(scores: scores, labels: labels, threshold: 0.5)
            #expect(version.labeledRows == mine.count)
            #expect(version.metrics["accuracy"] == (try matrix.accuracy()))
            #expect(version.metrics["precision"] == (try matrix.precision()))
            #expect(version.metrics["recall"] == (try matrix.recall()))
            #expect(version.metrics["f1"] == (try matrix.f1()))
            #expect(version.metrics["roc_auc"] == (try rocAUC(scores: scores, labels: labels)))
        }
    }

    @Test func labelsPastTheTTLDoNotCount() throws {
        let schema = try schema(label: .binary, prediction: PredictionSpec(type: .score))
        let result = performance(
            schema, ttl: 100,
            [binary(0.9, true, labelTime: 100), binary(0.2, false, labelTime: -50), binary(0.3, true, labelTime: 100.5)])
        #expect(result.labeledRows == 2)
        #expect(result.labelsPastTTL == 1)
        #expect(result.versions.first?.metrics["roc_auc"] == 1)
    }

    @Test func oneClassLeavesROCAUCUndefined() throws {
        let schema = try schema(label: .binary, prediction: PredictionSpec(type: .score))
        let version = try #require(performance(schema, [binary(0.9, true), binary(0.2, true)]).versions.first)
        #expect(version.metrics["roc_auc"] == nil)
        #expect(version.undefined["roc_auc"]?.contains("one class") == true)
        #expect(version.metrics["recall"] == 0.5)
    }

    @Test func classLabelsUseMacroAverages() throws {
        let schema = try schema(label: .class, prediction: PredictionSpec(type: .probabilities, classes: ["a", "b", "c"]))
        let predictions: [[String: Double]] = [["a": 0.7, "b": 0.2, "c": 0.1], ["a": 0.1, "b": 0.8, "c": 0.1], ["a": 0.3, "b": 0.3, "c": 0.4], ["a": 0.5, "b": 0.5, "c": 0]]
        let labels = ["a", "c", "c", "b"]
        let pairs = zip(predictions, labels).map {
            LabeledPrediction(version: "1", prediction: .probabilities($0), label: .string($1), predictionTime: 0, labelTime: 0)
        }
        let version = try #require(performance(schema, pairs).versions.first)
        // Predicted a, b, c, a (a tie goes to the class listed first).
        let matrix = try MulticlassConfusionMatrix(predictions: ["a", "b", "c", "a"], labels: labels)
        #expect(version.metrics["accuracy"] == 0.5)
        #expect(version.metrics["precision"] == (try matrix.macroPrecision()))
        #expect(version.metrics["recall"] == (try matrix.macroRecall()))
        #expect(version.metrics["f1"] == (try matrix.macroF1()))
        // Per class precision a 1/2, b 0, c 1; recall a 1, b 0, c 1/2.
        #expect(version.metrics["precision"] == 0.5)
        #expect(version.metrics["recall"] == 0.5)
    }

    @Test func regressionUsesMAEAndRMSE() throws {
        let schema = try schema(label: .numeric, prediction: PredictionSpec(type: .regression))
        let pairs = [(3.0, 1.0), (2.0, 2.0), (0.0, 4.0)].map {
            LabeledPrediction(version: nil, prediction: .number($0.0), label: .number($0.1), predictionTime: 0, labelTime: 0)
        }
        let version = try #require(performance(schema, pairs).versions.first)
        #expect(version.metrics["mae"] == 2)
        #expect(version.metrics["rmse"] == (20.0 / 3).squareRoot())
    }

    @Test func otherCombinationsCountRowsWithoutMetrics() throws {
        let schema = try schema(label: .numeric, prediction: PredictionSpec(type: .score))
        let result = performance(
            schema, [LabeledPrediction(version: nil, prediction: .number(1), label: .number(2), predictionTime: 0, labelTime: 0)])
        #expect(result.labeledRows == 1)
        #expect(result.unsupported == "no metrics for numeric labels with score predictions")
        #expect(result.versions.first?.metrics.isEmpty == true)
    }
}
