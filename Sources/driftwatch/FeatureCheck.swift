import DriftStatistics

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
