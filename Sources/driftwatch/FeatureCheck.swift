import DriftStatistics
import Monitoring

/// Missing-value bookkeeping of one feature in one file.
struct MissingCounts: Sendable, Equatable {
    /// Rows of the file (accepted ones).
    var rows: Int
    /// Rows where the feature was empty, `NA`, `NaN`, `null` (CSV) or null/absent (NDJSON).
    var missing: Int

    var present: Int { rows - missing }
    var ratio: Double { rows == 0 ? 0 : Double(missing) / Double(rows) }
}

/// Reference and current bar heights over the reference-frozen bins, for the HTML page.
struct Histogram: Sendable, Equatable {
    var labels: [String]
    var reference: [Int]
    var current: [Int]
}

/// The outcome for one feature: a verdict, or why it could not be tested.
struct FeatureCheck: Sendable {
    var name: String
    /// `numeric`, `categorical` or `boolean` (booleans are compared as the categories true/false);
    /// for a kind mismatch, the reference's kind.
    var type: String
    var reference: MissingCounts
    var current: MissingCounts
    var verdict: UnivariateDriftResult?
    /// Why there is no verdict.
    var untestedReason: String?
    var histogram: Histogram?

    var drifted: Bool { verdict?.drifted ?? false }
}
