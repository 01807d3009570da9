import Monitoring

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
