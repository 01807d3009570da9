import Foundation
import Logging
import Monitoring
import Storage

/// Keeps the model performance of closed event-time windows up to date as labels arrive.
///
/// ## Conventions
/// - **Attribution**: a label belongs to its prediction's window (by the prediction's event time)
///   and version; it counts when it arrives within the label TTL of the prediction
///   (``WindowPerformanceAccumulator``). Predictions stored late (after their window closed) are
///   in their window's performance too, as it is computed from the store by event time.
/// - **When**: a window's performance is computed when it closes and recomputed after label
///   batches that label one of its predictions. Requests are coalesced: a window marked while a
///   computation runs is computed once more afterwards, however many batches marked it, so a
///   burst of label batches costs at most two computations per window, not one per batch.
/// - **Cost**: each computation reads the window's predictions with their labels in one read
///   transaction and keeps only the accumulator's sketches (bounded by versions and classes).
/// - **Row-count windows** have no performance: their rows are not an event-time range.
/// - **Restart**: results are stored per window, so they survive; a computation that was pending
///   when the process stopped runs again when the window is next labelled.
actor PerformanceTracker {
    /// What the server learned about a label batch at receipt.
    struct LabelBatchJoin: Sendable, Equatable {
        /// Newly stored labels whose prediction is not stored (yet: a later prediction still joins).
        var unmatched = 0
        /// Newly stored labels whose prediction is stored and more than the TTL older than the label.
        var pastTTL = 0
    }

    private struct Window: Hashable, Sendable {
        var model: String
        var index: Int64
        var start: Double
        var end: Double
    }

    private let store: any Store
    private let labelTTL: Double
    private let logger: Logger
    private var pending: Set<Window> = []
    private var worker: Task<Void, Never>?

    init(store: any Store, labelTTL: Double, logger: Logger) {
        self.store = store
        self.labelTTL = labelTTL
        self.logger = logger
    }

    /// Event-time windows that have just been closed and saved: their performance is computed.
    func windowsClosed(model: String, _ windows: [ClosedWindow]) {
        for window in windows {
            pending.insert(Window(model: model, index: window.index, start: window.start, end: window.end))
        }
        schedule()
    }

    /// A label batch has been stored: counts its labels without a prediction or past the TTL and
    /// marks the closed windows of their predictions for recomputation. `events` are the newly
    /// stored labels (not the duplicates of a re-sent batch). Nil (logged) when the store could not
    /// be read; the labels are stored all the same.
    func labelsStored(model: StoredModel, events: [LabelEvent], receivedAt: Double) async -> LabelBatchJoin? {
        do {
            return try await join(model: model, events: events, receivedAt: receivedAt)
        } catch {
            logger.error("labels not joined", metadata: ["model": "\(model.name)", "error": "\(error)"])
            return nil
        }
    }

    private func join(model: StoredModel, events: [LabelEvent], receivedAt: Double) async throws -> LabelBatchJoin {
        if events.isEmpty { return LabelBatchJoin() }
        let predictions = try await store.predictions(model: model.name, ids: events.map(\.id))
        var predictionTimes: [String: Double] = [:]
        for prediction in predictions { predictionTimes[prediction.event.id] = prediction.event.timestamp ?? prediction.receivedAt }
        var join = LabelBatchJoin()
        for event in events {
            guard let time = predictionTimes[event.id] else {
                join.unmatched += 1
                continue
            }
            if (event.timestamp ?? receivedAt) > time + labelTTL { join.pastTTL += 1 }
        }
        guard case .duration = model.schema.window, let earliest = predictionTimes.values.min(),
            let latest = predictionTimes.values.max()
        else { return join }
        let windows = try await store.closedWindows(model: model.name, from: earliest, to: latest.nextUp)
        let starts = windows.map(\.start)
        for time in predictionTimes.values {
            // Event-time windows do not overlap: the last one starting at or before `time`.
            var low = 0
            var high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= time { low = middle + 1 } else { high = middle }
            }
            guard low > 0, time < windows[low - 1].end else { continue }
            let window = windows[low - 1]
            pending.insert(Window(model: model.name, index: window.index, start: window.start, end: window.end))
        }
        schedule()
        return join
    }

    private func schedule() {
        guard worker == nil, !pending.isEmpty else { return }
        worker = Task { await self.drain() }
    }

    private func drain() async {
        while !pending.isEmpty {
            let round = pending
            pending = []
            var schemas: [String: ModelSchema] = [:]
            for window in round.sorted(by: { ($0.model, $0.index) < ($1.model, $1.index) }) {
                do {
                    if schemas[window.model] == nil { schemas[window.model] = try await store.model(named: window.model)?.schema }
                    guard let schema = schemas[window.model] else { continue }
                    try await compute(window, schema: schema)
                } catch {
                    logger.error(
                        "window performance not computed",
                        metadata: ["model": "\(window.model)", "window": "\(window.index)", "error": "\(error)"])
                }
            }
        }
        worker = nil
    }

    private func compute(_ window: Window, schema: ModelSchema) async throws {
        let accumulator = try await store.accumulatePerformance(
            model: window.model, eventTimes: window.start..<window.end,
            into: WindowPerformanceAccumulator(schema: schema, labelTTL: labelTTL))
        try await store.saveWindowPerformance(
            model: window.model,
            StoredWindowPerformance(
                index: window.index, start: window.start, end: window.end, computedAt: Date().timeIntervalSince1970,
                performance: accumulator.result()))
    }
}
