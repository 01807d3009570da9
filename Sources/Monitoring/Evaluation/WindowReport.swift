/// The drift and data-quality verdict on one window against one baseline.
public struct WindowReport: Sendable, Equatable, Codable {
    public var baselineName: String
    public var windowRange: ClosedRange<Int64>
    /// `driftwatch_window_rows`.
    public var rows: Int
    /// One per baseline feature, in the baseline's order.
    public var features: [FeatureDriftReport]
    /// Prediction drift (`driftwatch_prediction_drift_score`); not part of the drift share.
    public var prediction: FeatureDriftReport
    /// `driftwatch_dataset_drift_share`: drifted features / features with a verdict (evaluated,
    /// or "not enough variation"). Features with insufficient data or an inapplicable method have
    /// no verdict and are left out; nil when no feature has one.
    public var datasetDriftShare: Double?
    /// `driftwatch_outlier_ratio`; nil when the baseline has no outlier model (and in reports
    /// stored before driftwatch scored outliers).
    public var outliers: OutlierReport?

    public init(
        baselineName: String, windowRange: ClosedRange<Int64>, rows: Int, features: [FeatureDriftReport],
        prediction: FeatureDriftReport, outliers: OutlierReport? = nil
    ) {
        self.outliers = outliers
        self.baselineName = baselineName
        self.windowRange = windowRange
        self.rows = rows
        self.features = features
        self.prediction = prediction
        let judged = features.filter(\.outcome.hasVerdict)
        datasetDriftShare = judged.isEmpty
            ? nil : Double(judged.filter(\.drifted).count) / Double(judged.count)
    }

    /// The names of the drifted features, in the baseline's order.
    public var driftedFeatures: [String] {
        features.filter(\.drifted).map(\.field.name)
    }

    /// The report of the feature called `name`.
    public func feature(named name: String) -> FeatureDriftReport? {
        features.first { $0.field == .feature(name) }
    }
}
