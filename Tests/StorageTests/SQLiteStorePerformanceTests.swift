import DriftStatistics
import GRDB
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStorePerformanceTests {
    private func openStore(_ directory: TemporaryDirectory) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: directory.path())
        try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
        return store
    }

    @Test func joinsTheRangesPredictionsWithTheirLabels() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            // 40 predictions at t = 1000…1039, half of version "7", half without a version.
            let events = StoreTestData.events(40, start: 1000)
            _ = try await store.insertPredictions(model: "fraud", events: events, receivedAt: 2000)
            // Labels for every third prediction, one for an unknown id, one far past the TTL.
            var labels = stride(from: 0, to: 40, by: 3).map { index in
                LabelEvent(id: events[index].id, label: .bool(index % 2 == 0), timestamp: 1100)
            }
            labels.append(LabelEvent(id: "nobody", label: .bool(true)))
            labels.append(LabelEvent(id: events[1].id, label: .bool(true), timestamp: 1000 + 1 + 500.5))
            _ = try await store.insertLabels(model: "fraud", events: labels, receivedAt: 3000)

            let range = 1010.0..<1030.0
            let result = try await store.accumulatePerformance(
                model: "fraud", eventTimes: range, into: WindowPerformanceAccumulator(schema: try StoreTestData.schema(), labelTTL: 500))
                .result()
            // Expected pairs, built here from the events: labelled ids with event time in the range.
            var expected: [String: (scores: [Double], labels: [Bool])] = [:]
            for index in stride(from: 0, to: 40, by: 3) where range.contains(1000 + Double(index)) {
                guard case .number(let score) = events[index].prediction else { continue }
                expected[events[index].version ?? "", default: ([], [])].scores.append(score)
                expected[events[index].version ?? "", default: ([], [])].labels.append(index % 2 == 0)
            }
            #expect(result.labeledRows == expected.values.reduce(0) { $0 + $1.scores.count })
            #expect(result.labelsPastTTL == 0)
            #expect(result.versions.map(\.version) == expected.keys.sorted())
            for version in result.versions {
                let pairs = try #require(expected[version.version])
                let matrix = try ConfusionMatrix(scores: pairs.scores, labels: pairs.labels)
                #expect(version.metrics["accuracy"] == (try matrix.accuracy()))
                #expect(version.metrics["f1"] == (try matrix.f1()))
                #expect(version.metrics["roc_auc"] == (try? rocAUC(scores: pairs.scores, labels: pairs.labels)))
            }
            // The whole range, where event 1's label is 500.5 s after it: past a 500 s TTL.
            let whole = try await store.accumulatePerformance(
                model: "fraud", eventTimes: 0..<5000, into: WindowPerformanceAccumulator(schema: try StoreTestData.schema(), labelTTL: 500))
                .result()
            #expect(whole.labeledRows == 14)
            #expect(whole.labelsPastTTL == 1)
        }
    }

    @Test func joinsClassAndRegressionLabels() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let classes = try ModelSchema(
                features: [FeatureSpec(name: "x", type: .numeric)],
                prediction: PredictionSpec(type: .probabilities, classes: ["a", "b"]), label: LabelSpec(type: .class))
            let regression = try ModelSchema(
                features: [FeatureSpec(name: "x", type: .numeric)], prediction: PredictionSpec(type: .regression),
                label: LabelSpec(type: .numeric))
            try await store.putModel(name: "classes", schema: classes, at: 1)
            try await store.putModel(name: "prices", schema: regression, at: 1)
            let probabilities: [[String: Double]] = [["a": 0.9, "b": 0.1], ["a": 0.2, "b": 0.8], ["a": 0.4, "b": 0.6]]
            _ = try await store.insertPredictions(
                model: "classes",
                events: probabilities.enumerated().map {
                    PredictionEvent(id: "c\($0.offset)", timestamp: 10, features: ["x": .number(1)], prediction: .probabilities($0.element))
                }, receivedAt: 10)
            _ = try await store.insertLabels(
                model: "classes", events: ["a", "b", "a"].enumerated().map { LabelEvent(id: "c\($0.offset)", label: .string($0.element)) },
                receivedAt: 20)
            let classResult = try await store.accumulatePerformance(
                model: "classes", eventTimes: 0..<100, into: WindowPerformanceAccumulator(schema: classes, labelTTL: 100)
            ).result()
            let matrix = try MulticlassConfusionMatrix(predictions: ["a", "b", "b"], labels: ["a", "b", "a"])
            #expect(classResult.versions.first?.metrics["accuracy"] == 2.0 / 3)
            #expect(classResult.versions.first?.metrics["f1"] == (try matrix.macroF1()))

            _ = try await store.insertPredictions(
                model: "prices",
                events: [5.0, 7.5, -1].enumerated().map {
                    PredictionEvent(id: "p\($0.offset)", timestamp: 10, features: ["x": .number(1)], prediction: .number($0.element))
                }, receivedAt: 10)
            _ = try await store.insertLabels(
                model: "prices", events: [4.0, 7.5, 1].enumerated().map { LabelEvent(id: "p\($0.offset)", label: .number($0.element)) },
                receivedAt: 20)
            let prices = try await store.accumulatePerformance(
                model: "prices", eventTimes: 0..<100, into: WindowPerformanceAccumulator(schema: regression, labelTTL: 100)
            ).result()
            #expect(prices.versions.first?.metrics["mae"] == 1)
            #expect(prices.versions.first?.metrics["rmse"] == (try rootMeanSquaredError(predictions: [5, 7.5, -1], labels: [4, 7.5, 1])))
            try await store.close()
        }
    }

    @Test func theJoinUsesTheIndexes() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await openStore(directory)
            let plan = try await store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.joinSQL, arguments: [1, 0.0, 1.0])
                    .map { $0["detail"] as String? ?? "" }
            }
            #expect(plan.contains { $0.contains("prediction_event_time") }, "\(plan)")
            #expect(plan.contains { $0.contains("label_event") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        }
    }

    @Test func storesAndReadsWindowPerformance() async throws {
        try await withTemporaryDirectory { directory in
            var store = try await openStore(directory)
            let labelled = WindowPerformance(
                labeledRows: 3, labelsPastTTL: 1, unusablePairs: 0, unsupported: nil,
                versions: [VersionPerformance(version: "7", labeledRows: 3, metrics: ["accuracy": 2.0 / 3], undefined: ["roc_auc": "one class"])])
            let empty = WindowPerformance(labeledRows: 0, labelsPastTTL: 0, unusablePairs: 0, unsupported: nil, versions: [])
            try await store.saveWindowPerformance(
                model: "fraud", StoredWindowPerformance(index: 4, start: 400, end: 500, computedAt: 9, performance: empty))
            try await store.saveWindowPerformance(
                model: "fraud", StoredWindowPerformance(index: 2, start: 200, end: 300, computedAt: 7, performance: labelled))
            try await store.saveWindowPerformance(
                model: "fraud", StoredWindowPerformance(index: 3, start: 300, end: 400, computedAt: 8, performance: empty))
            #expect(try await store.latestLabeledPerformance(model: "fraud")?.index == 2)
            // Replacing a window's performance keeps one row.
            try await store.saveWindowPerformance(
                model: "fraud", StoredWindowPerformance(index: 3, start: 300, end: 400, computedAt: 10, performance: labelled))
            try await store.close()
            store = try SQLiteStore(path: directory.path())
            let all = try await store.windowPerformance(model: "fraud", indices: 0...10)
            #expect(all.keys.sorted() == [2, 3, 4])
            #expect(all[3] == StoredWindowPerformance(index: 3, start: 300, end: 400, computedAt: 10, performance: labelled))
            #expect(try await store.latestLabeledPerformance(model: "fraud")?.index == 3)
            #expect(try await store.windowPerformance(model: "other", indices: 0...10).isEmpty)
            await #expect(throws: StoreError.self) {
                try await store.saveWindowPerformance(
                    model: "other", StoredWindowPerformance(index: 1, start: 0, end: 1, computedAt: 1, performance: empty))
            }
            try await store.close()
        }
    }
}
