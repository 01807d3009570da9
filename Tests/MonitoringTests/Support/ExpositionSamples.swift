import Monitoring

/// A representative exposition with design.md's metric names, shared by the golden and the
/// real-parser tests.
enum ExpositionSamples {
    static let driftScore = MetricDescriptor(
        name: "driftwatch_feature_drift_score", type: .gauge, help: "Distance or test statistic of a feature's drift.")
    static let driftPValue = MetricDescriptor(
        name: "driftwatch_feature_drift_p_value", type: .gauge, help: "P-value of a feature's drift test.")
    static let driftShare = MetricDescriptor(
        name: "driftwatch_dataset_drift_share", type: .gauge, help: "Share of features drifted.")
    static let windowEnd = MetricDescriptor(
        name: "driftwatch_window_end_timestamp_seconds", type: .gauge, help: "End of the most recently closed window.",
        unit: "seconds")
    static let ingested = MetricDescriptor(
        name: "driftwatch_predictions_ingested_total", type: .counter, help: "Prediction events accepted.")
    static let rejected = MetricDescriptor(
        name: "driftwatch_ingest_rejected_total", type: .counter, help: "Events rejected at ingest, by reason.")
    static let requestDuration = MetricDescriptor(
        name: "driftwatch_http_request_duration_seconds", type: .histogram,
        help: "HTTP request latency.\nPer route and status; \"le\" in seconds, C:\\ paths escaped.", unit: "seconds")
    static let anomaly = MetricDescriptor(
        name: "driftwatch_metric_anomaly_score", type: .untyped, help: "Anomaly score of a pushed series.")

    /// Label values that need every escape, plus Unicode (a line separator, an emoji), a tab, a carriage return and NUL.
    static let nastyFeature = "pa\"th\\to\nnew\u{2028}é😀\t\r\0end"

    static func representative() throws -> MetricSet {
        var set = MetricSet()
        // Added out of order on purpose: the writers sort.
        for (feature, method, score, p) in [
            ("country", "chi2", 12.5, 0.0021), ("amount", "ks", 0.213, 1.5e-12), ("age", "ks", Double.nan, Double.nan),
            (nastyFeature, "psi", 0.1, .nan),
        ] {
            let labels: LabelSet = ["model": "fraud", "detector": "feature-drift", "feature": feature, "method": method]
            try set.add(driftScore, labels: labels, value: score)
            if method != "psi" { try set.add(driftPValue, labels: labels, value: p) }
        }
        try set.add(driftShare, labels: ["model": "fraud", "detector": "feature-drift"], value: 0.5)
        try set.add(windowEnd, labels: ["model": "fraud"], value: 1_795_255_200, timestampMilliseconds: 1_795_255_200_123)
        try set.add(ingested, labels: ["model": "fraud"], value: 1_234_567)
        try set.add(ingested, labels: ["model": "churn"], value: 0)
        try set.add(rejected, labels: ["model": "fraud", "reason": "schema"], value: 17)
        try set.add(
            requestDuration, labels: ["route": "/v1/models/{model}/predictions", "status": "200"],
            histogram: Histogram(cumulative: [(0.005, 24), (0.05, 100), (1, 143), (.infinity, 144)], sum: 3.5, count: 144))
        try set.add(
            requestDuration, labels: ["route": "/metrics", "status": "200"],
            histogram: Histogram(cumulative: [(0.005, 2), (0.05, 2), (1, 2), (.infinity, 2)], sum: 0.003, count: 2))
        try set.add(anomaly, labels: ["series": "endpoint_latency_ms"], value: -.infinity)
        try set.add(anomaly, value: 2.5e-7)
        return set
    }
}
