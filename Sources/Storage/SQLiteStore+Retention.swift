import GRDB

extension SQLiteStore {
    /// Deletes by receipt time, so a replay of old logs is kept for the full retention period
    /// after it arrives. Each batch is its own short transaction found through the
    /// `received_at` indexes; between batches queued ingest writes get the writer.
    @discardableResult
    public func prune(olderThan cutoff: Double, batchSize: Int) async throws(StoreError) -> PruneOutcome {
        guard batchSize > 0 else { throw .invalidArgument("a prune batch must delete at least one row, got \(batchSize)") }
        var outcome = PruneOutcome(predictions: 0, labels: 0)
        for table in ["prediction", "label"] {
            while true {
                let deleted = try await write("prune old \(table)s") { db in
                    try db.execute(
                        sql: table == "prediction"
                            ? "DELETE FROM prediction WHERE seq IN (SELECT seq FROM prediction WHERE received_at < ? LIMIT ?)"
                            : "DELETE FROM label WHERE seq IN (SELECT seq FROM label WHERE received_at < ? LIMIT ?)",
                        arguments: [cutoff, batchSize])
                    return db.changesCount
                }
                if table == "prediction" { outcome.predictions += deleted } else { outcome.labels += deleted }
                if deleted < batchSize { break }
            }
        }
        return outcome
    }
}
