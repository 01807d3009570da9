/// One stored sample of a metric series.
public struct MetricPoint: Sendable, Equatable {
    /// Seconds since the Unix epoch: the sample's own timestamp, or its receipt time when it came
    /// without one.
    public var timestamp: Double
    /// The sample's value; NaN and ±Inf only come from a Prometheus text-format push.
    public var value: Double

    public init(timestamp: Double, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }

    /// Equal bit for bit on NaN, so a stored NaN reads back equal to the NaN pushed.
    public static func == (lhs: MetricPoint, rhs: MetricPoint) -> Bool {
        lhs.timestamp == rhs.timestamp && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
