import AnomalyDetection

/// The metric-anomaly detectors of a detector set and the series they watch (design.md, metrics
/// `driftwatch_metric_anomaly_score` / `driftwatch_metric_anomalous`), free of I/O: the server
/// feeds it samples and saves and restores its ``series``.
///
/// Every series a detector's selector matches gets its own ``WatchedSeries``, created on the
/// series' first sample, up to the detector's ``MetricAnomalySpec/maxSeries``. A series matched
/// by two detectors is watched by each.
public struct MetricAnomalyWatch: Sendable {
    public private(set) var specs: [MetricAnomalySpec]
    public private(set) var series: [WatchedSeriesKey: WatchedSeries] = [:]
    /// How many series each detector watches, kept beside ``series`` wherever a series is added
    /// or removed.
    private var seriesPerDetector: [String: Int] = [:]

    public init(specs: [MetricAnomalySpec]) {
        self.specs = specs
    }

    /// What one feeding did.
    public struct Outcome: Sendable, Equatable {
        /// Points judged.
        public var observed = 0
        /// Points not judged: no later than a point their series had already observed, or of a
        /// series not watched because its detector is full.
        public var skipped = 0
        /// Points judged anomalous.
        public var anomalous = 0
        /// The series that observed points.
        public var changed: Set<WatchedSeriesKey> = []
        /// The detectors that matched a new series but already watched their `max_series`.
        public var full: Set<String> = []

        public init() {}

        public mutating func add(_ key: WatchedSeriesKey, _ counts: (observed: Int, skipped: Int, anomalous: Int)) {
            observed += counts.observed
            skipped += counts.skipped
            anomalous += counts.anomalous
            if counts.observed > 0 { changed.insert(key) }
        }
    }

    /// Feeds `samples` to every detector whose selector matches them, each series' points in time
    /// order (a sample without a time is at `receivedAt`). `windowSeries` says whether they are
    /// driftwatch's window series (fed at window close) or pushed samples: each detector takes
    /// only its own source, so a pushed sample named like a window series is not mistaken for one.
    @discardableResult
    public mutating func observe(_ samples: [MetricSample], receivedAt: Double, windowSeries: Bool) -> Outcome {
        var points: [WatchedSeriesKey: [(timestamp: Double, value: Double)]] = [:]
        let candidates = specs.filter { $0.watchesWindows == windowSeries }
        guard !candidates.isEmpty else { return Outcome() }
        let byMetric = Dictionary(grouping: candidates, by: \.metricName)
        for sample in samples {
            guard let watching = byMetric[sample.name] else { continue }
            let labels = SeriesLabels(name: sample.name, labels: sample.labels)
            for spec in watching where spec.selector.matches(labels) {
                points[WatchedSeriesKey(detector: spec.name, series: labels), default: []]
                    .append((sample.timestamp ?? receivedAt, sample.value))
            }
        }
        var outcome = Outcome()
        for (key, seriesPoints) in points.sorted(by: { $0.key < $1.key }) {
            observe(seriesPoints, of: key, into: &outcome)
        }
        return outcome
    }

    /// Feeds points of one watched series, creating it if new and its detector has room, and
    /// adds what happened to `outcome`: the counts of ``WatchedSeries/observe(_:)``, or every
    /// point skipped and the detector noted ``Outcome/full`` when the series is not watched.
    public mutating func observe(_ points: [(timestamp: Double, value: Double)], of key: WatchedSeriesKey, into outcome: inout Outcome) {
        guard let spec = spec(named: key.detector) else {
            outcome.add(key, (0, points.count, 0))
            return
        }
        guard accepts(key, of: spec) else {
            outcome.full.insert(spec.name)
            outcome.add(key, (0, points.count, 0))
            return
        }
        if series[key] == nil { seriesPerDetector[spec.name, default: 0] += 1 }
        outcome.add(key, series[key, default: WatchedSeries(detector: spec.detector.makeDetector())].observe(points))
    }

    /// Whether `key` is, or may become, one of the series `spec` watches: it is already, or
    /// `spec` watches fewer than its `max_series`.
    public func accepts(_ key: WatchedSeriesKey, of spec: MetricAnomalySpec) -> Bool {
        series[key] != nil || seriesPerDetector[spec.name, default: 0] < spec.maxSeries
    }

    private mutating func countSeries() {
        seriesPerDetector = [:]
        for key in series.keys { seriesPerDetector[key.detector, default: 0] += 1 }
    }

    /// The detector called `name`.
    public func spec(named name: String) -> MetricAnomalySpec? {
        specs.first { $0.name == name }
    }

    /// Takes a saved series back when its detector still exists with the same kind and parameters
    /// and still selects it; otherwise the saved state no longer applies.
    /// - Returns: whether the series was taken.
    @discardableResult
    public mutating func restore(_ saved: WatchedSeries, of key: WatchedSeriesKey, savedWith detector: AnomalyDetectorSpec) -> Bool {
        guard let spec = spec(named: key.detector), spec.detector == detector, spec.selector.matches(key.series),
            accepts(key, of: spec)
        else { return false }
        if series[key] == nil { seriesPerDetector[spec.name, default: 0] += 1 }
        series[key] = saved
        return true
    }

    /// Takes a new detector set (a reload). A detector that keeps its name, kind and parameters
    /// keeps the series its selector still matches; the others start over.
    /// - Returns: the names of the detectors whose series start over (new or changed).
    public mutating func replace(specs newSpecs: [MetricAnomalySpec]) -> Set<String> {
        let old = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        specs = newSpecs
        var restarted: Set<String> = []
        for spec in newSpecs where old[spec.name]?.detector != spec.detector {
            restarted.insert(spec.name)
        }
        series = series.filter { key, _ in
            guard let spec = spec(named: key.detector) else { return false }
            return !restarted.contains(spec.name) && spec.selector.matches(key.series)
        }
        countSeries()
        return restarted
    }

    /// Adds each watched series' score (of its latest point) and verdict (anomalous within the
    /// detector's `hold`), in series order. Two series whose exported labels coincide (one with
    /// `detector="x"`, renamed `exported_detector`, the other with `exported_detector="x"`) would
    /// be one series twice, which fails the whole exposition: the first in series order is kept.
    public func add(to set: inout MetricSet) throws(ExpositionError) {
        var exported: Set<LabelSet> = []
        for (key, watched) in series.sorted(by: { $0.key < $1.key }) {
            guard let spec = spec(named: key.detector), watched.lastTimestamp != nil else { continue }
            let labels = key.exportedLabels
            guard exported.insert(labels).inserted else { continue }
            try set.add(DriftwatchMetrics.metricAnomalyScore, labels: labels, value: watched.lastVerdict.score)
            try set.add(DriftwatchMetrics.metricAnomalous, labels: labels, value: watched.isAnomalous(hold: spec.hold) ? 1 : 0)
        }
    }
}
