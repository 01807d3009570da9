/// The series a rule expression is evaluated over, at one instant: each with its labels (the
/// metric name as `__name__`) and current value, indexed by metric name.
public struct SeriesSnapshot: Sendable {
    private var byName: [String: [RuleSample]] = [:]

    public init(_ samples: [RuleSample] = []) {
        for sample in samples { add(sample) }
    }

    /// The samples of an exposition under the names a scraper would store: counters and gauges
    /// under their own names, and a histogram `h` as `h_bucket` (with `le`), `h_sum` and `h_count`.
    /// So a rule sees exactly what Prometheus and Grafana see from `/metrics`.
    public init(_ metrics: MetricSet) {
        for family in metrics.families {
            for series in family.series {
                switch series.value {
                case .number(let value):
                    add(RuleSample(labels: SeriesLabels(name: family.name, labels: series.labels), value: value))
                case .histogram(let histogram):
                    for bucket in histogram.buckets {
                        var labels = series.labels
                        labels.append("le", PrometheusNumber.canonical(bucket.upperBound))
                        add(RuleSample(
                            labels: SeriesLabels(name: family.name + "_bucket", labels: labels), value: Double(bucket.cumulativeCount)))
                    }
                    add(RuleSample(labels: SeriesLabels(name: family.name + "_sum", labels: series.labels), value: histogram.sum))
                    add(RuleSample(
                        labels: SeriesLabels(name: family.name + "_count", labels: series.labels), value: Double(histogram.count)))
                }
            }
        }
    }

    /// Adds a sample; a sample without a metric name is ignored (a series always has one).
    public mutating func add(_ sample: RuleSample) {
        guard let name = sample.labels.name else { return }
        byName[name, default: []].append(sample)
    }

    /// Every sample of metric `name`.
    public func samples(named name: String) -> [RuleSample] {
        byName[name] ?? []
    }

    /// The samples `selector` selects, in Prometheus' series order (`SeriesLabels`).
    func select(_ selector: SeriesSelector) -> [RuleSample] {
        let candidates = selector.metricName.map { byName[$0] ?? [] } ?? byName.values.flatMap { $0 }
        return candidates.filter { selector.matches($0.labels) }.sorted { $0.labels < $1.labels }
    }
}
