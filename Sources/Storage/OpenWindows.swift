import Monitoring

/// Everything needed to resume a model's open windows after a restart.
public struct OpenWindows: Sendable, Equatable {
    public var windowing: WindowingState
    /// The open windows' profiles, in increasing window order (keyed by `windowRange.lowerBound`).
    public var profiles: [WindowProfile]
    /// The ``StoredPrediction/sequence`` of the last prediction the profiles include (nil: none).
    /// Saving state with every batch would re-encode every profile per batch, so a server saves it
    /// now and then; on restart it replays ``Store/predictions(model:afterSequence:limit:)`` from
    /// here, in arrival order, to bring the profiles up to date.
    public var appliedThrough: Int64?
    /// Seconds since the Unix epoch when this state was saved.
    public var savedAt: Double
    /// For row-count windows: the earliest and latest event time of each open window's rows, keyed
    /// like ``profiles`` (a closed row window reports them as its start and end). Empty for
    /// event-time windows, and for states saved before these times were kept.
    public var rowWindowTimes: [Int64: ClosedRange<Double>]

    public init(
        windowing: WindowingState, profiles: [WindowProfile], appliedThrough: Int64?, savedAt: Double,
        rowWindowTimes: [Int64: ClosedRange<Double>] = [:]
    ) {
        self.windowing = windowing
        self.profiles = profiles
        self.appliedThrough = appliedThrough
        self.savedAt = savedAt
        self.rowWindowTimes = rowWindowTimes
    }
}
