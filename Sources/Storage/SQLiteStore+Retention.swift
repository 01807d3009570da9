import GRDB

extension SQLiteStore {
    /// Deletes by receipt time, so a replay of old logs is kept for the full retention period
    /// after it arrives. Each batch is its own short transaction found through the
    /// `received_at` indexes; between batches queued ingest writes get the writer. The
    /// `appliedThrough` guard is read inside each deleting statement, so a window save that
    /// commits between batches is seen by the next one.
    @discardableResult
    public func prune(olderThan cutoff: Double, batchSize: Int) async throws(StoreError) -> PruneOutcome {
        guard batchSize > 0 else { throw .invalidArgument("a prune batch must delete at least one row, got \(batchSize)") }
        let statements = [
            """
            DELETE FROM prediction WHERE seq IN (
                SELECT prediction.seq FROM prediction JOIN window_state ON window_state.model_id = prediction.model_id
                WHERE prediction.received_at < ? AND prediction.seq <= window_state.applied_through LIMIT ?)
            """,
            "DELETE FROM label WHERE seq IN (SELECT seq FROM label WHERE received_at < ? LIMIT ?)",
            """
            DELETE FROM metric_sample WHERE (series_id, timestamp) IN (
                SELECT series_id, timestamp FROM metric_sample WHERE received_at < ? LIMIT ?)
            """,
        ]
        var deletedPerTable: [Int] = []
        for (table, sql) in zip(["predictions", "labels", "metric samples"], statements) {
            var total = 0
            while true {
                let deleted = try await write("prune old \(table)") { db in
                    try db.execute(sql: sql, arguments: [cutoff, batchSize])
                    return db.changesCount
                }
                total += deleted
                if deleted < batchSize { break }
            }
            deletedPerTable.append(total)
        }
        if deletedPerTable[2] > 0 {
            try await write("remove metric series without samples") { db in
                try db.execute(
                    sql: "DELETE FROM metric_series WHERE NOT EXISTS (SELECT 1 FROM metric_sample WHERE series_id = metric_series.id)")
            }
        }
        return PruneOutcome(predictions: deletedPerTable[0], labels: deletedPerTable[1], metricSamples: deletedPerTable[2])
    }
}
