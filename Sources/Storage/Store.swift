import Monitoring

/// Where driftwatch keeps models, baselines, raw events and window state.
///
/// Every method except ``prune(olderThan:batchSize:)`` (which commits batch by batch) either
/// completes entirely or changes nothing (one transaction), and a method that
/// returns after writing has committed: with the SQLite store the write survives a crash of the
/// process from that moment on (see ``StoreDurability`` for power loss). Times are seconds since
/// the Unix epoch, as in the domain types.
///
/// Retention: raw events (predictions, labels, metric samples) are kept until
/// ``prune(olderThan:batchSize:)`` removes them; models, baselines, open-window state,
/// closed-window reports and window performance are kept until replaced. A window's performance
/// is computed from raw events, so a label TTL longer than the raw-event retention would let a
/// recomputation miss pruned rows.
public protocol Store: Sendable {
    // MARK: Models

    /// Creates model `name` or replaces its schema, keeping its creation time, baselines and events.
    @discardableResult
    func putModel(name: String, schema: ModelSchema, at time: Double) async throws(StoreError) -> StoredModel
    /// The model called `name`, or nil.
    func model(named name: String) async throws(StoreError) -> StoredModel?
    /// Every model, ordered by name.
    func models() async throws(StoreError) -> [StoredModel]
    /// Every model, ordered by name, with its active baseline's summary and its latest closed
    /// window, read in one snapshot with a fixed number of queries whatever the number of models.
    func modelOverviews() async throws(StoreError) -> [ModelOverview]

    // MARK: Baselines

    /// Stores `profile` as the model's baseline `profile.name`, replacing one of that name. With
    /// `activate` it becomes the model's only active baseline; otherwise an existing baseline of
    /// that name keeps its active flag.
    /// - Throws: `.notFound` for an unknown model.
    func putBaseline(model: String, profile: BaselineProfile, activate: Bool, at time: Double) async throws(StoreError)
    /// Makes baseline `name` the model's only active one.
    /// - Throws: `.notFound` for an unknown model or baseline.
    func activateBaseline(model: String, name: String) async throws(StoreError)
    /// Baseline `name` of the model, or nil (also for an unknown model).
    func baseline(model: String, name: String) async throws(StoreError) -> StoredBaseline?
    /// The model's active baseline, or nil when it has none.
    func activeBaseline(model: String) async throws(StoreError) -> StoredBaseline?
    /// The model's baselines without their profiles, ordered by name.
    func baselines(model: String) async throws(StoreError) -> [BaselineSummary]

    // MARK: Raw events

    /// Stores prediction events, idempotently on (model, `id`): an event whose id is already
    /// stored — by an earlier call or earlier in the same batch — is counted as a duplicate and
    /// leaves the stored one untouched. An event without a timestamp is stored with `receivedAt`
    /// as its event time.
    /// - Throws: `.notFound` for an unknown model; nothing of the batch is stored then.
    func insertPredictions(model: String, batch: EncodedPredictionBatch, receivedAt: Double) async throws(StoreError)
        -> InsertOutcome
    /// Stores label events, idempotently on (model, `id`) as ``insertPredictions(model:batch:receivedAt:)``.
    /// A label may arrive before or after its prediction; they are joined by id when read.
    func insertLabels(model: String, events: [LabelEvent], receivedAt: Double) async throws(StoreError)
        -> InsertOutcome
    /// The stored predictions of the model with these ids (missing ids are skipped), in the order of `ids`.
    func predictions(model: String, ids: [String]) async throws(StoreError) -> [StoredPrediction]
    /// The stored labels of the model with these ids (missing ids are skipped), in the order of `ids`.
    func labels(model: String, ids: [String]) async throws(StoreError) -> [StoredLabel]
    /// Up to `limit` predictions of the model stored after insertion sequence `sequence`, in
    /// insertion order: the replay that brings saved window profiles up to date after a restart.
    func predictions(model: String, afterSequence sequence: Int64, limit: Int) async throws(StoreError)
        -> [StoredPrediction]
    /// Up to `limit` predictions with event time in `eventTimes` (lower bound inclusive, upper
    /// exclusive), ordered by event time then insertion, starting after `cursor`. Each page is
    /// one short read, so paging through a large range never holds a transaction open between pages.
    func predictionPage(model: String, eventTimes: Range<Double>, after cursor: PredictionCursor?, limit: Int)
        async throws(StoreError) -> PredictionPage

    // MARK: Metric samples

    /// Stores operational metric samples; a sample without a timestamp gets `receivedAt`.
    /// Idempotent on (series, timestamp), where a series is the name with its label set (label
    /// order does not matter): a re-pushed sample replaces the stored value and receipt time
    /// rather than adding a second one, and within one batch the last of equal keys wins.
    /// - Returns: the number of samples written (new or replacing).
    @discardableResult
    func insertMetricSamples(_ samples: [MetricSample], receivedAt: Double) async throws(StoreError) -> Int
    /// Every stored series with at least one sample, ordered by name, then by canonical label set.
    func metricSeries() async throws(StoreError) -> [MetricSeriesSummary]
    /// The samples of one series with timestamp in `timestamps` (lower bound inclusive, upper
    /// exclusive), ordered by timestamp; empty for an unknown series.
    func metricSamples(name: String, labels: [String: String], timestamps: Range<Double>) async throws(StoreError)
        -> [MetricPoint]

    // MARK: Windows

    /// In one transaction: stores the closed windows' reports (replacing a stored report of the
    /// same window index) and replaces the model's open-window state with `openWindows`.
    /// - Throws: `.notFound` for an unknown model; `.invalidArgument` when a profile or report
    ///   cannot be encoded.
    func saveWindows(model: String, closed: [ClosedWindow], open openWindows: OpenWindows) async throws(StoreError)
    /// The model's saved open-window state, or nil when none was saved.
    func openWindows(model: String) async throws(StoreError) -> OpenWindows?
    /// Closed windows overlapping `[from, to)` (`end > from` and `start < to`), ordered by start.
    func closedWindows(model: String, from: Double, to: Double) async throws(StoreError) -> [ClosedWindow]
    /// At most `limit` closed windows with an index above `index`, in index order (the order
    /// they closed in).
    func closedWindows(model: String, afterIndex index: Int64, limit: Int) async throws(StoreError) -> [ClosedWindow]
    /// The closed window with the latest start, or nil.
    func latestClosedWindow(model: String) async throws(StoreError) -> ClosedWindow?

    // MARK: Performance

    /// Feeds `accumulator` every prediction of the model with event time in `eventTimes` (lower
    /// bound inclusive, upper exclusive) that has a label, joined by id, and returns it. Pairs
    /// come ordered by version (a missing version first, as `""`) then by prediction value
    /// (numbers ascending), which is the order ``WindowPerformanceAccumulator`` needs for ROC AUC.
    /// One read transaction; memory is that of the accumulator, not of the rows.
    func accumulatePerformance(
        model: String, eventTimes: Range<Double>, into accumulator: WindowPerformanceAccumulator
    ) async throws(StoreError) -> WindowPerformanceAccumulator
    /// Stores (replacing) the performance of the model's window `performance.index`.
    /// - Throws: `.notFound` for an unknown model.
    func saveWindowPerformance(model: String, _ performance: StoredWindowPerformance) async throws(StoreError)
    /// The stored performance of the model's windows with index in `indices`, by index.
    func windowPerformance(model: String, indices: ClosedRange<Int64>) async throws(StoreError)
        -> [Int64: StoredWindowPerformance]
    /// The stored performance of the model's latest window (highest index) with at least one
    /// labelled row, or nil.
    func latestLabeledPerformance(model: String) async throws(StoreError) -> StoredWindowPerformance?

    // MARK: Retention

    /// Deletes raw events (predictions, labels, metric samples) received before `cutoff`, in
    /// transactions of at most `batchSize` rows so that ingest waits at most one small delete at a
    /// time. Models, baselines, window state and reports are kept.
    ///
    /// A prediction is deleted only once its model's saved window state covers it (its insertion
    /// sequence is at most the saved ``OpenWindows/appliedThrough``): the events after it are what
    /// a restart replays into the open windows, so pruning them would silently drop rows from a
    /// window. A model without saved window state keeps all its predictions, and the newest
    /// stored batch of predictions is always kept, so insertion sequences keep growing. Metric
    /// series left without samples are removed with their last sample.
    @discardableResult
    func prune(olderThan cutoff: Double, batchSize: Int) async throws(StoreError) -> PruneOutcome

    // MARK: Alerts

    /// Saves one evaluation of the alert rules (``AlertEvaluationRecord``) in one transaction at
    /// `time`: the rules' states replace the stored ones, removed rules lose theirs, transitions
    /// join the history, each notification is queued for its receiver, replacing an
    /// undelivered one of the same alert (whose attempts start over), and each action run is
    /// stored unless a run with its idempotency key exists.
    func saveAlertEvaluation(_ record: AlertEvaluationRecord, at time: Double) async throws(StoreError)
    /// The stored state of every rule, to resume after a restart.
    func alertStates() async throws(StoreError) -> [String: AlertRuleState]
    /// Transitions with `from <= at < to`, newest first, at most `limit`.
    func alertTransitions(from: Double, to: Double, limit: Int) async throws(StoreError) -> [AlertTransition]
    /// Queued notifications whose next attempt is due at `time`, oldest due first.
    func dueNotifications(at time: Double, limit: Int) async throws(StoreError) -> [QueuedNotification]
    /// Removes a delivered notification, unless a newer one of the same alert replaced it meanwhile.
    func completeNotification(_ notification: QueuedNotification) async throws(StoreError)
    /// Records a failed attempt and when to try again, unless a newer notification of the same
    /// alert replaced it meanwhile.
    func retryNotification(_ notification: QueuedNotification, at nextAttempt: Double, error: String) async throws(StoreError)

    // MARK: Actions

    /// Action runs, newest first: those with one of `statuses` (all when nil), with an id below
    /// `beforeID` when given (paging), at most `limit`.
    func actionRuns(statuses: Set<ActionStatus>?, beforeID: Int64?, limit: Int) async throws(StoreError) -> [ActionRun]
    /// The run with this id, or nil.
    func actionRun(id: Int64) async throws(StoreError) -> ActionRun?
    /// Runs of `action` for `model` created at or after `since`, oldest first (for the cooldown).
    func actionRuns(action: String, model: String, createdSince since: Double) async throws(StoreError) -> [ActionRun]
    /// Replaces the stored run with the same id.
    /// - Throws: `.notFound` for an unknown id.
    func updateActionRun(_ run: ActionRun) async throws(StoreError)
    /// The target of the newest run that succeeded on `resource` for real (not a dry run).
    func lastActionTarget(resource: String) async throws(StoreError) -> ActionTarget?
    /// How many runs ended with each outcome, per action and adapter (`driftwatch_actions_total`).
    func actionOutcomeCounts() async throws(StoreError) -> [ActionOutcomeCount]

    // MARK: Metric anomaly detection

    /// Saves the state of watched series in one transaction, each replacing its earlier save.
    func saveWatchedSeries(_ entries: [StoredWatchedSeries], at time: Double) async throws(StoreError)
    /// Every saved watched series, in key order.
    func watchedSeries() async throws(StoreError) -> [StoredWatchedSeries]
    /// Deletes the saved series of the metric-anomaly detectors called `detectors`.
    func deleteWatchedSeries(detectors: Set<String>) async throws(StoreError)

    // MARK: Lifecycle

    /// Waits for running operations, then releases the file (the last step of a graceful
    /// shutdown). Every later call fails with `.failed`.
    func close() async throws(StoreError)
}

extension Store {
    /// ``insertPredictions(model:batch:receivedAt:)`` of `events`, encoded first.
    public func insertPredictions(model: String, events: [PredictionEvent], receivedAt: Double) async throws(StoreError)
        -> InsertOutcome
    {
        try await insertPredictions(model: model, batch: EncodedPredictionBatch(events), receivedAt: receivedAt)
    }

    /// ``prune(olderThan:batchSize:)`` in transactions of 10 000 rows.
    @discardableResult
    public func prune(olderThan cutoff: Double) async throws(StoreError) -> PruneOutcome {
        try await prune(olderThan: cutoff, batchSize: 10_000)
    }

    /// The predictions with event time in `eventTimes`, as a stream of pages of `pageSize` (for
    /// freezing a past time range as a baseline without holding it all at once or holding a
    /// read transaction open). The stream ends after the last page or with the first error.
    public func predictionPages(model: String, eventTimes: Range<Double>, pageSize: Int = 1000)
        -> AsyncThrowingStream<[StoredPrediction], any Error>
    {
        let store = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                var cursor: PredictionCursor?
                do {
                    repeat {
                        let page = try await store.predictionPage(
                            model: model, eventTimes: eventTimes, after: cursor, limit: pageSize)
                        if !page.predictions.isEmpty { continuation.yield(page.predictions) }
                        cursor = page.next
                    } while cursor != nil && !Task.isCancelled
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
