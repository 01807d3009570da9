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
    /// One report per detector of the model's plan (`evaluate(window:against:detectors:)`);
    /// empty in reports stored before driftwatch applied detector files.
    public var detectors: [DetectorReport] = []

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
        datasetDriftShare = Self.driftShare(of: features)
    }

    private enum CodingKeys: String, CodingKey {
        case baselineName, windowRange, rows, features, prediction, datasetDriftShare, outliers, detectors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baselineName = try container.decode(String.self, forKey: .baselineName)
        windowRange = try container.decode(ClosedRange<Int64>.self, forKey: .windowRange)
        rows = try container.decode(Int.self, forKey: .rows)
        features = try container.decode([FeatureDriftReport].self, forKey: .features)
        prediction = try container.decode(FeatureDriftReport.self, forKey: .prediction)
        datasetDriftShare = try container.decodeIfPresent(Double.self, forKey: .datasetDriftShare)
        outliers = try container.decodeIfPresent(OutlierReport.self, forKey: .outliers)
        detectors = try container.decodeIfPresent([DetectorReport].self, forKey: .detectors) ?? []
    }

    /// Drifted features over features with a verdict (evaluated, or "not enough variation");
    /// nil when none has one.
    public static func driftShare(of features: [FeatureDriftReport]) -> Double? {
        let judged = features.filter(\.outcome.hasVerdict)
        return judged.isEmpty ? nil : Double(judged.filter(\.drifted).count) / Double(judged.count)
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
