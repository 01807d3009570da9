import Monitoring

/// A model's windowing state machine as persisted, so a restart resumes the same open windows:
/// event-time windows for a `duration` window spec, row-count windows for `{rows: N}`.
public enum WindowingState: Sendable, Equatable, Codable {
    case eventTime(TumblingEventTimeWindows)
    case rowCount(RowCountWindows)
}

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

    public init(windowing: WindowingState, profiles: [WindowProfile], appliedThrough: Int64?, savedAt: Double) {
        self.windowing = windowing
        self.profiles = profiles
        self.appliedThrough = appliedThrough
        self.savedAt = savedAt
    }
}

/// A closed window's evaluation with its place on the time axis.
///
/// For event-time windows `start`/`end` are the window's bounds; for row-count windows the
/// caller chooses them (typically the first and last event time of its rows), so both kinds
/// answer `GET /v1/models/{model}/windows?from=&to=`.
public struct ClosedWindow: Sendable, Equatable {
    /// The window's number (``EventTimeWindow/index`` or the row-count window's index).
    public var index: Int64
    /// Seconds since the Unix epoch, inclusive.
    public var start: Double
    /// Seconds since the Unix epoch, exclusive.
    public var end: Double
    /// When the window was closed and evaluated.
    public var closedAt: Double
    public var report: WindowReport

    public init(index: Int64, start: Double, end: Double, closedAt: Double, report: WindowReport) {
        self.index = index
        self.start = start
        self.end = end
        self.closedAt = closedAt
        self.report = report
    }
}
