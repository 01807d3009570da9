import DriftStatistics
import DriftwatchServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Monitoring
import Storage
import Testing

/// Labels joined to predictions after their windows closed, the label TTL, per-version
/// performance and the outlier ratio, over the HTTP API with a real SQLite file reopened by a
/// second application.
@Suite struct WindowPerformanceTests {
    /// An hour boundary: window index 490 896 of a 1 h window.
    static let start = 1_767_225_600.0
    static let firstIndex = 490_896
    static let ttl = 1800.0
    static let perHour = 60

    struct Prediction {
        var id: String
        var time: Double
        var version: String?
        var score: Double
        var amount: Double
        var label: Bool
    }

    /// Hour `hour`'s predictions: versions "1", "2" and none in turn; the label is drawn with the
    /// score as its probability; every 20th amount is far outside the baseline's.
    static func hour(_ hour: Int) -> [Prediction] {
        var random = SplitMix64(seed: UInt64(100 + hour))
        return (0..<perHour).map { index in
            let score = (random.nextOpenUnit() * 40).rounded() / 40
            let amount = index % 20 == 7 ? 400 + random.nextOpenUnit() : 100 + 15 * random.nextNormal()
            return Prediction(
                id: "h\(hour)-\(index)", time: start + Double(hour) * 3600 + Double(index) * 50,
                version: [Optional("1"), "2", nil][index % 3], score: score, amount: amount,
                label: random.nextOpenUnit() < score)
        }
    }

    static func ndjson(_ predictions: [Prediction]) -> String {
        predictions.map { p in
            let version = p.version.map { #""version":"\#($0)","# } ?? ""
            return #"{"id":"\#(p.id)","timestamp":\#(p.time),\#(version)"features":{"amount":\#(p.amount),"country":"DE","is_new":false},"prediction":\#(p.score)}"#
        }.joined(separator: "\n")
    }

    static func labels(_ items: [(id: String, label: Bool, time: Double)]) -> String {
        items.map { #"{"id":"\#($0.id)","label":\#($0.label ? 1 : 0),"timestamp":\#($0.time)}"# }.joined(separator: "\n")
    }

    /// Polls the window list until `condition` holds for window `index`, for at most 20 s.
    static func window(
        _ client: any TestClientProtocol, index: Int, until condition: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        while true {
            let listed = try await client.send(.get, "/v1/models/fraud/windows")
            let windows = try #require(try listed.json()["windows"] as? [[String: Any]], "\(listed.text)")
            if let window = windows.first(where: { $0["index"] as? Int == index }), condition(window) { return window }
            if Date() > deadline {
                Issue.record("window \(index) never satisfied the condition: \(listed.text)")
                return windows.first { $0["index"] as? Int == index } ?? [:]
            }
            await Task.yield()
        }
    }

    /// The figures of the core functions on `pairs` (score, label) of one version.
    static func expectedMetrics(_ pairs: [Prediction]) throws -> [String: Double] {
        let scores = pairs.map(\.score)
        let labels = pairs.map(\.label)
        let matrix = try ConfusionMatrix(scores: scores, labels: labels, threshold: 0.5)
        return [
            "accuracy": try matrix.accuracy(), "precision": try matrix.precision(), "recall": try matrix.recall(),
            "f1": try matrix.f1(), "roc_auc": try rocAUC(scores: scores, labels: labels),
        ]
    }

    static func checkPerformance(_ window: [String: Any], expected: [Prediction], pastTTL: Int) throws {
        let performance = try #require(window["performance"] as? [String: Any], "\(window)")
        #expect(performance["labeled_rows"] as? Int == expected.count)
        #expect(performance["labels_past_ttl"] as? Int == pastTTL)
        let versions = try #require(performance["versions"] as? [[String: Any]])
        #expect(versions.map { $0["version"] as? String } == ["", "1", "2"])
        for version in versions {
            let name = version["version"] as? String ?? "?"
            let pairs = expected.filter { ($0.version ?? "") == name }
            #expect(version["labeled_rows"] as? Int == pairs.count)
            // JSONSerialization on Linux reads 0 and 1 as booleans and is not correctly rounded:
            // the JSON is checked to 1e-15 here, the stored doubles exactly in `checkStored`.
            let metrics = try #require(version["metrics"] as? [String: Any])
            let expectedValues = try expectedMetrics(pairs)
            #expect(Set(metrics.keys) == Set(expectedValues.keys), "version \(name)")
            for (metric, value) in expectedValues {
                let json = (metrics[metric] as? NSNumber)?.doubleValue ?? .nan
                #expect(abs(json - value) <= 1e-15, "version \(name) \(metric): \(json) vs \(value)")
            }
        }
    }

    /// The stored figures equal the core functions' exactly.
    static func checkStored(_ store: any Store, index: Int, expected: [Prediction], pastTTL: Int) async throws {
        let stored = try await store.windowPerformance(model: "fraud", indices: Int64(index)...Int64(index))[Int64(index)]
        let performance = try #require(stored?.performance)
        #expect(performance.labeledRows == expected.count)
        #expect(performance.labelsPastTTL == pastTTL)
        #expect(performance.versions.map(\.version) == ["", "1", "2"])
        for version in performance.versions {
            #expect(version.metrics == (try expectedMetrics(expected.filter { ($0.version ?? "") == version.version })))
        }
    }

    @Test func labelsAfterTheWindowClosedGivePerVersionPerformanceThatSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-performance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: 0), dataPath: directory.appendingPathComponent("dw.sqlite").path,
            labelTTL: Self.ttl,
            detectors: DetectorSet(files: [
                DetectorFile(
                    path: "fraud.yaml", models: ModelSelector(patterns: ["fraud"]),
                    detectors: [
                        DetectorSpec(name: "performance", kind: .performance, minRows: 1),
                        DetectorSpec(name: "far-rows", kind: .outliers, minRows: 10),
                    ])
            ]))
        let hour0 = Self.hour(0)
        let hour1 = Self.hour(1)
        // Hour 0: labels for the first 45 predictions, 20 s after each; prediction 45's label comes
        // 1 s past the TTL. Hour 1: labels for the first 30.
        let expected0 = Array(hour0[0..<45])
        let expected1 = Array(hour1[0..<30])

        try await WindowPipelineTests.withApplication(configuration) { client, store in
            try await client.registerModel()
            var random = SplitMix64(seed: 9)
            let baseline = (0..<300).map { index in
                #"{"id":"b\#(index)","features":{"amount":\#(100 + 15 * random.nextNormal()),"country":"DE","is_new":true},"prediction":0.5}"#
            }
            let uploaded = try await client.send(
                .put, "/v1/models/fraud/baselines/ref", contentType: "application/x-ndjson", body: baseline.joined(separator: "\n"))
            #expect(uploaded.status == .ok, "\(uploaded.text)")
            // Hours 0 and 1, and one event of hour 2 that closes hour 1.
            let closing = Prediction(id: "h2-0", time: Self.start + 7200, version: "1", score: 0.5, amount: 100, label: true)
            for batch in [hour0, hour1, [closing]] {
                let response = try await client.send(
                    .post, "/v1/models/fraud/predictions", contentType: "application/x-ndjson", body: Self.ndjson(batch))
                #expect(try response.json()["accepted"] as? Int == batch.count, "\(response.text)")
            }

            // Both windows closed without labels.
            let unlabelled = try await Self.window(client, index: Self.firstIndex) { ($0["performance"] as? [String: Any]) != nil }
            #expect((unlabelled["performance"] as? [String: Any])?["labeled_rows"] as? Int == 0)

            let labels0 = expected0.map { ($0.id, $0.label, $0.time + 20) }
                + [(hour0[45].id, hour0[45].label, hour0[45].time + Self.ttl + 1), ("ghost", true, Self.start)]
            let first = try await client.send(
                .post, "/v1/models/fraud/labels", contentType: "application/x-ndjson", body: Self.labels(labels0))
            let firstBody = try first.json()
            #expect(firstBody["accepted"] as? Int == 47, "\(first.text)")
            #expect(firstBody["unmatched"] as? Int == 1)
            #expect(firstBody["past_ttl"] as? Int == 1)
            let labels1 = expected1.map { ($0.id, $0.label, $0.time + 600) }
            _ = try await client.send(.post, "/v1/models/fraud/labels", contentType: "application/x-ndjson", body: Self.labels(labels1))
            // A re-sent batch is stored once and counted once.
            let resent = try await client.send(
                .post, "/v1/models/fraud/labels", contentType: "application/x-ndjson", body: Self.labels(labels0))
            #expect(try resent.json()["accepted"] as? Int == 0)
            #expect(try resent.json()["duplicates"] as? Int == 47)

            let window0 = try await Self.window(client, index: Self.firstIndex) {
                ($0["performance"] as? [String: Any])?["labeled_rows"] as? Int == expected0.count
            }
            try Self.checkPerformance(window0, expected: expected0, pastTTL: 1)
            let window1 = try await Self.window(client, index: Self.firstIndex + 1) {
                ($0["performance"] as? [String: Any])?["labeled_rows"] as? Int == expected1.count
            }
            try Self.checkPerformance(window1, expected: expected1, pastTTL: 0)
            try await Self.checkStored(store, index: Self.firstIndex, expected: expected0, pastTTL: 1)
            try await Self.checkStored(store, index: Self.firstIndex + 1, expected: expected1, pastTTL: 0)

            // Outliers: every row has its one numeric feature; the far amounts (3 an hour) pass the threshold.
            let outliers = try #require(window0["outliers"] as? [String: Any], "\(window0)")
            #expect(outliers["scored"] as? Int == Self.perHour)
            #expect((outliers["above"] as? Int ?? 0) >= 3)
            #expect(window0["outlier_ratio"] as? Double == Double(outliers["above"] as? Int ?? -1) / Double(Self.perHour))

            let described = try await client.send(.get, "/v1/models/fraud")
            let latest = try #require(try described.json()["latest_window"] as? [String: Any], "\(described.text)")
            try Self.checkPerformance(latest, expected: expected1, pastTTL: 0)

            let drift = try await client.send(.get, "/v1/models/fraud/drift?at=\(Self.start + 10)")
            let driftWindow = try #require(try drift.json()["window"] as? [String: Any], "\(drift.text)")
            try Self.checkPerformance(driftWindow, expected: expected0, pastTTL: 1)

            // /metrics: the latest window with labels is hour 1.
            let metrics = try await client.send(.get, "/metrics").text
            let auc = try Self.expectedMetrics(expected1.filter { $0.version == "2" })["roc_auc"] ?? .nan
            let line = try #require(
                metrics.split(separator: "\n").first { $0.hasPrefix(#"driftwatch_model_performance{model="fraud",version="2",metric="roc_auc"}"#) },
                "\(metrics)")
            #expect(Double(line.split(separator: " ").last ?? "") == auc)
            #expect(metrics.contains(#"driftwatch_model_performance{model="fraud",version="",metric="accuracy"}"#))
            #expect(metrics.contains(#"driftwatch_outlier_ratio{model="fraud",detector="far-rows"}"#))
        }

        // A restart keeps the stored figures.
        try await WindowPipelineTests.withApplication(configuration) { client, store in
            let window0 = try await Self.window(client, index: Self.firstIndex) { _ in true }
            try Self.checkPerformance(window0, expected: expected0, pastTTL: 1)
            let window1 = try await Self.window(client, index: Self.firstIndex + 1) { _ in true }
            try Self.checkPerformance(window1, expected: expected1, pastTTL: 0)
            try await Self.checkStored(store, index: Self.firstIndex, expected: expected0, pastTTL: 1)
        }
    }
}
