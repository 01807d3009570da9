import AnomalyDetection
import Logging
import Monitoring
import ServiceLifecycle
import Storage

/// Runs the metric-anomaly detectors of the detector files (``MetricAnomalyWatch``) in the
/// server: pushed samples are scored as `POST /v1/metrics` stores them, driftwatch's window
/// series as windows close, and the scores reach `/metrics` and the alert rules through
/// ``ExpositionSource``.
///
/// The detectors' state is derived from stored samples, so it is saved only now and then
/// (``saveInterval``, and at shutdown): at start the saved state is read back and every sample
/// stored after a series' saved last point is replayed, and a detector added or changed by a
/// reload learns from the samples still stored (those younger than the raw-event retention)
/// before it scores new ones. A crash therefore loses no score, only the replay's time.
///
/// Operations run one at a time in call order (``serially(_:)``): a replay awaits the store
/// between its reads, and a sample observed in such a gap would otherwise get ahead of the
/// history being replayed and have it skipped as old.
actor MetricAnomalyService: Service {
    /// How often the changed detectors' state is saved: what a crash costs in replay.
    static let defaultSaveInterval = Duration.seconds(60)

    private let store: any Store
    private let saveInterval: Duration
    /// Pulled by the model pipelines when windows close.
    private let windowsClosed: AlertTrigger
    /// Called when a point is judged anomalous, so the alert rules look at once.
    private let anomalyFound: @Sendable () -> Void
    private let now: @Sendable () -> Double
    private let logger: Logger
    private var watch: MetricAnomalyWatch
    /// Series observed since their last save.
    private var unsaved: Set<WatchedSeriesKey> = []
    /// Per model, the latest closed window fed to the window-series detectors: its index, and
    /// the time its points were given.
    private var windowsFedThrough: [String: (index: Int64, time: Double)] = [:]
    /// The detectors already reported as watching their `max_series`, so the log says it once.
    private var reportedFull: Set<String> = []
    private var restored = false
    private var queue: Task<Void, Never>?

    init(
        store: any Store, specs: [MetricAnomalySpec], saveInterval: Duration = defaultSaveInterval, windowsClosed: AlertTrigger,
        anomalyFound: @escaping @Sendable () -> Void, now: @escaping @Sendable () -> Double, logger: Logger
    ) {
        self.store = store
        watch = MetricAnomalyWatch(specs: specs)
        self.saveInterval = saveInterval
        self.windowsClosed = windowsClosed
        self.anomalyFound = anomalyFound
        self.now = now
        self.logger = logger
    }

    /// Restores the saved state, then feeds closed windows as they close and saves every
    /// ``saveInterval``; on graceful shutdown it saves once more.
    func run() async throws {
        await serially { await $0.restoreIfNeeded() }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in self.windowsClosed.pulls { await self.feedClosedWindows() }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: self.saveInterval)
                        await self.save()
                    }
                }
            }
        }
        await save()
    }

    /// Scores samples just stored by `POST /v1/metrics` (those without a time at `receivedAt`).
    func observe(_ samples: [MetricSample], receivedAt: Double) async {
        guard watch.specs.contains(where: { !$0.watchesWindows }) else { return }
        await serially { service in
            await service.restoreIfNeeded()
            service.record(service.watch.observe(samples, receivedAt: receivedAt, windowSeries: false))
        }
    }

    /// Feeds the window-series detectors every window closed since the last feeding.
    func feedClosedWindows() async {
        guard watch.specs.contains(where: \.watchesWindows) else { return }
        await serially { service in
            await service.restoreIfNeeded()
            await service.feedWindows()
        }
    }

    /// `metrics` with each watched series' `driftwatch_metric_anomaly_score` and
    /// `driftwatch_metric_anomalous` added, after the windows closed so far are fed.
    func metrics(adding metrics: MetricSet) async throws(ExpositionError) -> MetricSet {
        try await serially { service -> Result<MetricSet, ExpositionError> in
            await service.restoreIfNeeded()
            await service.feedWindows()
            var set = metrics
            return Result { () throws(ExpositionError) -> MetricSet in
                try service.watch.add(to: &set)
                return set
            }
        }.get()
    }

    /// Takes the metric-anomaly detectors of a reloaded detector set: unchanged detectors keep
    /// their series, new and changed ones start over and learn from the stored samples.
    func replace(specs: [MetricAnomalySpec]) async {
        await serially { service in
            await service.restoreIfNeeded()
            let before = Set(service.watch.specs.map(\.name))
            let restarted = service.watch.replace(specs: specs)
            service.reportedFull = []
            service.unsaved = service.unsaved.filter { service.watch.series[$0] != nil }
            let gone = before.subtracting(specs.map(\.name)).union(restarted)
            do {
                try await service.store.deleteWatchedSeries(detectors: gone)
            } catch {
                service.logger.error("saved anomaly state of removed detectors not deleted", metadata: ["error": "\(error)"])
            }
            if specs.contains(where: { restarted.contains($0.name) && $0.watchesWindows }) { service.windowsFedThrough = [:] }
            await service.catchUp(detectors: restarted)
        }
    }

    /// Saves the state of the series observed since their last save.
    func save() async {
        await serially { service in
            await service.saveUnsaved()
        }
    }

    /// Runs `body` after every operation called before it has finished.
    private func serially<T: Sendable>(_ body: @escaping @Sendable (isolated MetricAnomalyService) async -> T) async -> T {
        let previous = queue
        let task = Task<T, Never> {
            await previous?.value
            return await body(self)
        }
        queue = Task { _ = await task.value }
        return await task.value
    }

    private func record(_ outcome: MetricAnomalyWatch.Outcome) {
        unsaved.formUnion(outcome.changed)
        for name in outcome.full.subtracting(reportedFull).sorted() {
            reportedFull.insert(name)
            logger.warning(
                "metric-anomaly detector watches its max_series; further series it matches are not scored",
                metadata: ["detector": "\(name)", "max_series": "\(watch.spec(named: name)?.maxSeries ?? 0)"])
        }
        if outcome.anomalous > 0 { anomalyFound() }
    }

    /// At the first operation: takes back the saved series whose detector is unchanged, deletes
    /// the saved series of detectors removed or changed since, and replays what was stored after.
    private func restoreIfNeeded() async {
        guard !restored else { return }
        restored = true
        do {
            var stale: Set<String> = []
            for saved in try await store.watchedSeries() {
                if watch.restore(saved.series, of: saved.key, savedWith: saved.detector) { continue }
                if watch.spec(named: saved.key.detector)?.detector != saved.detector { stale.insert(saved.key.detector) }
            }
            try await store.deleteWatchedSeries(detectors: stale)
        } catch {
            logger.error("saved metric anomaly state not read; the detectors learn again from the stored samples", metadata: ["error": "\(error)"])
        }
        await catchUp(detectors: Set(watch.specs.map(\.name)))
        logger.info(
            "metric anomaly detectors ready",
            metadata: ["detectors": "\(watch.specs.count)", "series": "\(watch.series.count)", "unsaved": "\(unsaved.count)"])
    }

    /// Feeds the pushed-metric detectors among `detectors` the stored samples after each matched
    /// series' last observed point, and the window detectors the windows not yet fed.
    private func catchUp(detectors: Set<String>) async {
        let pushed = watch.specs.filter { detectors.contains($0.name) && !$0.watchesWindows }
        if !pushed.isEmpty {
            do {
                var outcome = MetricAnomalyWatch.Outcome()
                for summary in try await store.metricSeries() {
                    let labels = SeriesLabels(name: summary.name, labels: summary.labels)
                    for spec in pushed where spec.metricName == summary.name && spec.selector.matches(labels) {
                        let key = WatchedSeriesKey(detector: spec.name, series: labels)
                        // Checked before the read, which a series not watched does not need.
                        guard watch.accepts(key, of: spec) else {
                            outcome.full.insert(spec.name)
                            continue
                        }
                        let after = watch.series[key]?.lastTimestamp
                        if let after, after >= summary.lastTimestamp { continue }
                        let points = try await store.metricSamples(
                            name: summary.name, labels: summary.labels, timestamps: (after?.nextUp ?? -.infinity)..<Double.infinity)
                        watch.observe(points.map { ($0.timestamp, $0.value) }, of: key, into: &outcome)
                    }
                }
                record(outcome)
                if outcome.observed > 0 {
                    logger.info(
                        "metric anomaly detectors replayed stored samples",
                        metadata: ["points": "\(outcome.observed)", "series": "\(outcome.changed.count)"])
                }
            } catch {
                logger.error("stored metric samples not replayed into the anomaly detectors", metadata: ["error": "\(error)"])
            }
        }
        await feedWindows()
    }

    /// Feeds every window closed after the last one fed, per model in window order, as samples
    /// of the window's series at the window's end. Windows of `{rows: N}` end at their last
    /// event's time, which one batch without event times gives all its windows; such a window
    /// takes the smallest time after the one before it, so each window stays one point.
    private func feedWindows() async {
        guard watch.specs.contains(where: \.watchesWindows) else { return }
        do {
            for model in try await store.models() {
                while true {
                    let through = windowsFedThrough[model.name]
                    let windows = try await store.closedWindows(model: model.name, afterIndex: through?.index ?? .min, limit: 500)
                    for window in windows { feed(window, of: model.name) }
                    if windows.count < 500 { break }
                }
            }
        } catch {
            logger.error("closed windows not fed to the anomaly detectors; retried at the next window", metadata: ["error": "\(error)"])
        }
    }

    /// Feeds the series of one closed window as samples at its end.
    private func feed(_ window: ClosedWindow, of model: String) {
        let time = max(window.end, (windowsFedThrough[model]?.time ?? -.infinity).nextUp)
        var set = MetricSet()
        do {
            try WindowMetrics.add(model: model, window: window, to: &set)
        } catch {
            logger.error("a closed window's series not fed to the anomaly detectors", metadata: ["model": "\(model)", "window": "\(window.index)", "error": "\(error)"])
        }
        var samples: [MetricSample] = []
        for family in set.families {
            for series in family.series {
                guard case .number(let value) = series.value else { continue }
                let labels = Dictionary(series.labels.labels.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
                samples.append(MetricSample(name: family.name, labels: labels, timestamp: time, value: value))
            }
        }
        record(watch.observe(samples, receivedAt: time, windowSeries: true))
        windowsFedThrough[model] = (window.index, time)
    }

    private func saveUnsaved() async {
        guard !unsaved.isEmpty else { return }
        let keys = unsaved.sorted()
        let entries = keys.compactMap { key -> StoredWatchedSeries? in
            guard let series = watch.series[key], let spec = watch.spec(named: key.detector) else { return nil }
            return StoredWatchedSeries(key: key, detector: spec.detector, series: series)
        }
        do {
            try await store.saveWatchedSeries(entries, at: now())
            unsaved.subtract(keys)
            logger.debug("metric anomaly state saved", metadata: ["series": "\(entries.count)"])
        } catch {
            logger.error("metric anomaly state not saved; retried at the next save", metadata: ["error": "\(error)"])
        }
    }
}
