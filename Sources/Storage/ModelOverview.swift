/// A model as `GET /v1/models` lists it: its registration, the summary of its active baseline and
/// its latest closed window, all read in one snapshot.
public struct ModelOverview: Sendable, Equatable {
    public var model: StoredModel
    /// nil when the model has no active baseline.
    public var activeBaseline: BaselineSummary?
    /// The closed window with the latest start, nil before the first closes.
    public var latestWindow: ClosedWindow?

    public init(model: StoredModel, activeBaseline: BaselineSummary?, latestWindow: ClosedWindow?) {
        self.model = model
        self.activeBaseline = activeBaseline
        self.latestWindow = latestWindow
    }
}
