import AnomalyDetection
import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Monitoring
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Metric-anomaly detectors in a real `driftwatch serve` process: pushed samples scored exactly
/// as the detector scores them offline, the scores on `/metrics` and in a rule, the state saved at
/// shutdown and restored (even once the raw samples are gone), replayed after a crash, restarted
/// by a reload that changes the parameters, and driftwatch's window series fed once per window.
@Suite(.timeLimit(.minutes(3))) struct MetricAnomalyServiceTests {
    static let start = 1_700_000_000.0

    /// Point `i` of the latency series of `endpoint="fraud"`: every 10 s, 100…104 repeating, and
    /// a spike of 500 at i = 60.
    static func point(_ index: Int) -> (timestamp: Double, value: Double) {
        (start + 10 * Double(index), index == 60 ? 500 : 100 + Double(index % 5))
    }

    static func detectors(parameters: String) -> String {
        """
        detectors:
          - name: latency
            kind: metric-anomaly
            series: endpoint_latency_ms{endpoint="fraud"}
            detector: robust-zscore
            parameters: \(parameters)
            hold: 1h
          - name: rows
            kind: metric-anomaly
            series: driftwatch_window_rows{model="m"}
            detector: ewma
        rules:
          - alert: LatencyAnomaly
            expr: driftwatch_metric_anomalous{detector="latency"} == 1
            labels: {severity: page}
            annotations: {summary: "{{ $labels.endpoint }} latency is anomalous"}
        """
    }

    /// What a fresh detector says of `points`' last one.
    static func offline(_ spec: AnomalyDetectorSpec, _ indices: some Sequence<Int>) -> AnomalyVerdict {
        var detector = spec.makeDetector()
        var verdict = AnomalyVerdict.quiet
        for index in indices { verdict = detector.observe(point(index).value, at: point(index).timestamp) }
        return verdict
    }

    /// NDJSON samples of the points `indices`, with one of another endpoint (not watched) per point.
    static func ndjson(_ indices: some Sequence<Int>) -> String {
        indices.flatMap { index in
            let (timestamp, value) = point(index)
            return [
                #"{"name":"endpoint_latency_ms","labels":{"endpoint":"fraud"},"timestamp":\#(timestamp),"value":\#(value)}"#,
                #"{"name":"endpoint_latency_ms","labels":{"endpoint":"churn"},"timestamp":\#(timestamp),"value":\#(value * 3)}"#,
            ]
        }.joined(separator: "\n")
    }

    static func push(_ server: ServeProcess, _ indices: some Sequence<Int>) async throws {
        let response = try await server.request("POST", "/v1/metrics", type: "application/x-ndjson", body: ndjson(indices))
        #expect(response.status == 200, "\(response.body)")
    }

    /// The value of the exported series `prefix` (name and labels), or nil when absent.
    static func value(_ prefix: String, on server: ServeProcess) async throws -> Double? {
        let metrics = try await server.request("GET", "/metrics").body
        return metrics.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }.flatMap { Double($0.dropFirst(prefix.count + 1)) }
    }

    static let score = #"driftwatch_metric_anomaly_score{detector="latency",metric="endpoint_latency_ms",endpoint="fraud"}"#
    static let anomalous = #"driftwatch_metric_anomalous{detector="latency",metric="endpoint_latency_ms",endpoint="fraud"}"#

    /// Polls `/v1/alerts` until the rule's alert is firing.
    static func firing(_ server: ServeProcess) async throws -> String {
        while true {
            try Task.checkCancellation()
            let body = try await server.request("GET", "/v1/alerts").body
            if body.contains(#""rule":"LatencyAnomaly""#), body.contains(#""state":"firing""#) { return body }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func pushedSamplesAreScoredAlertedSavedRestoredReplayedAndRetuned() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ops.yaml")
        try Data(Self.detectors(parameters: "{window: 50, minimum_points: 20}").utf8).write(to: file)
        let spec = try AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 50, "minimum_points": 20])
        let arguments = ["--detectors", directory.path, "--rule-interval", "1h"]
        let data = scratch.url.appendingPathComponent("var/driftwatch.sqlite").path

        var server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        try await Self.push(server, 0..<60)
        #expect(try await Self.value(Self.score, on: server) == Self.offline(spec, 0..<60).score)
        #expect(try await Self.value(Self.anomalous, on: server) == 0)
        let metrics = try await server.request("GET", "/metrics").body
        #expect(!metrics.contains(#"endpoint="churn""#), "only the selected series is watched")

        // The spike, pushed in the Prometheus text format (milliseconds), fires the rule.
        let spike = Self.point(60)
        let text = "endpoint_latency_ms{endpoint=\"fraud\"} \(spike.value) \(Int(spike.timestamp * 1000))\n"
        #expect(try await server.request("POST", "/v1/metrics", type: "text/plain; version=0.0.4", body: text).status == 200)
        let spiked = Self.offline(spec, 0...60)
        #expect(spiked.isAnomalous)
        #expect(try await Self.value(Self.score, on: server) == spiked.score)
        #expect(try await Self.value(Self.anomalous, on: server) == 1)
        let alerts = try await Self.firing(server)
        #expect(alerts.contains("fraud latency is anomalous"), "\(alerts)")

        // Driftwatch's window series: one point per closed window.
        try await ClosedRowWindow.create(on: server)
        for batch in 1...3 {
            let events = (0..<5).map { #"{"id":"q\#(batch)-\#($0)","features":{"x":\#($0)},"prediction":0.5}"# }.joined(separator: "\n")
            #expect(try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: events).status == 200)
        }
        let rows = #"driftwatch_metric_anomaly_score{detector="rows",metric="driftwatch_window_rows",model="m"}"#
        #expect(try await Self.value(rows, on: server) == 0)
        #expect(server.stop() == 0)

        // A graceful stop saved the state; without the raw samples it is all a restart has.
        let store = try SQLiteStore(path: data)
        let saved = try await store.watchedSeries()
        #expect(saved.map(\.key.detector) == ["latency", "rows"], "\(saved.map(\.key))")
        #expect(saved.first?.series.points == 61 && saved.first?.series.lastTimestamp == spike.timestamp)
        let window = try #require(try await store.latestClosedWindow(model: "m"))
        #expect(saved.last?.series.points == 4 && saved.last?.series.lastTimestamp == window.end)
        #expect(try await store.prune(olderThan: Date().timeIntervalSince1970 + 3600).metricSamples == 121)
        try await store.close()

        server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        #expect(try await Self.value(Self.score, on: server) == spiked.score)
        #expect(try await Self.value(Self.anomalous, on: server) == 1)
        try await Self.push(server, [61])
        #expect(try await Self.value(Self.score, on: server) == Self.offline(spec, 0...61).score)

        // A crash loses nothing: the samples stored after the saved state are replayed.
        try await Self.push(server, 62..<70)
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        server = try await ServeProcess.start(in: scratch.url, arguments: arguments)
        #expect(try await Self.value(Self.score, on: server) == Self.offline(spec, 0..<70).score)

        // New parameters on reload: the series starts over from the samples still stored (61…69).
        try Data(Self.detectors(parameters: "{window: 30, minimum_points: 5, threshold: 2}").utf8).write(to: file)
        #expect(try await server.request("POST", "/-/reload").status == 200)
        let retuned = try AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 30, "minimum_points": 5, "threshold": 2])
        let expected = Self.offline(retuned, 61..<70).score
        #expect(expected > 0 && expected != Self.offline(spec, 0..<70).score)
        #expect(try await Self.value(Self.score, on: server) == expected)
        #expect(try await Self.value(Self.anomalous, on: server) == 0)
        #expect(server.stop() == 0)
    }
    /// A model's drift series watched like a pushed metric: ten quiet windows closed by one batch
    /// are ten points, and the window whose feature shifted is anomalous and fires the rule.
    @Test func aDriftScoreSeriesIsWatchedOnePointPerWindow() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url.appendingPathComponent("detectors")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(
            """
            model: m
            window: {rows: 100}
            detectors:
              - name: feature-drift
                kind: univariate
                method: ks
                min_rows: 50
              - name: ks-jump
                kind: metric-anomaly
                series: driftwatch_feature_drift_score{model="m", method="ks"}
                detector: robust-zscore
                parameters: {window: 50, minimum_points: 10}
            rules:
              - alert: DriftJump
                expr: driftwatch_metric_anomalous{detector="ks-jump"} == 1
                labels: {severity: info}
                annotations: {summary: "{{ $labels.model }}/{{ $labels.feature }}: the KS statistic jumped"}
            """.utf8
        ).write(to: directory.appendingPathComponent("m.yaml"))
        let server = try await ServeProcess.start(in: scratch.url, arguments: ["--detectors", directory.path, "--rule-interval", "1h"])
        let schema = #"{"features":[{"name":"x","type":"numeric"}],"prediction":{"type":"score"},"window":{"rows":100}}"#
        #expect(try await server.request("PUT", "/v1/models/m", type: "application/json", body: schema).status == 201)
        var random = SplitMix64(seed: 11)
        func events(_ prefix: String, _ count: Int, shift: Double) -> String {
            (0..<count).map { #"{"id":"\#(prefix)\#($0)","features":{"x":\#(shift + random.nextNormal())},"prediction":0.5}"# }
                .joined(separator: "\n")
        }
        #expect(try await server.request("PUT", "/v1/models/m/baselines/reference", type: "application/x-ndjson", body: events("r", 500, shift: 0)).status == 200)
        #expect(try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: events("q", 1000, shift: 0)).status == 200)
        let series = #"{detector="ks-jump",metric="driftwatch_feature_drift_score",exported_detector="feature-drift",feature="x",method="ks",model="m"}"#
        #expect(try await Self.value("driftwatch_metric_anomalous" + series, on: server) == 0)
        let quiet = try #require(try await Self.value("driftwatch_metric_anomaly_score" + series, on: server))
        #expect(quiet < 0.5)

        #expect(try await server.request("POST", "/v1/models/m/predictions", type: "application/x-ndjson", body: events("d", 100, shift: 2)).status == 200)
        #expect(try await Self.value("driftwatch_metric_anomalous" + series, on: server) == 1)
        while true {
            try Task.checkCancellation()
            let body = try await server.request("GET", "/v1/alerts").body
            if body.contains("m/x: the KS statistic jumped"), body.contains(#""state":"firing""#) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(server.stop() == 0)
        let store = try SQLiteStore(path: scratch.url.appendingPathComponent("var/driftwatch.sqlite").path)
        let saved = try await store.watchedSeries()
        #expect(saved.count == 1 && saved.first?.series.points == 11 && saved.first?.series.lastAnomalyTimestamp == saved.first?.series.lastTimestamp)
        try await store.close()
    }
}
