import GRDB
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreMetricsTests {
    @Test func storesReadsAndReplacesByLabelSetAndTimestamp() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let fraud = ["endpoint": "fraud", "region": "eu"]
            let written = try await store.insertMetricSamples(
                [
                    MetricSample(name: "latency_ms", labels: fraud, timestamp: 100, value: 12.5),
                    MetricSample(name: "latency_ms", labels: ["region": "eu", "endpoint": "fraud"], timestamp: 160, value: 13),
                    MetricSample(name: "latency_ms", labels: ["endpoint": "churn"], timestamp: 100, value: 7),
                    MetricSample(name: "latency_ms", labels: fraud, value: .nan),
                    MetricSample(name: "up", timestamp: 100, value: .infinity),
                    MetricSample(name: "up", timestamp: 101, value: -.infinity),
                ], receivedAt: 130)
            #expect(written == 6)
            #expect(
                try await store.metricSamples(name: "latency_ms", labels: fraud, timestamps: 0..<1000) == [
                    MetricPoint(timestamp: 100, value: 12.5), MetricPoint(timestamp: 130, value: .nan),
                    MetricPoint(timestamp: 160, value: 13),
                ])
            #expect(try await store.metricSamples(name: "latency_ms", labels: fraud, timestamps: 100..<160).count == 2)
            #expect(try await store.metricSamples(name: "latency_ms", labels: [:], timestamps: 0..<1000).isEmpty)
            #expect(
                try await store.metricSamples(name: "up", labels: [:], timestamps: 0..<1000) == [
                    MetricPoint(timestamp: 100, value: .infinity), MetricPoint(timestamp: 101, value: -.infinity),
                ])

            // A re-push of (series, timestamp) replaces; within a batch the last one wins.
            try await store.insertMetricSamples(
                [
                    MetricSample(name: "latency_ms", labels: fraud, timestamp: 100, value: 99),
                    MetricSample(name: "latency_ms", labels: fraud, timestamp: 100, value: 42),
                ], receivedAt: 200)
            #expect(try await store.metricSamples(name: "latency_ms", labels: fraud, timestamps: 100..<101) == [MetricPoint(timestamp: 100, value: 42)])
            let rows = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metric_sample") }
            #expect(rows == 6)

            #expect(
                try await store.metricSeries() == [
                    MetricSeriesSummary(name: "latency_ms", labels: ["endpoint": "churn"], sampleCount: 1, firstTimestamp: 100, lastTimestamp: 100),
                    MetricSeriesSummary(name: "latency_ms", labels: fraud, sampleCount: 3, firstTimestamp: 100, lastTimestamp: 160),
                    MetricSeriesSummary(name: "up", labels: [:], sampleCount: 2, firstTimestamp: 100, lastTimestamp: 101),
                ])
        }
    }

    @Test func pruneRemovesOldSamplesByReceiptAndTheirEmptySeries() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let old = (0..<250).map { MetricSample(name: "old_metric", labels: ["i": "\($0 % 3)"], timestamp: Double($0), value: 1) }
            try await store.insertMetricSamples(old, receivedAt: 1000)
            try await store.insertMetricSamples([MetricSample(name: "kept", timestamp: 5, value: 2)], receivedAt: 3000)
            // A sample re-pushed after the cutoff counts from its new receipt time.
            try await store.insertMetricSamples([MetricSample(name: "old_metric", labels: ["i": "0"], timestamp: 0, value: 3)], receivedAt: 3000)

            let outcome = try await store.prune(olderThan: 2000, batchSize: 100)
            #expect(outcome == PruneOutcome(predictions: 0, labels: 0, metricSamples: 249))
            let series = try await store.metricSeries()
            #expect(series.map(\.name) == ["kept", "old_metric"])
            #expect(series.last?.labels == ["i": "0"])
            let seriesRows = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metric_series") }
            #expect(seriesRows == 2)
            #expect(try await store.metricSamples(name: "old_metric", labels: ["i": "0"], timestamps: 0..<1000) == [MetricPoint(timestamp: 0, value: 3)])
        }
    }
}
