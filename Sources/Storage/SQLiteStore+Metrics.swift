import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// One transaction per batch. A series row is found (or created) once per distinct label set
    /// in the batch; `ON CONFLICT DO UPDATE` on (series, timestamp) makes a re-push replace.
    @discardableResult
    public func insertMetricSamples(_ samples: [MetricSample], receivedAt: Double) async throws(StoreError) -> Int {
        if samples.isEmpty { return 0 }
        var keys: [String] = []
        keys.reserveCapacity(samples.count)
        for sample in samples { keys.append(try Self.canonicalLabels(sample.labels)) }
        let labelKeys = keys
        return try await write("store \(samples.count) metric samples") { db in
            let insertSeries = try db.cachedStatement(
                sql: "INSERT INTO metric_series (name, labels_json) VALUES (?, ?) ON CONFLICT (name, labels_json) DO NOTHING")
            let findSeries = try db.cachedStatement(sql: "SELECT id FROM metric_series WHERE name = ? AND labels_json = ?")
            let insertSample = try db.cachedStatement(
                sql: """
                    INSERT INTO metric_sample (series_id, timestamp, value, received_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (series_id, timestamp) DO UPDATE SET
                        value = excluded.value, received_at = excluded.received_at
                    """)
            var seriesIDs: [SeriesKey: Int64] = [:]
            for (sample, labels) in zip(samples, labelKeys) {
                let key = SeriesKey(name: sample.name, labels: labels)
                let seriesID: Int64
                if let known = seriesIDs[key] {
                    seriesID = known
                } else {
                    try insertSeries.execute(arguments: [sample.name, labels])
                    guard let found = try Int64.fetchOne(findSeries, arguments: [sample.name, labels]) else {
                        throw StoreError.failed(operation: "record metric series '\(sample.name)'", reason: "row vanished after the write")
                    }
                    seriesIDs[key] = found
                    seriesID = found
                }
                // SQLite would turn a bound NaN into NULL anyway; binding NULL says so.
                let value: Double? = sample.value.isNaN ? nil : sample.value
                try insertSample.execute(arguments: [seriesID, sample.timestamp ?? receivedAt, value, receivedAt])
            }
            return samples.count
        }
    }

    public func metricSeries() async throws(StoreError) -> [MetricSeriesSummary] {
        try await read("list metric series") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT metric_series.name, metric_series.labels_json, COUNT(*), MIN(metric_sample.timestamp),
                           MAX(metric_sample.timestamp)
                    FROM metric_series JOIN metric_sample ON metric_sample.series_id = metric_series.id
                    GROUP BY metric_series.id ORDER BY metric_series.name, metric_series.labels_json
                    """
            ).map { row in
                let name: String = row[0]
                return MetricSeriesSummary(
                    name: name, labels: try Self.decodeLabels(row[1], series: name), sampleCount: row[2],
                    firstTimestamp: row[3], lastTimestamp: row[4])
            }
        }
    }

    public func metricSamples(name: String, labels: [String: String], timestamps: Range<Double>) async throws(StoreError)
        -> [MetricPoint]
    {
        let canonical = try Self.canonicalLabels(labels)
        return try await read("read samples of metric series '\(name)'") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT metric_sample.timestamp, metric_sample.value FROM metric_sample
                        WHERE metric_sample.series_id = (SELECT id FROM metric_series WHERE name = ? AND labels_json = ?)
                          AND metric_sample.timestamp >= ? AND metric_sample.timestamp < ?
                        ORDER BY metric_sample.timestamp
                        """),
                arguments: [name, canonical, timestamps.lowerBound, timestamps.upperBound]
            ).map { row in
                let value: Double? = row[1]
                return MetricPoint(timestamp: row[0], value: value ?? .nan)
            }
        }
    }

    /// The label set as JSON with keys sorted and nothing optional escaped: one spelling per set.
    static func canonicalLabels(_ labels: [String: String]) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(labels), as: UTF8.self)
        } catch {
            throw .invalidArgument("metric labels do not encode: \(error)")
        }
    }

    /// The label set of metric series `name` from its canonical JSON.
    static func decodeLabels(_ json: String, series name: String) throws(StoreError) -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw .corrupt("labels of metric series '\(name)': \(error)")
        }
    }
}

/// A series within one insert batch: its name and canonical label JSON.
private struct SeriesKey: Hashable {
    var name: String
    var labels: String
}
