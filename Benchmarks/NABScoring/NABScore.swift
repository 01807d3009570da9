/// A detector's score on a set of NAB series under one profile, at the threshold that scores
/// best (chosen in hindsight, as NAB does).
public struct NABScore: Sendable, Equatable {
    public var profile: String
    /// 100 for every window detected at its first row, 0 for detecting nothing.
    public var normalized: Double
    /// The sum of window scores and false-positive costs over all series (NAB's raw score).
    public var raw: Double
    /// Rows with an anomaly score at or above it are detections.
    public var threshold: Double
    /// Scored (post-probation) rows detected inside windows.
    public var truePositiveRows: Int
    /// Scored rows detected outside windows.
    public var falsePositiveRows: Int
    /// Windows with at least one detection, of ``windows``.
    public var detectedWindows: Int
    public var windows: Int
    /// Each series' share of ``raw``, in the scorer's series order.
    public var perSeries: [Double]
}
