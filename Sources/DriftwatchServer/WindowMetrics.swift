import Monitoring
import Storage

/// The window series of design.md's metrics table for one model's most recently closed window,
/// from its detectors' reports (`WindowReport.detectors`), each labelled with the detector's name.
enum WindowMetrics {
    /// Adds the drift, data-quality and window gauges of `window` to `set`:
    /// - univariate: per selected feature with a result, its score, p-value (tests only) and
    ///   verdict, and the detector's drift share; a feature without a result (insufficient data,
    ///   no variation, method not applicable) has no drift series, as its method is unknown;
    /// - multivariate: its score and p-value (MMD, Hotelling) when it ran;
    /// - prediction: `driftwatch_prediction_drift_score{model, method}`;
    /// - outliers: the ratio once `min_rows` rows were scored;
    /// - data quality: the selected features' ratios, when defined.
    /// A report stored before driftwatch applied detector files has no detector reports, so its
    /// window exports only its row count and end.
    static func add(model: String, window: ClosedWindow, to set: inout MetricSet) throws(ExpositionError) {
        let report = window.report
        for detector in report.detectors {
            switch detector.outcome {
            case let .univariate(features, share):
                for feature in features {
                    guard let result = feature.outcome.result else { continue }
                    let labels: LabelSet = [
                        "model": model, "detector": detector.name, "feature": feature.field.name, "method": result.methodName,
                    ]
                    try set.add(DriftwatchMetrics.featureDriftScore, labels: labels, value: result.statistic)
                    if let pValue = result.pValue {
                        try set.add(DriftwatchMetrics.featureDriftPValue, labels: labels, value: pValue)
                    }
                    try set.add(DriftwatchMetrics.featureDriftDetected, labels: labels, value: result.drifted ? 1 : 0)
                }
                if let share {
                    try set.add(DriftwatchMetrics.datasetDriftShare, labels: ["model": model, "detector": detector.name], value: share)
                }
            case .multivariate(let multivariate):
                guard let result = multivariate.outcome.result else { continue }
                let labels: LabelSet = ["model": model, "detector": detector.name, "method": result.methodName]
                try set.add(DriftwatchMetrics.multivariateDriftScore, labels: labels, value: result.statistic)
                if let pValue = result.pValue {
                    try set.add(DriftwatchMetrics.multivariateDriftPValue, labels: labels, value: pValue)
                }
            case .prediction(let prediction):
                guard let result = prediction.outcome.result else { continue }
                try set.add(
                    DriftwatchMetrics.predictionDriftScore, labels: ["model": model, "method": result.methodName],
                    value: result.statistic)
            case .outliers:
                guard let ratio = detector.outlierRatio else { continue }
                try set.add(DriftwatchMetrics.outlierRatio, labels: ["model": model, "detector": detector.name], value: ratio)
            case .dataQuality(let names):
                for feature in report.features where names.contains(feature.field.name) {
                    try addQuality(model: model, feature: feature, to: &set)
                }
            }
        }
        try set.add(DriftwatchMetrics.windowRows, labels: ["model": model], value: Double(report.rows))
        try set.add(DriftwatchMetrics.windowEndTimestamp, labels: ["model": model], value: window.end)
    }

    private static func addQuality(model: String, feature: FeatureDriftReport, to set: inout MetricSet) throws(ExpositionError) {
        let labels: LabelSet = ["model": model, "feature": feature.field.name]
        if let ratio = feature.quality.missingRatio {
            try set.add(DriftwatchMetrics.featureMissingRatio, labels: labels, value: ratio)
        }
        if let ratio = feature.quality.outOfRangeRatio {
            try set.add(DriftwatchMetrics.featureOutOfRangeRatio, labels: labels, value: ratio)
        }
        if let ratio = feature.quality.unseenCategoryRatio {
            try set.add(DriftwatchMetrics.featureUnseenCategoryRatio, labels: labels, value: ratio)
        }
    }

    /// Adds `driftwatch_model_performance{model, version, metric}` for every version with at
    /// least the performance detector's `min_rows` labelled rows and every defined metric of
    /// `performance` (a missing version is `version=""`); nothing without a performance detector.
    static func add(
        model: String, performance: WindowPerformance, detector: DetectorSpec?, to set: inout MetricSet
    ) throws(ExpositionError) {
        guard let detector else { return }
        for version in performance.versions where version.labeledRows >= detector.minRows {
            for (metric, value) in version.metrics.sorted(by: { $0.key < $1.key }) {
                try set.add(
                    DriftwatchMetrics.modelPerformance, labels: ["model": model, "version": version.version, "metric": metric],
                    value: value)
            }
        }
    }
}
