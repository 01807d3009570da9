/// The value of one series: a number for counters, gauges and untyped metrics, or a histogram.
public enum SeriesValue: Sendable, Equatable {
    case number(Double)
    case histogram(Histogram)
}
