import AnomalyDetection
import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    /// The states are encoded before the transaction, so a state that does not encode fails the
    /// save without touching the file.
    public func saveWatchedSeries(_ entries: [StoredWatchedSeries], at time: Double) async throws(StoreError) {
        if entries.isEmpty { return }
        var rows: [(detector: String, name: String, labels: String, spec: Data, state: Data)] = []
        rows.reserveCapacity(entries.count)
        for entry in entries {
            rows.append((
                entry.key.detector, entry.key.series.name ?? "", try Self.canonicalLabels(entry.key.series.withoutName.dictionary),
                try StoreJSON.encode(entry.detector, "detector of watched series \(entry.key)"),
                try StoreJSON.encode(entry.series, "state of watched series \(entry.key)")
            ))
        }
        let encoded = rows
        try await write("save \(entries.count) watched metric series") { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO metric_anomaly_state (detector, series_name, labels_json, spec_json, state_json, saved_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (detector, series_name, labels_json) DO UPDATE SET
                        spec_json = excluded.spec_json, state_json = excluded.state_json, saved_at = excluded.saved_at
                    """)
            for row in encoded {
                try statement.execute(arguments: [row.detector, row.name, row.labels, row.spec, row.state, time])
            }
        }
    }

    public func watchedSeries() async throws(StoreError) -> [StoredWatchedSeries] {
        let rows = try await read("read watched metric series") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT detector, series_name, labels_json, spec_json, state_json FROM metric_anomaly_state
                    ORDER BY detector, series_name, labels_json
                    """
            ).map { row -> (String, String, String, Data, Data) in (row[0], row[1], row[2], row[3], row[4]) }
        }
        var saved: [StoredWatchedSeries] = []
        saved.reserveCapacity(rows.count)
        for (detector, name, labelsJSON, spec, state) in rows {
            let what = "watched series \(name)\(labelsJSON) of metric-anomaly detector '\(detector)'"
            let key = WatchedSeriesKey(detector: detector, series: SeriesLabels(name: name, labels: try Self.decodeLabels(labelsJSON, series: name)))
            saved.append(StoredWatchedSeries(
                key: key, detector: try StoreJSON.decode(AnomalyDetectorSpec.self, from: spec, "detector of \(what)"),
                series: try StoreJSON.decode(WatchedSeries.self, from: state, "state of \(what)")))
        }
        return saved.sorted { $0.key < $1.key }
    }

    public func deleteWatchedSeries(detectors: Set<String>) async throws(StoreError) {
        if detectors.isEmpty { return }
        let names = Array(detectors)
        try await write("delete the saved series of \(names.count) metric-anomaly detectors") { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM metric_anomaly_state WHERE detector = ?")
            for name in names { try statement.execute(arguments: [name]) }
        }
    }
}
