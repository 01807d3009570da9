import Foundation
import Logging
import Monitoring
import Storage

/// The long-lived parts of one server behind its routes: the model catalog, the ingest counters,
/// the per-model ingest pipelines, the performance tracker and the metric anomaly detectors. They
/// are built apart from the HTTP application so that ``runServer(_:logger:onServerRunning:)`` can flush the pipelines' window state after
/// the application has stopped and before the store closes.
struct ServerComponents: Sendable {
    let models: ModelCatalog
    let counters: IngestCounters
    let performance: PerformanceTracker
    let pipelines: ModelPipelines
    let anomalies: MetricAnomalyService
    /// Asks for an evaluation of the alert rules; the pipelines pull it when windows close.
    let alertTrigger: AlertTrigger

    init(_ configuration: ServerConfiguration, store: any Store, logger: Logger) {
        let trigger = AlertTrigger()
        alertTrigger = trigger
        let windowsClosed = AlertTrigger()
        anomalies = MetricAnomalyService(
            store: store, specs: configuration.detectors.metricAnomalies, windowsClosed: windowsClosed, anomalyFound: { trigger.pull() },
            now: { Date().timeIntervalSince1970 }, logger: logger)
        models = ModelCatalog(store: store)
        counters = IngestCounters()
        performance = PerformanceTracker(store: store, labelTTL: configuration.labelTTL, logger: logger)
        pipelines = ModelPipelines(
            store: store, counters: counters, allowedLateness: configuration.allowedLateness,
            detectors: configuration.detectors, performance: performance, saving: configuration.windowStateSaving,
            windowsClosed: {
                trigger.pull()
                windowsClosed.pull()
            }, logger: logger)
    }
}
