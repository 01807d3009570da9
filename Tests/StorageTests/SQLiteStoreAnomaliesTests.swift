import AnomalyDetection
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreAnomaliesTests {
    static func entry(_ detector: String, _ labels: [String: String], spec: AnomalyDetectorSpec, points: Int) -> StoredWatchedSeries {
        var series = WatchedSeries(detector: spec.makeDetector())
        _ = series.observe((0..<points).map { (Double($0), Double($0 % 7)) })
        return StoredWatchedSeries(key: WatchedSeriesKey(detector: detector, series: SeriesLabels(name: "latency_ms", labels: labels)), detector: spec, series: series)
    }

    @Test func savesReplacesReadsBackAndDeletesByDetector() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.path()
            let store = try SQLiteStore(path: path)
            let ensemble = AnomalyDetectorSpec.defaults(.conformalEnsemble)
            let zscore = try AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 50])
            var fraud = Self.entry("latency", ["endpoint": "fraud", "zone": "b"], spec: ensemble, points: 300)
            // JSON has no literal for infinities; the store writes them as strings.
            fraud.series.lastAnomalyTimestamp = -.infinity
            let churn = Self.entry("latency", ["endpoint": "churn"], spec: ensemble, points: 10)
            let other = Self.entry("errors", [:], spec: zscore, points: 60)
            try await store.saveWatchedSeries([fraud, churn, other], at: 1)
            #expect(try await store.watchedSeries() == [fraud, churn, other].sorted { $0.key < $1.key })

            let later = Self.entry("latency", ["zone": "b", "endpoint": "fraud"], spec: ensemble, points: 400)
            try await store.saveWatchedSeries([later], at: 2)
            try await store.close()

            let reopened = try SQLiteStore(path: path)
            let saved = try await reopened.watchedSeries()
            #expect(saved.count == 3 && saved.first { $0.key == later.key } == later)
            try await reopened.deleteWatchedSeries(detectors: ["latency", "unknown"])
            #expect(try await reopened.watchedSeries() == [other])
            try await reopened.close()
        }
    }
}
