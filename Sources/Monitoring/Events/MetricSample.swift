/// One operational sample of `POST /v1/metrics`:
/// `{"name":"endpoint_latency_ms","labels":{"endpoint":"fraud"},"timestamp":...,"value":12.3}`,
/// or one sample line of a Prometheus text-format push (``PrometheusTextDecoder``).
public struct MetricSample: Sendable, Equatable {
    /// A Prometheus metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public var name: String
    /// Label names match `[a-zA-Z_][a-zA-Z0-9_]*` and do not start with `__` (reserved by
    /// Prometheus); values are any strings. Absent means no labels.
    public var labels: [String: String]
    /// Seconds since the epoch; nil means the time of receipt.
    public var timestamp: Double?
    /// A finite number from JSON; a text-format push may also carry NaN and ±Inf, as Prometheus
    /// does (a staleness marker, an unbounded histogram bucket bound).
    public var value: Double

    public init(name: String, labels: [String: String] = [:], timestamp: Double? = nil, value: Double) {
        self.name = name
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
    }
}
