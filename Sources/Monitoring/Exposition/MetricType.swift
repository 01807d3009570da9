/// The type of a metric family, as written on its `# TYPE` line.
///
/// Summaries are not modelled: driftwatch exposes none (latencies are histograms, which Prometheus
/// can aggregate across instances; summaries cannot be).
public enum MetricType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A monotonic total. Its name ends in `_total`; values are finite and non-negative.
    case counter
    /// A value that goes up and down. NaN and ±Inf are allowed (an undefined statistic is NaN).
    case gauge
    /// Cumulative buckets with `le` bounds, a `+Inf` bucket, `_sum` and `_count`.
    case histogram
    /// No declared type; OpenMetrics calls it `unknown`. Any value is allowed.
    case untyped

    public var description: String { rawValue }
}
