import Monitoring
import Storage

/// The window series of design.md's metrics table for one model's most recently closed window.
enum WindowMetrics {
    /// The `detector` label: every feature is judged with `method: auto` until detector files exist.
    static let detector = "auto"

    /// Adds the drift, data-quality and window gauges of `window` to `set`. A feature without a
    /// result (insufficient data, no variation, method not applicable) has no drift series, as
    /// its method is unknown; its quality ratios are exported when defined.
    static func add(model: String, window: ClosedWindow, to set: inout MetricSet) throws(ExpositionError) {
        let report = window.report
        for feature in report.features {
            let name = feature.field.name
            if let result = feature.outcome.result {
                let labels: LabelSet = ["model": model, "detector": detector, "feature": name, "method": result.methodName]
                try set.add(DriftwatchMetrics.featureDriftScore, labels: labels, value: result.statistic)
                if let pValue = result.pValue {
                    try set.add(DriftwatchMetrics.featureDriftPValue, labels: labels, value: pValue)
                }
                try set.add(DriftwatchMetrics.featureDriftDetected, labels: labels, value: result.drifted ? 1 : 0)
            }
            let labels: LabelSet = ["model": model, "feature": name]
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
        if let result = report.prediction.outcome.result {
            try set.add(
                DriftwatchMetrics.predictionDriftScore, labels: ["model": model, "method": result.methodName],
                value: result.statistic)
        }
        if let share = report.datasetDriftShare {
            try set.add(DriftwatchMetrics.datasetDriftShare, labels: ["model": model, "detector": detector], value: share)
        }
        if let ratio = report.outliers?.ratio {
            try set.add(
                DriftwatchMetrics.outlierRatio, labels: ["model": model, "detector": WindowOutliers.detector], value: ratio)
        }
        try set.add(DriftwatchMetrics.windowRows, labels: ["model": model], value: Double(report.rows))
        try set.add(DriftwatchMetrics.windowEndTimestamp, labels: ["model": model], value: window.end)
    }

    /// Adds `driftwatch_model_performance{model, version, metric}` for every version and defined
    /// metric of `performance` (a missing version is `version=""`).
    static func add(model: String, performance: WindowPerformance, to set: inout MetricSet) throws(ExpositionError) {
        for version in performance.versions {
            for (metric, value) in version.metrics.sorted(by: { $0.key < $1.key }) {
                try set.add(
                    DriftwatchMetrics.modelPerformance, labels: ["model": model, "version": version.version, "metric": metric],
                    value: value)
            }
        }
    }
}
