import GRDB

extension SQLiteStore {
    /// Deletes by receipt time, so a replay of old logs is kept for the full retention period
    /// after it arrives. Each pass is a short transaction of at most `batchSize` rows; between
    /// them, queued ingest writes get the writer.
    ///
    /// Predictions go by stored batch: the receipts older than the cutoff whose whole seq range
    /// the model's windows have applied (`last_seq <= applied_through`, read inside each pass, so
    /// a window save that commits between passes is seen by the next), oldest first; a receipt
    /// is removed with the last of its rows. The batch holding the highest seq always stays: SQLite
    /// gives a new row the highest rowid plus one, so an emptied table would hand out seqs again
    /// from 1, below the `applied_through` the windows saved, and a restart would not replay
    /// them. Labels and metric samples go by their own `received_at` indexes.
    @discardableResult
    public func prune(olderThan cutoff: Double, batchSize: Int) async throws(StoreError) -> PruneOutcome {
        guard batchSize > 0 else { throw .invalidArgument("a prune batch must delete at least one row, got \(batchSize)") }
        var predictions = 0
        while true {
            let deleted = try await write("prune old predictions") { db in
                try Self.prunePredictionPass(db, olderThan: cutoff, limit: batchSize)
            }
            predictions += deleted
            if deleted < batchSize { break }
        }
        let statements = [
            "DELETE FROM label WHERE seq IN (SELECT seq FROM label WHERE received_at < ? LIMIT ?)",
            """
            DELETE FROM metric_sample WHERE (series_id, timestamp) IN (
                SELECT series_id, timestamp FROM metric_sample WHERE received_at < ? LIMIT ?)
            """,
        ]
        var deletedPerTable: [Int] = []
        for (table, sql) in zip(["labels", "metric samples"], statements) {
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
        if deletedPerTable[1] > 0 {
            try await write("remove metric series without samples") { db in
                try db.execute(
                    sql: "DELETE FROM metric_series WHERE NOT EXISTS (SELECT 1 FROM metric_sample WHERE series_id = metric_series.id)")
            }
        }
        return PruneOutcome(predictions: predictions, labels: deletedPerTable[0], metricSamples: deletedPerTable[1])
    }

    /// Deletes up to `limit` predictions of prunable receipts, oldest receipt first; returns how many.
    private static func prunePredictionPass(_ db: Database, olderThan cutoff: Double, limit: Int) throws -> Int {
        let receipts = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT prediction_receipt.rowid, prediction_receipt.model_id, first_seq, last_seq
                    FROM prediction_receipt JOIN window_state ON window_state.model_id = prediction_receipt.model_id
                    WHERE prediction_receipt.received_at < ? AND prediction_receipt.last_seq <= window_state.applied_through
                      AND prediction_receipt.last_seq < (SELECT MAX(seq) FROM prediction)
                    ORDER BY prediction_receipt.received_at LIMIT ?
                    """),
            arguments: [cutoff, limit])
        var deleted = 0
        for receipt in receipts where deleted < limit {
            let (receiptID, modelID, first, last): (Int64, Int64, Int64, Int64) = (receipt[0], receipt[1], receipt[2], receipt[3])
            let room = limit - deleted
            try db.cachedStatement(
                sql: """
                    DELETE FROM prediction WHERE seq IN (
                        SELECT seq FROM prediction WHERE seq BETWEEN ? AND ? AND model_id = ? LIMIT ?)
                    """
            ).execute(arguments: [first, last, modelID, room])
            let removed = db.changesCount
            deleted += removed
            if removed < room {
                try db.cachedStatement(sql: "DELETE FROM prediction_receipt WHERE rowid = ?").execute(arguments: [receiptID])
            }
        }
        return deleted
    }
}
