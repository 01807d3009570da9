/// One series a metric-anomaly detector watches: the detector's name and the series' labels, its
/// metric name (`__name__`) among them.
public struct WatchedSeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var detector: String
    public var series: SeriesLabels

    public init(detector: String, series: SeriesLabels) {
        self.detector = detector
        self.series = series
    }

    /// The labels of the series' `driftwatch_metric_anomaly_score` and `driftwatch_metric_anomalous`:
    /// `detector`, `metric` (the watched metric's name), then the watched series' labels in name
    /// order. A watched label called `detector` or `metric` is exported as `exported_detector` or
    /// `exported_metric`, as Prometheus renames a scraped label that collides with a target label,
    /// prefixing again while the name is still taken.
    public var exportedLabels: LabelSet {
        var labels: LabelSet = ["detector": detector, "metric": series.name ?? ""]
        let own = series.withoutName
        for label in own.labels {
            var name = label.name
            if name == "detector" || name == "metric" {
                name = "exported_" + name
                while own[name] != nil { name = "exported_" + name }
            }
            labels.append(name, label.value)
        }
        return labels
    }

    public static func < (lhs: WatchedSeriesKey, rhs: WatchedSeriesKey) -> Bool {
        if lhs.detector != rhs.detector { return lhs.detector.utf8.lexicographicallyPrecedes(rhs.detector.utf8) }
        return lhs.series < rhs.series
    }

    public var description: String { "\(detector) \(series)" }
}
