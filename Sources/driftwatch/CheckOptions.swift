import DriftStatistics

/// What `driftwatch check` compares by, after parsing and validating the command line.
struct CheckOptions: Sendable {
    /// A named univariate method, or nil for Evidently's `auto` rule.
    var method: DriftMethod?
    /// Replaces the method's default threshold value; the side that means drift stays the
    /// method's (p-value below it for tests, statistic at or above it for distances).
    var threshold: Double?
    /// Dataset drift when the share of drifted features is at least this (Evidently's rule).
    var driftShare: Double
    /// Quantile bins for the binned divergences and the HTML histograms.
    var bins: Int
}
