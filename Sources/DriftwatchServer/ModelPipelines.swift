import Logging
import Monitoring
import Storage

/// The ingest pipelines of all models, each created on the model's first batch after start
/// (resuming its saved windows) and kept for the life of the process, with the detector set
/// whose plan each model's windows follow (``replace(detectors:)`` on a reload).
actor ModelPipelines {
    private let store: any Store
    private let counters: IngestCounters
    private let allowedLateness: Double
    private let performance: PerformanceTracker?
    private let saving: WindowStateSaving
    private let windowsClosed: @Sendable () -> Void
    private let logger: Logger
    private var pipelines: [String: Task<ModelPipeline?, any Error>] = [:]
    private var detectors: DetectorSet

    init(
        store: any Store, counters: IngestCounters, allowedLateness: Double, detectors: DetectorSet = DetectorSet(files: []),
        performance: PerformanceTracker? = nil, saving: WindowStateSaving = .default,
        windowsClosed: @escaping @Sendable () -> Void = {}, logger: Logger
    ) {
        self.detectors = detectors
        self.windowsClosed = windowsClosed
        self.store = store
        self.counters = counters
        self.allowedLateness = allowedLateness
        self.performance = performance
        self.saving = saving
        self.logger = logger
    }

    /// The model's pipeline, loaded once even when several batches ask at the same time; nil for
    /// an unknown model. A failed load is forgotten, so the next batch tries again.
    func pipeline(for model: String) async throws -> ModelPipeline? {
        if let task = pipelines[model] { return try await task.value }
        let plan = detectors.plan(for: model)
        let task = Task { [store, counters, allowedLateness, performance, saving, windowsClosed, logger] in
            try await ModelPipeline.load(
                model: model, store: store, counters: counters, allowedLateness: allowedLateness, plan: plan,
                performance: performance, saving: saving, windowsClosed: windowsClosed, logger: logger)
        }
        pipelines[model] = task
        do {
            let pipeline = try await task.value
            if pipeline == nil { pipelines[model] = nil }
            return pipeline
        } catch {
            pipelines[model] = nil
            throw error
        }
    }

    /// Stores a batch through the model's pipeline (see ``ModelPipeline/ingest(_:receivedAt:)``).
    /// - Throws: `StoreError.notFound` for an unknown model.
    func ingest(model: String, events: [PredictionEvent], receivedAt: Double) async throws -> InsertOutcome {
        guard let pipeline = try await pipeline(for: model) else { throw StoreError.notFound("model '\(model)'") }
        return try await pipeline.ingest(events, receivedAt: receivedAt)
    }

    /// Returns once the model's acknowledged batches are profiled and the reports of the windows
    /// they closed saved (``ModelPipeline/settled()``): what a read of window state waits for. A
    /// model whose pipeline is not loaded has nothing pending.
    func settled(_ model: String) async {
        await loadedPipeline(model)?.settled()
    }

    /// ``settled(_:)`` for every loaded model: what a read across models waits for.
    func settledAll() async {
        for pipeline in await loadedPipelines() { await pipeline.settled() }
    }

    /// The model's schema changed: its pipeline is rebuilt from the saved state on the next batch
    /// (the old one saves what it holds first, which shortens the replay).
    func modelChanged(_ model: String) async {
        guard let task = pipelines.removeValue(forKey: model) else { return }
        await (try? await task.value)?.flush()
    }

    /// Saves every loaded pipeline's unsaved window state: the last step of a graceful shutdown,
    /// after the HTTP server stopped and before the store closes.
    func flushAll() async {
        for pipeline in await loadedPipelines() { await pipeline.flush() }
    }

    /// The plan the detector files give `model` now.
    func plan(for model: String) -> DetectorPlan {
        detectors.plan(for: model)
    }

    /// Runs a new detector set: models loaded later take their plan from it, and every loaded
    /// pipeline applies its new plan between batches (``ModelPipeline/apply(_:)``).
    func replace(detectors newSet: DetectorSet) async {
        detectors = newSet
        for (model, task) in pipelines {
            guard let pipeline = try? await task.value else { continue }
            await pipeline.apply(newSet.plan(for: model))
        }
    }

    /// The model's active baseline changed: windows opened from now on use it.
    func baselineChanged(_ model: String) async {
        await loadedPipeline(model)?.baselineChanged()
    }

    /// The model's pipeline if one is loaded (or loading); nil otherwise, or when its load failed.
    private func loadedPipeline(_ model: String) async -> ModelPipeline? {
        guard let task = pipelines[model] else { return nil }
        return try? await task.value
    }

    /// Every pipeline loaded (or loading) now; those whose load fails are left out.
    private func loadedPipelines() async -> [ModelPipeline] {
        var loaded: [ModelPipeline] = []
        for task in pipelines.values {
            if let pipeline = try? await task.value { loaded.append(pipeline) }
        }
        return loaded
    }
}
