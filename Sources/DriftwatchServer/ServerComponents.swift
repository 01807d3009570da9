import Logging
import Storage

/// The long-lived parts of one server behind its routes: the model catalog, the ingest counters,
/// the per-model ingest pipelines and the performance tracker. They are built apart from the HTTP application
/// so that ``runServer(_:logger:onServerRunning:)`` can flush the pipelines' window state after
/// the application has stopped and before the store closes.
struct ServerComponents: Sendable {
    let models: ModelCatalog
    let counters: IngestCounters
    let performance: PerformanceTracker
    let pipelines: ModelPipelines
    /// Asks for an evaluation of the alert rules; the pipelines pull it when windows close.
    let alertTrigger: AlertTrigger

    init(_ configuration: ServerConfiguration, store: any Store, logger: Logger) {
        let trigger = AlertTrigger()
        alertTrigger = trigger
        models = ModelCatalog(store: store)
        counters = IngestCounters()
        performance = PerformanceTracker(store: store, labelTTL: configuration.labelTTL, logger: logger)
        pipelines = ModelPipelines(
            store: store, counters: counters, allowedLateness: configuration.allowedLateness,
            detectors: configuration.detectors, performance: performance, saving: configuration.windowStateSaving, windowsClosed: { trigger.pull() }, logger: logger)
    }
}
