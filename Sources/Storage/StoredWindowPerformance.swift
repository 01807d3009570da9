import Monitoring

/// A window's model performance as stored, with the window it belongs to.
public struct StoredWindowPerformance: Sendable, Equatable {
    /// The window's index (``ClosedWindow/index``).
    public var index: Int64
    /// The window's bounds, seconds since the Unix epoch (start inclusive, end exclusive).
    public var start: Double
    public var end: Double
    /// When it was last computed.
    public var computedAt: Double
    public var performance: WindowPerformance

    public init(index: Int64, start: Double, end: Double, computedAt: Double, performance: WindowPerformance) {
        self.index = index
        self.start = start
        self.end = end
        self.computedAt = computedAt
        self.performance = performance
    }
}
