import Monitoring

/// A representative exposition with design.md's metric names, shared by the golden and the
/// real-parser tests.
enum ExpositionSamples {
    static let driftScore = DriftwatchMetrics.featureDriftScore
    static let driftPValue = DriftwatchMetrics.featureDriftPValue
    static let driftShare = DriftwatchMetrics.datasetDriftShare
    static let windowEnd = DriftwatchMetrics.windowEndTimestamp
    static let ingested = DriftwatchMetrics.predictionsIngested
    static let rejected = DriftwatchMetrics.ingestRejected
    /// design.md's histogram with a help text that needs every escape of either format.
    static let requestDuration = MetricDescriptor(
        name: DriftwatchMetrics.httpRequestDuration.name, type: .histogram,
        help: "HTTP request latency.\nPer route and status; \"le\" in seconds, C:\\ paths escaped.", unit: "seconds")
    /// design.md has no untyped metric; this one shows how untyped (OpenMetrics: unknown) is written.
    static let pushed = MetricDescriptor(name: "driftwatch_pushed_value", type: .untyped, help: "A pushed value of unknown type.")

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
        try set.add(pushed, labels: ["series": "endpoint_latency_ms"], value: -.infinity)
        try set.add(pushed, value: 2.5e-7)
        return set
    }
}
