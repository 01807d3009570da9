import Monitoring

/// One detector's verdict on a window in `GET /v1/models/{model}/drift`: its name and kind, and
/// the part its kind fills — the selected features and their drift share (univariate), the
/// prediction, the joint test (multivariate), the outlier counts, or the features whose data
/// quality is exported.
struct DetectorDrift: Encodable {
    var name: String
    var kind: String
    var driftShare: Double?
    var features: [FieldDrift]?
    var prediction: FieldDrift?
    var multivariate: MultivariateDrift?
    var outliers: OutlierSummary?
    /// The ratio counted once the detector's `min_rows` rows were scored.
    var outlierRatio: Double?
    var qualityFeatures: [String]?

    init(_ report: DetectorReport) {
        name = report.name
        switch report.outcome {
        case let .univariate(features, share):
            kind = DetectorKind.univariate.rawValue
            self.features = features.map(FieldDrift.init)
            driftShare = share.finite
        case .prediction(let prediction):
            kind = DetectorKind.prediction.rawValue
            self.prediction = FieldDrift(prediction)
        case .multivariate(let multivariate):
            kind = DetectorKind.multivariate.rawValue
            self.multivariate = MultivariateDrift(multivariate)
        case .outliers(let outliers, _):
            kind = DetectorKind.outliers.rawValue
            self.outliers = outliers.map(OutlierSummary.init)
            outlierRatio = report.outlierRatio.finite
        case .dataQuality(let names):
            kind = DetectorKind.dataQuality.rawValue
            qualityFeatures = names
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, features, prediction, multivariate, outliers
        case driftShare = "drift_share", outlierRatio = "outlier_ratio", qualityFeatures = "quality_features"
    }
}

/// A multivariate detector's features, the complete rows it compared on each side, and its verdict.
struct MultivariateDrift: Encodable {
    var features: [String]
    var referenceRows: Int
    var currentRows: Int
    var verdict: DriftVerdict

    init(_ report: MultivariateDriftReport) {
        features = report.features
        referenceRows = report.referenceRows
        currentRows = report.currentRows
        verdict = DriftVerdict(report.outcome, sample: "complete rows")
    }

    /// The verdict's keys and the rows' in one object.
    func encode(to encoder: any Encoder) throws {
        try verdict.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(features, forKey: .features)
        try container.encode(referenceRows, forKey: .referenceRows)
        try container.encode(currentRows, forKey: .currentRows)
    }

    private enum CodingKeys: String, CodingKey {
        case features, referenceRows = "reference_rows", currentRows = "current_rows"
    }
}
