/// A multivariate detector's verdict on a window (`driftwatch_multivariate_drift_score` and
/// `_p_value`): the features it compared jointly, the rows it compared on each side (those of the
/// joint samples complete in these features) and the outcome, whose result carries the method,
/// statistic, p-value (MMD and Hotelling) and threshold.
public struct MultivariateDriftReport: Sendable, Equatable, Codable {
    public var features: [String]
    public var referenceRows: Int
    public var currentRows: Int
    public var outcome: FeatureDriftOutcome

    public init(features: [String], referenceRows: Int, currentRows: Int, outcome: FeatureDriftOutcome) {
        self.features = features
        self.referenceRows = referenceRows
        self.currentRows = currentRows
        self.outcome = outcome
    }
}
