/// One series of a family: its labels, its value and an optional timestamp.
public struct MetricSeries: Sendable, Equatable {
    public var labels: LabelSet
    public var value: SeriesValue
    /// Milliseconds since the Unix epoch; 0.0.4 writes them as an integer, OpenMetrics as exact
    /// decimal seconds. Nil (the usual case) lets the scraper stamp the time of the scrape.
    public var timestampMilliseconds: Int64?

    public init(labels: LabelSet = [:], value: SeriesValue, timestampMilliseconds: Int64? = nil) {
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
    }
}
