import Foundation
import Logging
import Monitoring
import Storage

/// One model's ingest state: its windows, the open windows' profiles and the baselines they are
/// judged against. Every batch goes through ``ingest(_:receivedAt:)`` one at a time, in the order
/// the calls arrived, so the profiles see events in insertion order.
///
/// ## Conventions
/// - **Only new events are profiled**: the events the store inserted, not the duplicates of a
///   re-sent batch (`InsertOutcome.duplicatePositions`).
/// - **Event time** is the event's timestamp, else its receipt time (design.md).
/// - **No active baseline**: events are stored but not profiled (no window is opened); profiling
///   starts with the first batch after a baseline becomes active. The ingest response does not say so.
/// - **Late events** (their window already closed) are stored and counted in
///   `driftwatch_late_events_total`, not profiled. An event time the windows cannot place (beyond
///   ±2⁵⁰ window lengths from the epoch) is stored and logged, not profiled.
/// - **A new baseline** applies to windows opened after it; a window already open keeps the
///   baseline it was started on and is judged against it when it closes.
/// - **Closing**: each window the watermark (or, for `{rows: N}`, the N-th row) closes is evaluated
///   with `method: auto` against its baseline and saved together with the open state after every
///   batch (`Store.saveWindows`), with `appliedThrough` = the last profiled insertion sequence.
/// - **Restart**: the saved state is read back and the events stored after `appliedThrough` (a
///   crash between a batch's insert and its save) are replayed; a model without saved state
///   replays all its stored events (those stored while it had no baseline are skipped again). A saved state whose window kind or
///   length no longer matches the schema is dropped, with its open windows.
/// - **Cost**: the open windows' profiles are re-encoded and saved with every batch, which is
///   simple and exact on restart but costs O(open profiles' size) per batch; the replay above is
///   what would let a later version save only now and then.
/// - **Performance**: closed event-time windows, once saved, are handed to the
///   ``PerformanceTracker``, which joins their predictions with labels.
/// - **Row-count windows** report the first and last event time of their rows as start and end;
///   those times are kept in memory, so a window open across a restart starts at its first
///   event after the restart.
actor ModelPipeline {
    let model: String
    private let store: any Store
    private let counters: IngestCounters
    private let logger: Logger
    private let performance: PerformanceTracker?
    private var windowing: WindowingState
    private var profiles: [Int64: WindowProfile] = [:]
    private var rowWindowTimes: [Int64: ClosedRange<Double>] = [:]
    private var baselines: [String: BaselineProfile] = [:]
    private var activeBaseline: String?
    private var baselineIsStale = false
    private var appliedThrough: Int64?
    /// Reports evaluated but not yet saved (a failed save is retried with the next batch).
    private var unsavedClosed: [ClosedWindow] = []
    private var tail: Task<Void, Never>?

    private init(
        model: StoredModel, store: any Store, counters: IngestCounters, allowedLateness: Double,
        performance: PerformanceTracker?, logger: Logger
    ) throws {
        self.model = model.name
        self.store = store
        self.counters = counters
        self.performance = performance
        self.logger = logger
        self.windowing = try Self.freshWindowing(model.schema.window, allowedLateness: allowedLateness)
    }

    /// The pipeline of `model`, resumed from its saved state; nil for an unknown model.
    static func load(
        model name: String, store: any Store, counters: IngestCounters, allowedLateness: Double,
        performance: PerformanceTracker? = nil, logger: Logger
    ) async throws -> ModelPipeline? {
        guard let model = try await store.model(named: name) else { return nil }
        let pipeline = try ModelPipeline(
            model: model, store: store, counters: counters, allowedLateness: allowedLateness, performance: performance,
            logger: logger)
        try await pipeline.restore(schema: model.schema)
        return pipeline
    }

    private static func freshWindowing(_ spec: WindowSpec, allowedLateness: Double) throws -> WindowingState {
        switch spec {
        case let .duration(seconds):
            return .eventTime(try TumblingEventTimeWindows(windowLength: seconds, allowedLateness: allowedLateness))
        case let .rows(count):
            return .rowCount(try RowCountWindows(rowsPerWindow: count))
        }
    }

    private func restore(schema: ModelSchema) async throws {
        activeBaseline = try await loadActiveBaseline()
        if let saved = try await store.openWindows(model: model) {
            appliedThrough = saved.appliedThrough
            if Self.matches(saved.windowing, windowing) {
                windowing = saved.windowing
                for profile in saved.profiles { profiles[profile.windowRange.lowerBound] = profile }
            } else {
                logger.notice("window spec changed; open windows dropped", metadata: ["model": "\(model)"])
            }
        }
        while true {
            let page = try await store.predictions(model: model, afterSequence: appliedThrough ?? Int64.min, limit: 1000)
            guard let last = page.last else { break }
            await apply(page.map(\.event), receivedAt: page.map(\.receivedAt))
            appliedThrough = last.sequence
        }
        try await save()
    }

    /// Whether a saved state is of the same kind and size as a fresh one for the current schema.
    private static func matches(_ saved: WindowingState, _ fresh: WindowingState) -> Bool {
        switch (saved, fresh) {
        case let (.eventTime(a), .eventTime(b)): a.windowLength == b.windowLength && a.allowedLateness == b.allowedLateness
        case let (.rowCount(a), .rowCount(b)): a.rowsPerWindow == b.rowsPerWindow
        default: false
        }
    }

    /// Marks the active baseline as changed: the next batch reads it again.
    func baselineChanged() {
        baselineIsStale = true
    }

    /// Stores the batch, then profiles the newly stored events and closes the windows they close.
    /// Batches run one after another, in call order.
    func ingest(_ events: [PredictionEvent], receivedAt: Double) async throws -> InsertOutcome {
        let previous = tail
        let work = Task { () async throws -> InsertOutcome in
            await previous?.value
            return try await self.process(events, receivedAt: receivedAt)
        }
        tail = Task { _ = await work.result }
        return try await work.value
    }

    private func process(_ events: [PredictionEvent], receivedAt: Double) async throws -> InsertOutcome {
        let outcome = try await store.insertPredictions(model: model, events: events, receivedAt: receivedAt)
        // From here on the batch is committed: failures are logged, never answered as errors.
        if baselineIsStale {
            do {
                activeBaseline = try await loadActiveBaseline()
                baselineIsStale = false
            } catch {
                logger.error("reading the active baseline failed", metadata: ["model": "\(model)", "error": "\(error)"])
            }
        }
        let duplicates = Set(outcome.duplicatePositions)
        let fresh = events.indices.filter { !duplicates.contains($0) }.map { events[$0] }
        await apply(fresh, receivedAt: Array(repeating: receivedAt, count: fresh.count))
        if let last = outcome.lastSequence { appliedThrough = last }
        do {
            try await save()
        } catch {
            // The events are committed; the state is saved with the next batch or replayed on restart.
            logger.error("saving window state failed", metadata: ["model": "\(model)", "error": "\(error)"])
        }
        return outcome
    }

    private func loadActiveBaseline() async throws -> String? {
        guard let stored = try await store.activeBaseline(model: model) else { return nil }
        baselines[stored.summary.name] = stored.profile
        return stored.summary.name
    }

    /// Profiles `events` (with their receipt times) and evaluates the windows they close.
    private func apply(_ events: [PredictionEvent], receivedAt: [Double]) async {
        guard let active = activeBaseline, let baseline = baselines[active] else { return }
        var closing: [(profile: WindowProfile, start: Double, end: Double)] = []
        var late = 0
        for (event, received) in zip(events, receivedAt) {
            let time = event.timestamp ?? received
            switch windowing {
            case .eventTime(var windows):
                let assignment: EventTimeAssignment
                do {
                    assignment = try windows.assign(eventTime: time)
                } catch {
                    logger.warning("event not placed in a window", metadata: ["model": "\(model)", "id": "\(event.id)", "error": "\(error)"])
                    continue
                }
                windowing = .eventTime(windows)
                switch assignment.placement {
                case .late: late += 1
                case .open(let window): add(event, to: window.index, baseline: baseline)
                }
                for window in assignment.closedWindows {
                    if let profile = profiles.removeValue(forKey: window.index) {
                        closing.append((profile, window.start, window.end))
                    }
                }
            case .rowCount(var windows):
                let assignment = windows.assign()
                windowing = .rowCount(windows)
                add(event, to: assignment.windowIndex, baseline: baseline)
                let span = rowWindowTimes[assignment.windowIndex].map { min($0.lowerBound, time)...max($0.upperBound, time) }
                rowWindowTimes[assignment.windowIndex] = span ?? time...time
                if assignment.closesWindow, let profile = profiles.removeValue(forKey: assignment.windowIndex) {
                    let times = rowWindowTimes.removeValue(forKey: assignment.windowIndex) ?? time...time
                    closing.append((profile, times.lowerBound, times.upperBound))
                }
            }
        }
        if late > 0 { await counters.addLate(model: model, count: late) }
        for (profile, start, end) in closing {
            if let report = await evaluate(profile) {
                unsavedClosed.append(
                    ClosedWindow(
                        index: profile.windowRange.lowerBound, start: start, end: end,
                        closedAt: Date().timeIntervalSince1970, report: report))
            }
        }
    }

    private func add(_ event: PredictionEvent, to index: Int64, baseline: BaselineProfile) {
        if profiles[index] == nil {
            do {
                profiles[index] = try WindowProfile(baseline: baseline, windowIndex: index)
            } catch {
                logger.error("window profile not created", metadata: ["model": "\(model)", "error": "\(error)"])
                return
            }
        }
        profiles[index]?.add(event)
    }

    /// The window's report against the baseline it was profiled on; nil (logged) when that
    /// baseline is gone or was replaced by one with other bins.
    private func evaluate(_ profile: WindowProfile) async -> WindowReport? {
        do {
            if baselines[profile.baselineName] == nil,
                let stored = try await store.baseline(model: model, name: profile.baselineName)
            {
                baselines[profile.baselineName] = stored.profile
            }
            guard let baseline = baselines[profile.baselineName] else {
                logger.error("window's baseline is gone", metadata: ["model": "\(model)", "baseline": "\(profile.baselineName)"])
                return nil
            }
            return try Monitoring.evaluate(window: profile, against: baseline)
        } catch {
            logger.error("window not evaluated", metadata: ["model": "\(model)", "error": "\(error)"])
            return nil
        }
    }

    private func save() async throws {
        let open = OpenWindows(
            windowing: windowing, profiles: profiles.keys.sorted().compactMap { profiles[$0] },
            appliedThrough: appliedThrough, savedAt: Date().timeIntervalSince1970)
        try await store.saveWindows(model: model, closed: unsavedClosed, open: open)
        if let performance, case .eventTime = windowing, !unsavedClosed.isEmpty {
            await performance.windowsClosed(model: model, unsavedClosed)
        }
        unsavedClosed = []
    }
}
