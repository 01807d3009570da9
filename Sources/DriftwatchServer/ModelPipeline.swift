import Foundation
import Logging
import Monitoring
import Storage

/// One model's ingest state: its windows, the open windows' profiles and the baselines they are
/// judged against. Batches go through ``ingest(_:receivedAt:)`` in two stages, each one batch at
/// a time in the order the calls arrived: the store, after which the batch is acknowledged, then
/// profiling, so the profiles see events in insertion order.
///
/// ## Conventions
/// - **Acknowledged, then profiled**: an answer means the batch is committed; its profiling
///   follows (while the next batch is stored), at most ``maxUnprofiledBatches`` behind. Readers of
///   window state call ``settled()`` first, so they see everything acknowledged before them.
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
///   against its baseline by the detectors of the model's ``DetectorPlan``
///   (`evaluate(window:against:detectors:)`); its report is saved in the same batch, together
///   with the open state (`Store.saveWindows`).
/// - **Detector files**: the plan's window and lateness replace the schema's and the server's,
///   and its baseline, when set and stored, replaces the active one. A new plan (a reload) is
///   applied between batches (``apply(_:)``): new detectors judge the windows that close from
///   then on; a changed baseline applies to windows opened after it, like a new active baseline;
///   a changed window or lateness drops the open windows, as a restart with a changed window
///   does (their events stay stored).
/// - **Saving** (``WindowStateSaving``): the open state — windowing, profiles and `appliedThrough`
///   = the last insertion sequence the profiles account for — is saved when a batch closed a
///   window, every `interval` seconds or `maxUnsavedEvents` events, before a new active baseline
///   takes effect and on graceful shutdown (``flush()``), not after every batch: encoding the
///   profiles costs O(their size), far more than profiling one batch.
/// - **Invariant**: every save is one transaction holding one in-memory snapshot, taken between
///   batches: the profiles are exactly those of the events up to its `appliedThrough`, and the
///   reports of all windows those events closed are in it or in an earlier save (a report waits
///   in `unsavedClosed` until a save succeeds, and a batch that closed a window saves). So a
///   stored state never claims events whose window reports are missing, and replaying the
///   events after its `appliedThrough` rebuilds what the pipeline held.
/// - **Restart**: the saved state is read back and the events stored after `appliedThrough` (those
///   unsaved when the process died) are replayed in insertion order with their stored receipt
///   times, which reproduces the profiles and reports exactly; a model without saved state
///   replays all its stored events (those stored while it had no baseline are skipped again). A
///   saved state whose window kind or length no longer matches the schema is dropped, with its
///   open windows. A crash between storing a new baseline and the pipeline's save before it
///   (``baselineChanged()``) replays the unsaved events on the new baseline.
/// - **Performance**: closed event-time windows, once saved, are handed to the
///   ``PerformanceTracker``, which joins their predictions with labels.
/// - **Row-count windows** report the first and last event time of their rows as start and end;
///   those times are saved with the open state, so they survive a restart.
actor ModelPipeline {
    let model: String
    private let store: any Store
    private let counters: IngestCounters
    private let logger: Logger
    private let performance: PerformanceTracker?
    private let saving: WindowStateSaving
    /// Called once windows closed and their reports were saved (the alert rules evaluate then).
    private let windowsClosed: @Sendable () -> Void
    private var windowing: WindowingState
    private var plan: DetectorPlan
    /// The schema's window and the server's lateness, which the plan may replace.
    private let schemaWindow: WindowSpec
    private let serverLateness: Double
    private var profiles: [Int64: WindowProfile] = [:]
    private var rowWindowTimes: [Int64: ClosedRange<Double>] = [:]
    private var baselines: [String: BaselineProfile] = [:]
    private var activeBaseline: String?
    private var baselineIsStale = false
    private var appliedThrough: Int64?
    /// Reports evaluated but not yet saved (a failed save is retried with the next batch).
    private var unsavedClosed: [ClosedWindow] = []
    /// Events inserted since the last save (profiled or not: `appliedThrough` moved past them).
    private var unsavedEvents = 0
    private var lastSave = ContinuousClock.now
    /// The store and profiling stages batches go through (``ingest(_:receivedAt:)``).
    private let stages = IngestStages(maxUnprofiled: maxUnprofiledBatches)

    /// Most batches stored but not yet profiled: enough to store one batch while the one before
    /// it is profiled, and few enough that a read waiting for ``settled()`` waits for at most
    /// two batches' profiling, and that a model holds at most two batches in memory for it.
    static let maxUnprofiledBatches = 2

    private init(
        model: StoredModel, store: any Store, counters: IngestCounters, allowedLateness: Double, plan: DetectorPlan,
        performance: PerformanceTracker?, saving: WindowStateSaving, windowsClosed: @escaping @Sendable () -> Void,
        logger: Logger
    ) throws {
        self.plan = plan
        schemaWindow = model.schema.window
        serverLateness = allowedLateness
        self.windowsClosed = windowsClosed
        self.model = model.name
        self.store = store
        self.counters = counters
        self.performance = performance
        self.saving = saving
        self.logger = logger
        self.windowing = try Self.freshWindowing(
            plan.window ?? model.schema.window, allowedLateness: plan.allowedLateness ?? allowedLateness)
    }

    /// The pipeline of `model`, resumed from its saved state; nil for an unknown model.
    static func load(
        model name: String, store: any Store, counters: IngestCounters, allowedLateness: Double,
        plan: DetectorPlan = .builtIn, performance: PerformanceTracker? = nil, saving: WindowStateSaving = .default,
        windowsClosed: @escaping @Sendable () -> Void = {}, logger: Logger
    ) async throws -> ModelPipeline? {
        guard let model = try await store.model(named: name) else { return nil }
        let pipeline = try ModelPipeline(
            model: model, store: store, counters: counters, allowedLateness: allowedLateness, plan: plan,
            performance: performance, saving: saving, windowsClosed: windowsClosed, logger: logger)
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
                rowWindowTimes = saved.rowWindowTimes
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

    /// Marks the active baseline as changed: the next batch profiled reads it again. Unsaved
    /// events are saved first, since a restart would replay them on the baseline active then.
    func baselineChanged() async {
        await stages.enqueue {
            await self.saveIfUnsaved()
            await self.markBaselineStale()
        }.value
    }

    /// Applies a new plan between batches (see the type): after every batch acknowledged before
    /// the call, and before any acknowledged after it.
    func apply(_ newPlan: DetectorPlan) async {
        await stages.enqueue { await self.replacePlan(newPlan) }.value
    }

    private func replacePlan(_ newPlan: DetectorPlan) async {
        let old = plan
        plan = newPlan
        let oldWindow = (old.window ?? schemaWindow, old.allowedLateness ?? serverLateness)
        let newWindow = (newPlan.window ?? schemaWindow, newPlan.allowedLateness ?? serverLateness)
        var windowsDropped = false
        if oldWindow != newWindow {
            do {
                windowing = try Self.freshWindowing(newWindow.0, allowedLateness: newWindow.1)
                logger.notice(
                    "window changed by the detector files; open windows dropped",
                    metadata: ["model": "\(model)", "windows": "\(profiles.count)"])
                profiles = [:]
                rowWindowTimes = [:]
                windowsDropped = true
            } catch {
                logger.error("the detector files' window is not usable", metadata: ["model": "\(model)", "error": "\(error)"])
            }
        }
        // A restart must not replay the events so far on the new window or baseline.
        if windowsDropped { await saveLogging() } else { await saveIfUnsaved() }
        if old.baseline != newPlan.baseline { baselineIsStale = true }
    }

    /// Saves the open state if events or reports are unsaved (graceful shutdown), after profiling
    /// every batch acknowledged before the call. A failure is logged.
    func flush() async {
        await stages.enqueue { await self.saveIfUnsaved() }.value
    }

    /// Returns once every batch acknowledged before the call is profiled and the reports of the
    /// windows it closed are saved, so a read that follows sees what the acknowledged events did.
    nonisolated func settled() async {
        await stages.settled()
    }

    /// Stores the batch and answers once it is committed; the newly stored events are profiled
    /// (and the windows they close evaluated) after it, in the same order as the stores
    /// (``IngestStages``): one batch is stored while the one before it is profiled, and a batch
    /// waits before it is stored while ``maxUnprofiledBatches`` are unprofiled. The answer does
    /// not depend on the profiling: a crash before a stored batch is profiled is made good by the
    /// replay at restart.
    nonisolated func ingest(_ events: [PredictionEvent], receivedAt: Double) async throws -> InsertOutcome {
        let (store, model) = (store, model)
        // Encoded here, in parallel with other batches, not in the store stage they queue for.
        let batch = EncodedPredictionBatch(events)
        let stored = await stages.enter(
            store: { try await store.insertPredictions(model: model, batch: batch, receivedAt: receivedAt) },
            profile: { result in
                guard case .success(let outcome) = result else { return }
                await self.profile(events, stored: outcome, receivedAt: receivedAt)
            })
        return try await stored.value
    }

    private func profile(_ events: [PredictionEvent], stored outcome: InsertOutcome, receivedAt: Double) async {
        if baselineIsStale {
            do {
                activeBaseline = try await loadActiveBaseline()
                baselineIsStale = false
            } catch {
                logger.error("reading the active baseline failed", metadata: ["model": "\(model)", "error": "\(error)"])
            }
        }
        let duplicates = Set(outcome.duplicatePositions)
        let fresh = duplicates.isEmpty ? events : events.indices.filter { !duplicates.contains($0) }.map { events[$0] }
        await apply(fresh, receivedAt: Array(repeating: receivedAt, count: fresh.count))
        if let last = outcome.lastSequence {
            appliedThrough = last
            unsavedEvents += outcome.inserted
        }
        if saveDue() {
            do {
                try await save()
            } catch {
                // The events are committed; the state is saved with a later batch or replayed on restart.
                logger.error("saving window state failed", metadata: ["model": "\(model)", "error": "\(error)"])
            }
        }
    }

    /// Whether the policy asks for a save now: a report waits, or enough events or time passed.
    private func saveDue() -> Bool {
        if !unsavedClosed.isEmpty { return true }
        guard unsavedEvents > 0 else { return false }
        if unsavedEvents >= saving.maxUnsavedEvents { return true }
        return (ContinuousClock.now - lastSave).fractionalSeconds >= saving.interval
    }

    private func markBaselineStale() {
        baselineIsStale = true
    }

    private func saveIfUnsaved() async {
        guard unsavedEvents > 0 || !unsavedClosed.isEmpty else { return }
        await saveLogging()
    }

    private func saveLogging() async {
        do {
            try await save()
        } catch {
            logger.error("saving window state failed", metadata: ["model": "\(model)", "error": "\(error)"])
        }
    }

    /// The baseline windows are opened on: the plan's when it names a stored one (a missing one
    /// is logged), else the active one.
    private func loadActiveBaseline() async throws -> String? {
        if let name = plan.baseline {
            if let stored = try await store.baseline(model: model, name: name) {
                baselines[stored.summary.name] = stored.profile
                return stored.summary.name
            }
            logger.warning(
                "the detector files name a baseline the model does not have; the active baseline is used",
                metadata: ["model": "\(model)", "baseline": "\(name)"])
        }
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
            return try Monitoring.evaluate(window: profile, against: baseline, detectors: plan.detectors)
        } catch {
            logger.error("window not evaluated", metadata: ["model": "\(model)", "error": "\(error)"])
            return nil
        }
    }

    private func save() async throws {
        let open = OpenWindows(
            windowing: windowing, profiles: profiles.keys.sorted().compactMap { profiles[$0] },
            appliedThrough: appliedThrough, savedAt: Date().timeIntervalSince1970, rowWindowTimes: rowWindowTimes)
        try await store.saveWindows(model: model, closed: unsavedClosed, open: open)
        if let performance, case .eventTime = windowing, !unsavedClosed.isEmpty {
            await performance.windowsClosed(model: model, unsavedClosed)
        }
        let closed = !unsavedClosed.isEmpty
        unsavedClosed = []
        unsavedEvents = 0
        lastSave = ContinuousClock.now
        if closed { windowsClosed() }
    }
}
