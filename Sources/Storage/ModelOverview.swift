/// A model as `GET /v1/models` lists it: its registration, the summary of its active baseline and
/// its latest closed window with its performance, and its latest window with labels, all read in
/// one snapshot.
public struct ModelOverview: Sendable, Equatable {
    public var model: StoredModel
    /// nil when the model has no active baseline.
    public var activeBaseline: BaselineSummary?
    /// The closed window with the latest start, nil before the first closes.
    public var latestWindow: ClosedWindow?
    /// The stored performance of ``latestWindow``, nil when it has none.
    public var latestWindowPerformance: StoredWindowPerformance?
    /// The performance of the model's latest window with at least one labelled row
    /// (``Store/latestLabeledPerformance(model:)``), which `/metrics` exports.
    public var latestLabeledPerformance: StoredWindowPerformance?

    public init(
        model: StoredModel, activeBaseline: BaselineSummary?, latestWindow: ClosedWindow?,
        latestWindowPerformance: StoredWindowPerformance? = nil, latestLabeledPerformance: StoredWindowPerformance? = nil
    ) {
        self.model = model
        self.activeBaseline = activeBaseline
        self.latestWindow = latestWindow
        self.latestWindowPerformance = latestWindowPerformance
        self.latestLabeledPerformance = latestLabeledPerformance
    }
}
