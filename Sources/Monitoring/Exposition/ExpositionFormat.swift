/// The two text formats `GET /metrics` serves.
public enum ExpositionFormat: Sendable, Hashable, CaseIterable {
    /// Prometheus text format 0.0.4, the default.
    case prometheusText
    /// OpenMetrics 1.0.0, served only when the `Accept` header asks for it.
    case openMetrics

    /// The exact `Content-Type` to answer with (Prometheus 3 fails a scrape without a supported one).
    public var contentType: String {
        switch self {
        case .prometheusText: return "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// The exposition of `metrics`: families sorted by name, series sorted by their label values,
    /// so two renderings of equal sets are byte-identical (diffable, golden-testable).
    ///
    /// Differences between the formats: OpenMetrics writes `# TYPE`, `# UNIT`, `# HELP` (0.0.4:
    /// `# HELP`, `# TYPE`, no unit), names a counter family without `_total`, calls untyped
    /// `unknown`, escapes `"` in help text, writes timestamps in seconds (0.0.4: milliseconds) and
    /// ends with `# EOF`. Values, labels and bucket bounds are spelled alike (``PrometheusNumber``).
    public func render(_ metrics: MetricSet) -> String {
        var writer = ExpositionWriter(format: self)
        for family in metrics.families { writer.write(family) }
        return writer.finish()
    }
}
