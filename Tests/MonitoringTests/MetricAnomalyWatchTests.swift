import AnomalyDetection
import Monitoring
import Testing

@Suite struct MetricAnomalyWatchTests {
    static func spec(
        _ name: String, _ selector: String, parameters: [String: Double] = ["window": 20, "minimum_points": 10], hold: Double = 60,
        maxSeries: Int = MetricAnomalySpec.defaultMaxSeries
    ) throws -> MetricAnomalySpec {
        guard case .selector(let parsed) = try RuleExpressionParser.parse(selector) else { throw ParseFailure() }
        return MetricAnomalySpec(
            name: name, selector: parsed, selectorText: selector,
            detector: try AnomalyDetectorSpec(kind: .robustZScore, parameters: parameters), hold: hold, maxSeries: maxSeries)
    }

    struct ParseFailure: Error {}

    /// `WatchedSeriesTests.points` as samples of one series.
    static func samples(_ name: String, _ labels: [String: String], through last: Int) -> [MetricSample] {
        WatchedSeriesTests.points(through: last).map { MetricSample(name: name, labels: labels, timestamp: $0.timestamp, value: $0.value) }
    }

    static func key(_ detector: String, _ name: String, _ labels: [(String, String)]) -> WatchedSeriesKey {
        WatchedSeriesKey(detector: detector, series: SeriesLabels([("__name__", name)] + labels))
    }

    @Test func eachMatchedSeriesGetsItsOwnDetector() throws {
        var watch = MetricAnomalyWatch(specs: [
            try Self.spec("fraud", #"latency_ms{endpoint="fraud"}"#),
            try Self.spec("all", #"latency_ms{endpoint=~".+"}"#),
            try Self.spec("share", #"driftwatch_dataset_drift_share"#),
        ])
        let samples = Self.samples("latency_ms", ["endpoint": "fraud"], through: 22) + Self.samples("latency_ms", ["endpoint": "churn"], through: 19)
            + Self.samples("latency_ms", [:], through: 5) + Self.samples("errors_total", ["endpoint": "fraud"], through: 5)
            + Self.samples("driftwatch_dataset_drift_share", ["model": "m"], through: 3)
        let outcome = watch.observe(samples, receivedAt: 0, windowSeries: false)
        let fraud = Self.key("fraud", "latency_ms", [("endpoint", "fraud")])
        let allFraud = Self.key("all", "latency_ms", [("endpoint", "fraud")])
        let allChurn = Self.key("all", "latency_ms", [("endpoint", "churn")])
        #expect(Set(watch.series.keys) == [fraud, allFraud, allChurn])
        #expect(outcome.observed == 23 + 23 + 20 && outcome.anomalous == 2 && outcome.changed == [fraud, allFraud, allChurn])
        #expect(watch.series[fraud] == watch.series[allFraud] && watch.series[allChurn]?.lastAnomalyTimestamp == nil)
        // Window series come only from closed windows, and pushed metrics never from there.
        let windows = watch.observe(
            Self.samples("driftwatch_dataset_drift_share", ["model": "m"], through: 3) + Self.samples("latency_ms", ["endpoint": "x"], through: 3),
            receivedAt: 0, windowSeries: true)
        #expect(windows.observed == 4 && watch.series[Self.key("share", "driftwatch_dataset_drift_share", [("model", "m")])]?.points == 4)
        #expect(watch.series.count == 4)
    }

    @Test func aSampleWithoutATimeIsAtItsReceipt() throws {
        var watch = MetricAnomalyWatch(specs: [try Self.spec("a", "up")])
        watch.observe([MetricSample(name: "up", value: 1)], receivedAt: 1_000, windowSeries: false)
        #expect(watch.series[Self.key("a", "up", [])]?.lastTimestamp == 1_000)
    }

    @Test func scoresAreExportedWithTheDetectorTheMetricAndTheSeriesLabels() throws {
        var watch = MetricAnomalyWatch(specs: [try Self.spec("lat", "latency_ms", hold: 2)])
        watch.observe(
            Self.samples("latency_ms", ["metric": "p99", "zone": "b", "detector": "x", "app": "a"], through: 21), receivedAt: 0, windowSeries: false)
        var set = MetricSet()
        try watch.add(to: &set)
        let score = try #require(set.family(named: "driftwatch_metric_anomaly_score")?.series.first)
        let labels = score.labels.labels.map { "\($0.name)=\($0.value)" }
        #expect(labels == ["detector=lat", "metric=latency_ms", "app=a", "exported_detector=x", "exported_metric=p99", "zone=b"])
        let watched = try #require(watch.series.values.first)
        #expect(score.value == .number(watched.lastVerdict.score) && !watched.lastVerdict.isAnomalous)
        #expect(set.family(named: "driftwatch_metric_anomalous")?.series.first?.value == .number(1))
        watch.observe(Self.samples("latency_ms", ["metric": "p99", "zone": "b", "detector": "x", "app": "a"], through: 23), receivedAt: 0, windowSeries: false)
        var later = MetricSet()
        try watch.add(to: &later)
        #expect(later.family(named: "driftwatch_metric_anomalous")?.series.first?.value == .number(0))
        // A renamed label never collides with one the series already has.
        let crowded = WatchedSeriesKey(
            detector: "lat", series: SeriesLabels(name: "m", labels: ["detector": "a", "exported_detector": "b", "exported_exported_detector": "c"]))
        #expect(crowded.exportedLabels.labels.map { "\($0.name)=\($0.value)" } == [
            "detector=lat", "metric=m", "exported_exported_exported_detector=a", "exported_detector=b", "exported_exported_detector=c",
        ])
        // Two series exported alike: the first is kept, and the exposition does not fail.
        watch.observe(
            Self.samples("latency_ms", ["detector": "y"], through: 2) + Self.samples("latency_ms", ["exported_detector": "y"], through: 2),
            receivedAt: 0, windowSeries: false)
        var alike = MetricSet()
        try watch.add(to: &alike)
        #expect(alike.family(named: "driftwatch_metric_anomaly_score")?.series.count == 2 && watch.series.count == 3)
    }

    @Test func aReloadKeepsOnlyTheSeriesOfUnchangedDetectorsTheirSelectorsStillMatch() throws {
        var watch = MetricAnomalyWatch(specs: [
            try Self.spec("kept", #"latency_ms"#), try Self.spec("retuned", "latency_ms"), try Self.spec("removed", "latency_ms"),
        ])
        watch.observe(
            Self.samples("latency_ms", ["endpoint": "a"], through: 3) + Self.samples("latency_ms", ["endpoint": "b"], through: 3), receivedAt: 0,
            windowSeries: false)
        #expect(watch.series.count == 6)
        let restarted = watch.replace(specs: [
            try Self.spec("kept", #"latency_ms{endpoint="a"}"#, hold: 600),
            try Self.spec("retuned", "latency_ms", parameters: ["window": 30]),
            try Self.spec("new", "latency_ms"),
        ])
        #expect(restarted == ["retuned", "new"])
        #expect(Array(watch.series.keys) == [Self.key("kept", "latency_ms", [("endpoint", "a")])])
        #expect(watch.series.values.first?.points == 4 && watch.spec(named: "kept")?.hold == 600)
    }

    @Test func aSavedSeriesIsTakenBackOnlyUnderTheSameDetector() throws {
        let spec = try Self.spec("a", #"latency_ms{endpoint="x"}"#)
        var watch = MetricAnomalyWatch(specs: [spec])
        var saved = WatchedSeries(detector: spec.detector.makeDetector())
        _ = saved.observe([(1, 5)])
        let key = Self.key("a", "latency_ms", [("endpoint", "x")])
        let otherParameters = watch.restore(saved, of: key, savedWith: .defaults(.robustZScore))
        let unmatched = watch.restore(saved, of: Self.key("a", "latency_ms", [("endpoint", "y")]), savedWith: spec.detector)
        let unknown = watch.restore(saved, of: Self.key("b", "latency_ms", [("endpoint", "x")]), savedWith: spec.detector)
        #expect(!otherParameters && !unmatched && !unknown && watch.series.isEmpty)
        let same = watch.restore(saved, of: key, savedWith: spec.detector)
        #expect(same && watch.series[key] == saved)
    }

    @Test func aDetectorWatchesAtMostItsMaxSeries() throws {
        var watch = MetricAnomalyWatch(specs: [try Self.spec("lat", "latency_ms", maxSeries: 2), try Self.spec("other", "latency_ms")])
        let samples = ["c", "a", "b"].flatMap { Self.samples("latency_ms", ["endpoint": $0], through: 3) }
        let outcome = watch.observe(samples, receivedAt: 0, windowSeries: false)
        #expect(outcome.full == ["lat"] && outcome.observed == 2 * 4 + 3 * 4 && outcome.skipped == 4)
        let watched = watch.series.keys.filter { $0.detector == "lat" }.map { $0.series["endpoint"] ?? "" }.sorted()
        #expect(watched == ["a", "b"] && watch.series.count == 5)
        // Its watched series go on; a saved third is not taken back either.
        let more = watch.observe(Self.samples("latency_ms", ["endpoint": "a"], through: 5), receivedAt: 0, windowSeries: false)
        #expect(more.observed == 2 + 2 && more.full.isEmpty)
        let spec = try #require(watch.spec(named: "lat"))
        let third = watch.restore(WatchedSeries(detector: spec.detector.makeDetector()), of: Self.key("lat", "latency_ms", [("endpoint", "c")]), savedWith: spec.detector)
        #expect(!third)
        // A reload with room for three takes the third on its next sample.
        _ = watch.replace(specs: [try Self.spec("lat", "latency_ms", maxSeries: 3)])
        #expect(watch.series.count == 2)
        let after = watch.observe(Self.samples("latency_ms", ["endpoint": "c"], through: 3), receivedAt: 0, windowSeries: false)
        #expect(after.observed == 4 && after.full.isEmpty && watch.series.count == 3)
    }
}
