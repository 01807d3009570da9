import Monitoring
import Storage

/// A closed window as `GET /v1/models/{model}/windows` lists it. Times are epoch seconds.
struct WindowSummary: Encodable {
    var index: Int64
    var start: Double
    var end: Double
    var closedAt: Double
    var rows: Int
    var baseline: String
    /// Null when no feature had a verdict.
    var driftShare: Double?
    var driftedFeatures: [String]
    /// `driftwatch_outlier_ratio`: null when the baseline has no outlier model or no row was scored.
    var outlierRatio: Double?
    var outliers: OutlierSummary?
    /// Null for windows without a computed performance (row-count windows, or not computed yet).
    var performance: PerformanceSummary?

    init(_ window: ClosedWindow, performance: StoredWindowPerformance? = nil) {
        index = window.index
        start = window.start
        end = window.end
        closedAt = window.closedAt
        rows = window.report.rows
        baseline = window.report.baselineName
        driftShare = window.report.datasetDriftShare.finite
        driftedFeatures = window.report.driftedFeatures
        outlierRatio = window.report.outliers?.ratio.finite
        outliers = window.report.outliers.map(OutlierSummary.init)
        self.performance = performance.map(PerformanceSummary.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(rows, forKey: .rows)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(driftShare, forKey: .driftShare)
        try container.encode(driftedFeatures, forKey: .driftedFeatures)
        try container.encode(outlierRatio, forKey: .outlierRatio)
        try container.encode(outliers, forKey: .outliers)
        try container.encode(performance, forKey: .performance)
    }

    private enum CodingKeys: String, CodingKey {
        case index, start, end, rows, baseline, outliers, performance, closedAt = "closed_at", driftShare = "drift_share"
        case driftedFeatures = "drifted_features", outlierRatio = "outlier_ratio"
    }
}

/// A window's outlier counts against the baseline's Mahalanobis model.
struct OutlierSummary: Encodable {
    var detector: String
    /// Rows with every numeric feature present and finite.
    var scored: Int
    /// Rows whose squared Mahalanobis distance passed `threshold`.
    var above: Int
    /// The baseline's 0.99 quantile of its rows' squared distances.
    var threshold: Double?

    init(_ report: OutlierReport) {
        detector = report.detector
        scored = report.scored
        above = report.above
        threshold = report.threshold.isFinite ? report.threshold : nil
    }
}

/// A window's model performance on the labels joined within the label TTL, per model version.
struct PerformanceSummary: Encodable {
    var labeledRows: Int
    var labelsPastTTL: Int
    var unusablePairs: Int
    var unsupported: String?
    var computedAt: Double
    var versions: [Version]

    struct Version: Encodable {
        var version: String
        var labeledRows: Int
        /// Metric name → value; metrics that are undefined (or not finite) are in `undefined`.
        var metrics: [String: Double]
        var undefined: [String: String]

        private enum CodingKeys: String, CodingKey {
            case version, metrics, undefined, labeledRows = "labeled_rows"
        }
    }

    init(_ stored: StoredWindowPerformance) {
        let performance = stored.performance
        labeledRows = performance.labeledRows
        labelsPastTTL = performance.labelsPastTTL
        unusablePairs = performance.unusablePairs
        unsupported = performance.unsupported
        computedAt = stored.computedAt
        versions = performance.versions.map { version in
            var undefined = version.undefined
            for (name, value) in version.metrics where !value.isFinite { undefined[name] = "not finite (\(value))" }
            return Version(
                version: version.version, labeledRows: version.labeledRows,
                metrics: version.metrics.filter { $0.value.isFinite }, undefined: undefined)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(labeledRows, forKey: .labeledRows)
        try container.encode(labelsPastTTL, forKey: .labelsPastTTL)
        try container.encode(unusablePairs, forKey: .unusablePairs)
        try container.encode(unsupported, forKey: .unsupported)
        try container.encode(computedAt, forKey: .computedAt)
        try container.encode(versions, forKey: .versions)
    }

    private enum CodingKeys: String, CodingKey {
        case unsupported, versions, labeledRows = "labeled_rows", labelsPastTTL = "labels_past_ttl"
        case unusablePairs = "unusable_pairs", computedAt = "computed_at"
    }
}

/// `GET /v1/models/{model}/windows`.
struct WindowListResponse: Encodable {
    var model: String
    var windows: [WindowSummary]
}

/// `GET /v1/models/{model}/drift`: one closed window's report: the overview (every feature and the
/// prediction judged with `method: auto`, with their data quality) and each detector's verdict.
struct DriftResponse: Encodable {
    var model: String
    /// The overview's method choice: `auto`.
    var detector: String
    var window: WindowSummary
    var features: [FieldDrift]
    var prediction: FieldDrift
    /// One entry per detector of the model's plan when the window closed.
    var detectors: [DetectorDrift]

    init(model: String, window: ClosedWindow, performance: StoredWindowPerformance?) {
        self.model = model
        detector = "auto"
        self.window = WindowSummary(window, performance: performance)
        features = window.report.features.map(FieldDrift.init)
        prediction = FieldDrift(window.report.prediction)
        detectors = window.report.detectors.map(DetectorDrift.init)
    }
}

/// One field's drift outcome and data quality. Statistics that are not finite are null.
struct FieldDrift: Encodable {
    var name: String
    var type: String
    var verdict: DriftVerdict
    var referenceCount: Int
    var currentCount: Int
    var missingRatio: Double?
    var outOfRangeRatio: Double?
    var unseenCategoryRatio: Double?

    init(_ report: FeatureDriftReport) {
        name = report.field.name
        type = report.type.rawValue
        verdict = DriftVerdict(report.outcome, sample: "non-missing values")
        referenceCount = report.referenceCount
        currentCount = report.currentCount
        missingRatio = report.quality.missingRatio.finite
        outOfRangeRatio = report.quality.outOfRangeRatio.finite
        unseenCategoryRatio = report.quality.unseenCategoryRatio.finite
    }

    /// The verdict's keys and the field's in one object.
    func encode(to encoder: any Encoder) throws {
        try verdict.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(referenceCount, forKey: .referenceCount)
        try container.encode(currentCount, forKey: .currentCount)
        try container.encodeIfPresent(missingRatio, forKey: .missingRatio)
        try container.encodeIfPresent(outOfRangeRatio, forKey: .outOfRangeRatio)
        try container.encodeIfPresent(unseenCategoryRatio, forKey: .unseenCategoryRatio)
    }

    private enum CodingKeys: String, CodingKey {
        case name, type
        case referenceCount = "reference_count", currentCount = "current_count", missingRatio = "missing_ratio"
        case outOfRangeRatio = "out_of_range_ratio", unseenCategoryRatio = "unseen_category_ratio"
    }
}

extension Optional where Wrapped == Double {
    /// The value when finite, else nil (JSON has no NaN or infinity).
    var finite: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}
