import Monitoring
import Storage

/// Builds driftwatch's own series — the ingest counters, each model's latest window and
/// performance, the metric anomaly scores, the request histogram — as `/metrics` exports them and as the alert rules read
/// them (`AlertEngine`), after the pipelines have settled so a read sees every acknowledged batch.
struct ExpositionSource: Sendable {
    let store: any Store
    let counters: IngestCounters
    let pipelines: ModelPipelines
    let anomalies: MetricAnomalyService
    let requestMetrics: HTTPRequestMetrics

    func metricSet() async throws -> MetricSet {
        await pipelines.settledAll()
        var set = try await counters.metricSet()
        for overview in try await store.modelOverviews() {
            if let window = overview.latestWindow {
                try WindowMetrics.add(model: overview.model.name, window: window, to: &set)
            }
            if let performance = overview.latestLabeledPerformance {
                let detector = await pipelines.plan(for: overview.model.name).detector(of: .performance)
                try WindowMetrics.add(
                    model: overview.model.name, performance: performance.performance, detector: detector, to: &set)
            }
        }
        for count in try await store.actionOutcomeCounts() {
            var labels = LabelSet()
            labels.append("action", count.action)
            labels.append("adapter", count.adapter)
            labels.append("outcome", count.outcome)
            try set.add(DriftwatchMetrics.actions, labels: labels, value: Double(count.count))
        }
        set = try await anomalies.metrics(adding: set)
        try requestMetrics.add(to: &set)
        return set
    }
}
