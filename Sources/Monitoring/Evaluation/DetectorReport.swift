/// One detector's verdict on a closed window: what its series on `/metrics` show, labelled
/// `detector=<name>`.
public struct DetectorReport: Sendable, Equatable, Codable {
    public var name: String
    public var outcome: Outcome

    /// The verdict, by the detector's kind.
    public enum Outcome: Sendable, Equatable, Codable {
        /// The selected features in the baseline's order, and their drift share (drifted
        /// features over those with a verdict; nil when none has one).
        case univariate(features: [FeatureDriftReport], driftShare: Double?)
        case prediction(FeatureDriftReport)
        case multivariate(MultivariateDriftReport)
        /// The window's outlier counts; nil when the baseline has no outlier model. `minRows`:
        /// fewer scored rows give no ratio.
        case outliers(OutlierReport?, minRows: Int)
        /// The features whose data-quality ratios are exported.
        case dataQuality(features: [String])
    }

    public init(name: String, outcome: Outcome) {
        self.name = name
        self.outcome = outcome
    }

    /// The outlier ratio when enough rows were scored for it to count.
    public var outlierRatio: Double? {
        guard case let .outliers(report?, minRows) = outcome, report.scored >= minRows else { return nil }
        return report.ratio
    }
}
