import DriftwatchTestSupport
import Monitoring
import Testing

@Suite struct DriftwatchMetricsTests {
    /// One sample of every metric of design.md, with the labels design.md gives it.
    static func everyMetric() throws -> MetricSet {
        typealias M = DriftwatchMetrics
        var set = MetricSet()
        let feature: LabelSet = ["model": "fraud", "detector": "feature-drift", "feature": "amount", "method": "ks"]
        try set.add(M.featureDriftScore, labels: feature, value: 0.31)
        try set.add(M.featureDriftPValue, labels: feature, value: 2.2e-16)
        try set.add(M.featureDriftDetected, labels: feature, value: 1)
        try set.add(M.datasetDriftShare, labels: ["model": "fraud", "detector": "feature-drift"], value: 0.25)
        let multivariate: LabelSet = ["model": "fraud", "detector": "inputs-mmd", "method": "mmd"]
        try set.add(M.multivariateDriftScore, labels: multivariate, value: 0.04)
        try set.add(M.multivariateDriftPValue, labels: multivariate, value: .nan)
        try set.add(M.predictionDriftScore, labels: ["model": "fraud", "method": "wasserstein"], value: 0.12)
        try set.add(M.modelPerformance, labels: ["model": "fraud", "version": "7", "metric": "roc_auc"], value: 0.91)
        for descriptor in [M.featureMissingRatio, M.featureOutOfRangeRatio, M.featureUnseenCategoryRatio] {
            try set.add(descriptor, labels: ["model": "fraud", "feature": "country"], value: 0.01)
        }
        try set.add(M.outlierRatio, labels: ["model": "fraud", "detector": "mahalanobis"], value: 0.002)
        try set.add(M.metricAnomalyScore, labels: ["endpoint": "fraud"], value: 3.7)
        try set.add(M.metricAnomalous, labels: ["endpoint": "fraud"], value: 1)
        try set.add(M.windowRows, labels: ["model": "fraud"], value: 10_000)
        try set.add(M.windowEndTimestamp, labels: ["model": "fraud"], value: 1_795_255_200)
        for descriptor in [M.predictionsIngested, M.labelsIngested, M.lateEvents] {
            try set.add(descriptor, labels: ["model": "fraud"], value: 42)
        }
        try set.add(M.ingestRejected, labels: ["model": "fraud", "reason": "schema"], value: 3)
        try set.add(M.metricSamplesIngested, value: 120)
        try set.add(M.metricSamplesRejected, labels: ["reason": "invalid_event"], value: 2)
        try set.add(
            M.alerts, labels: ["alertname": "FraudFeatureDrift", "alertstate": "firing", "model": "fraud", "severity": "page"], value: 1)
        try set.add(M.actions, labels: ["action": "retrain-fraud", "adapter": "sagemaker-pipeline", "outcome": "succeeded"], value: 1)
        try set.add(
            M.httpRequestDuration, labels: ["route": "/metrics", "status": "200"],
            histogram: Histogram(cumulative: [(0.01, 3), (0.1, 4), (.infinity, 4)], sum: 0.05, count: 4))
        return set
    }

    @Test func everyDescriptorIsValidAndDistinct() throws {
        let set = try Self.everyMetric()
        #expect(set.families.count == DriftwatchMetrics.all.count)
        #expect(Set(DriftwatchMetrics.all.map(\.name)).count == DriftwatchMetrics.all.count)
    }

    @Test func promtoolFindsNothingToLint() throws {
        let run = try ExpositionParsers.checkWithPromtool(ExpositionFormat.prometheusText.render(try Self.everyMetric()))
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.isEmpty, "\(run.output)")
    }

    @Test func strictOpenMetricsParserAcceptsEveryMetric() throws {
        let (run, samples) = try ExpositionParsers.parseWithPython(ExpositionFormat.openMetrics.render(try Self.everyMetric()), openMetrics: true)
        #expect(run.status == 0, "\(run.output)")
        #expect(Set(samples.map(\.family)) == Set(DriftwatchMetrics.all.map(\.openMetricsFamilyName)))
        #expect(samples.first { $0.family == "driftwatch_feature_missing_ratio" }?.unit == "ratio")
        #expect(samples.first { $0.family == "driftwatch_late_events" }?.name == "driftwatch_late_events_total")
    }
}
