/// Missing-value bookkeeping of one feature in one file.
struct MissingCounts: Sendable, Equatable {
    /// Rows of the file (accepted ones).
    var rows: Int
    /// Rows where the feature was empty, `NA`, `NaN`, `null` (CSV) or null/absent (NDJSON).
    var missing: Int

    var present: Int { rows - missing }
    var ratio: Double { rows == 0 ? 0 : Double(missing) / Double(rows) }
}
