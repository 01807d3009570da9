/// What identifies a metric family: its name, type, help text and optional unit.
///
/// Every sample added to a ``MetricSet`` under one name must carry an equal descriptor, so code that
/// emits a gauge per feature keeps one descriptor constant and cannot drift into a second help text
/// or type (swift-prometheus 2.4 crashes the process in that case; ``MetricSet`` throws instead).
///
/// The name is the one a PromQL user queries, identical under both exposition formats:
/// - counters end in `_total` (`driftwatch_predictions_ingested_total`); OpenMetrics names the
///   family without the suffix and its sample with it, so the scraped series is the same;
/// - a histogram's name is its stem (`driftwatch_http_request_duration_seconds`), to which the
///   writers add `_bucket`, `_sum` and `_count`.
///
/// The descriptor is checked when its family is created (``MetricFamily/init(_:)``), so it can be a
/// `static let` without `try`.
public struct MetricDescriptor: Sendable, Hashable {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public var name: String
    public var type: MetricType
    /// Free UTF-8 text; an empty help writes no `# HELP` line.
    public var help: String
    /// A unit such as `seconds`, written on OpenMetrics' `# UNIT` line (0.0.4 has none). The family
    /// name must end in `_<unit>` (for a counter: the name without `_total`). Nil means no unit.
    public var unit: String?

    public init(name: String, type: MetricType, help: String, unit: String? = nil) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
    }

    /// The family name OpenMetrics writes on `# TYPE`: a counter's name without `_total`.
    public var openMetricsFamilyName: String {
        type == .counter && name.hasSuffix("_total") ? String(name.dropLast(6)) : name
    }

    /// Sample names the family writes or that OpenMetrics reserves for it; two families of one
    /// exposition may not share any (a gauge `x_count` beside a histogram `x` is ambiguous).
    var claimedNames: [String] {
        switch type {
        case .counter:
            let stem = openMetricsFamilyName
            return [name, stem, stem + "_created"]
        case .histogram:
            return [name, name + "_bucket", name + "_sum", name + "_count", name + "_created"]
        case .gauge, .untyped:
            return [name]
        }
    }
}
