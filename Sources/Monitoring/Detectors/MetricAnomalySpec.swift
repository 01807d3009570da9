import AnomalyDetection

/// A `kind: metric-anomaly` entry of a detector file: the series it watches, the streaming
/// detector each of them gets, and how long an anomalous point keeps its series' verdict at 1.
///
/// ```yaml
/// - name: latency-anomaly
///   kind: metric-anomaly
///   series: endpoint_latency_ms{endpoint=~"fraud|churn"}
///   detector: conformal-ensemble
///   parameters: {history: 4000}
///   hold: 5m
///   max_series: 1000
/// ```
///
/// The selector names one metric and may match its labels with `=`, `!=`, `=~` and `!~`. Every
/// series it matches is watched apart, with its own detector state. A metric pushed to
/// `POST /v1/metrics` is scored per sample; a driftwatch window series
/// (``DriftwatchMetrics/windowFamilies``, such as `driftwatch_dataset_drift_share`) is scored
/// once per closed window, at the window's end.
public struct MetricAnomalySpec: Sendable, Equatable {
    /// Unique across the detector files: the `detector` label of the scores, and the key of the
    /// saved detector state.
    public var name: String
    /// Names exactly one metric (``metricName``).
    public var selector: SeriesSelector
    /// The selector as written, for listings.
    public var selectorText: String
    public var detector: AnomalyDetectorSpec
    /// Seconds of event time a series stays anomalous after an anomalous point: a detector flags
    /// single points, and a rule evaluated every few seconds would otherwise miss most of them.
    public var hold: Double
    /// At most this many series are watched; a further series the selector matches is not
    /// (a label with per-request values would otherwise make a detector per request).
    public var maxSeries: Int
    public var place: SourcePlace?

    /// The default ``hold``: Prometheus' staleness delta, so a flagged point stays visible as
    /// long as a scraped sample would.
    public static let defaultHold: Double = 300
    /// The default ``maxSeries``: about 80 MB of the default detector's state.
    public static let defaultMaxSeries = 1000

    public init(
        name: String, selector: SeriesSelector, selectorText: String, detector: AnomalyDetectorSpec,
        hold: Double = defaultHold, maxSeries: Int = defaultMaxSeries, place: SourcePlace? = nil
    ) {
        precondition(selector.metricName != nil, "a metric-anomaly selector names its metric")
        self.name = name
        self.selector = selector
        self.selectorText = selectorText
        self.detector = detector
        self.hold = hold
        self.maxSeries = maxSeries
        self.place = place
    }

    /// The metric the selector names.
    public var metricName: String { selector.metricName ?? "" }

    /// Whether the watched metric is one of driftwatch's window series, fed at each window's close
    /// rather than by `POST /v1/metrics`.
    public var watchesWindows: Bool {
        DriftwatchMetrics.windowFamilies.contains { $0.name == metricName }
    }
}
