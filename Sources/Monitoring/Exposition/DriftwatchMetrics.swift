/// The descriptors of design.md's metrics (`GET /metrics`), so every part of driftwatch emits a
/// name with one type, help text and unit. Each doc comment lists the labels design.md gives it.
///
/// Values describe the most recently closed window unless the name says otherwise. Gauges carry
/// `NaN` when a statistic is undefined for the window (see ``MetricFamily``).
public enum DriftwatchMetrics {
    /// Labels: model, detector, feature, method.
    public static let featureDriftScore = gauge("driftwatch_feature_drift_score", "Drift distance or test statistic of a feature.")
    /// Labels: model, detector, feature, method. Only for statistical tests.
    public static let featureDriftPValue = gauge("driftwatch_feature_drift_p_value", "P-value of a feature's drift test.")
    /// Labels: model, detector, feature, method. 1 when the feature drifted, else 0.
    public static let featureDriftDetected = gauge("driftwatch_feature_drift_detected", "Drift verdict of a feature (0 or 1).")
    /// Labels: model, detector.
    public static let datasetDriftShare = gauge("driftwatch_dataset_drift_share", "Share of a detector's features that drifted.")
    /// Labels: model, detector, method.
    public static let multivariateDriftScore = gauge("driftwatch_multivariate_drift_score", "Multivariate drift statistic.")
    /// Labels: model, detector, method.
    public static let multivariateDriftPValue = gauge("driftwatch_multivariate_drift_p_value", "P-value of a multivariate drift test.")
    /// Labels: model, method.
    public static let predictionDriftScore = gauge("driftwatch_prediction_drift_score", "Drift statistic of the model's predictions.")
    /// Labels: model, version, metric (accuracy, precision, recall, f1, roc_auc, mae, rmse).
    public static let modelPerformance = gauge("driftwatch_model_performance", "Model performance on labelled predictions.")
    /// Labels: model, feature.
    public static let featureMissingRatio = gauge(
        "driftwatch_feature_missing_ratio", "Share of rows in which a feature is missing.", unit: "ratio")
    /// Labels: model, feature.
    public static let featureOutOfRangeRatio = gauge(
        "driftwatch_feature_out_of_range_ratio", "Share of rows outside the baseline's range.", unit: "ratio")
    /// Labels: model, feature.
    public static let featureUnseenCategoryRatio = gauge(
        "driftwatch_feature_unseen_category_ratio", "Share of rows with a category the baseline never saw.", unit: "ratio")
    /// Labels: model, detector.
    public static let outlierRatio = gauge(
        "driftwatch_outlier_ratio", "Share of rows whose anomaly score passed its threshold.", unit: "ratio")
    /// Labels: detector (the metric-anomaly detector's name), metric (the watched series' name),
    /// then the watched series' own labels (see ``WatchedSeriesKey/exportedLabels``).
    public static let metricAnomalyScore = gauge("driftwatch_metric_anomaly_score", "Anomaly score of an operational metric series.")
    /// Labels: as ``metricAnomalyScore``. 1 while the series is anomalous, else 0.
    public static let metricAnomalous = gauge("driftwatch_metric_anomalous", "Anomaly verdict of an operational metric series (0 or 1).")
    /// Labels: model.
    public static let windowRows = gauge("driftwatch_window_rows", "Rows in the most recently closed window.")
    /// Labels: model.
    public static let windowEndTimestamp = gauge(
        "driftwatch_window_end_timestamp_seconds", "End of the most recently closed window, in Unix seconds.", unit: "seconds")
    /// Labels: model.
    public static let predictionsIngested = counter("driftwatch_predictions_ingested_total", "Prediction events accepted.")
    /// Labels: model.
    public static let labelsIngested = counter("driftwatch_labels_ingested_total", "Label events accepted.")
    /// Labels: model. Events that arrived after their window closed and its allowed lateness passed.
    public static let lateEvents = counter("driftwatch_late_events_total", "Events that arrived too late for their window.")
    /// Labels: model, reason.
    public static let ingestRejected = counter("driftwatch_ingest_rejected_total", "Events rejected at ingest.")
    /// No labels: a label per series would let clients create unbounded cardinality here.
    public static let metricSamplesIngested = counter(
        "driftwatch_metric_samples_ingested_total", "Operational metric samples stored by POST /v1/metrics.")
    /// Labels: reason (`invalid_event`, `malformed_batch`, as for `ingestRejected`). Apart from
    /// `ingestRejected` because samples belong to no model: a `model=""` series there would read
    /// as a model with an empty name in every `by (model)` aggregation.
    public static let metricSamplesRejected = counter(
        "driftwatch_metric_samples_rejected_total", "Operational metric samples (or whole bodies) rejected by POST /v1/metrics.")
    /// Labels: alertname, alertstate, and the rule's labels; 1 per pending or firing alert, like `ALERTS`.
    public static let alerts = gauge("driftwatch_alerts", "Pending and firing alerts.")
    /// Labels: action, adapter, outcome.
    public static let actions = counter("driftwatch_actions_total", "Retrain and rollback actions, by outcome.")
    /// Labels: route, status.
    public static let httpRequestDuration = MetricDescriptor(
        name: "driftwatch_http_request_duration_seconds", type: .histogram, help: "HTTP request latency.", unit: "seconds")

    /// The series each closed window exports for its model (the window's drift, data quality and
    /// row count): the driftwatch series a metric-anomaly detector may watch, one point per window.
    public static let windowFamilies: [MetricDescriptor] = [
        featureDriftScore, featureDriftPValue, featureDriftDetected, datasetDriftShare, multivariateDriftScore,
        multivariateDriftPValue, predictionDriftScore, featureMissingRatio, featureOutOfRangeRatio, featureUnseenCategoryRatio,
        outlierRatio, windowRows,
    ]

    /// Every descriptor above, in design.md's order.
    public static let all: [MetricDescriptor] = [
        featureDriftScore, featureDriftPValue, featureDriftDetected, datasetDriftShare, multivariateDriftScore,
        multivariateDriftPValue, predictionDriftScore, modelPerformance, featureMissingRatio, featureOutOfRangeRatio,
        featureUnseenCategoryRatio, outlierRatio, metricAnomalyScore, metricAnomalous, windowRows, windowEndTimestamp,
        predictionsIngested, labelsIngested, lateEvents, ingestRejected, metricSamplesIngested, metricSamplesRejected,
        alerts, actions, httpRequestDuration,
    ]

    private static func gauge(_ name: String, _ help: String, unit: String? = nil) -> MetricDescriptor {
        MetricDescriptor(name: name, type: .gauge, help: help, unit: unit)
    }

    private static func counter(_ name: String, _ help: String) -> MetricDescriptor {
        MetricDescriptor(name: name, type: .counter, help: help)
    }
}
