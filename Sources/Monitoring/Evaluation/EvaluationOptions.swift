import DriftStatistics

/// How a window is judged: the univariate detector's `method`, `threshold` and `min_rows`
/// (design.md, detector YAML).
public struct EvaluationOptions: Sendable, Equatable, Codable {
    /// The method for every feature and the prediction; nil is `method: auto` (Evidently's rule).
    public var method: DriftMethod?
    /// The verdict's threshold; nil is Evidently's default for the method that ran.
    public var threshold: DriftThreshold?
    /// Fewer non-missing values than this on either side is "insufficient data" (100 by default).
    public var minRows: Int

    public init(method: DriftMethod? = nil, threshold: DriftThreshold? = nil, minRows: Int = 100) {
        self.method = method
        self.threshold = threshold
        self.minRows = minRows
    }
}
