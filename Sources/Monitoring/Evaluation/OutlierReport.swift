/// A closed window's outlier figures (`driftwatch_outlier_ratio`): rows scored against the
/// baseline's ``MahalanobisOutlierModel`` (every numeric feature present and finite) and rows
/// whose squared distance passed its threshold.
public struct OutlierReport: Sendable, Equatable, Codable {
    /// `mahalanobis`.
    public var detector: String
    public var scored: Int
    public var above: Int
    /// `above / scored`; nil when no row was scored.
    public var ratio: Double?
    /// The squared-distance threshold (the baseline's 0.99 quantile).
    public var threshold: Double

    public init(_ outliers: WindowOutliers) {
        detector = WindowOutliers.detector
        scored = outliers.scored
        above = outliers.above
        ratio = outliers.ratio
        threshold = outliers.model.threshold
    }
}
