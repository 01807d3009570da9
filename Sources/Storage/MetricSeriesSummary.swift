/// One stored metric series (a name and its label set) with the extent of its stored samples.
public struct MetricSeriesSummary: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    /// Stored samples (each (series, timestamp) at most once).
    public var sampleCount: Int
    /// The earliest and latest sample timestamps, seconds since the Unix epoch.
    public var firstTimestamp: Double
    public var lastTimestamp: Double

    public init(name: String, labels: [String: String], sampleCount: Int, firstTimestamp: Double, lastTimestamp: Double) {
        self.name = name
        self.labels = labels
        self.sampleCount = sampleCount
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
    }
}
