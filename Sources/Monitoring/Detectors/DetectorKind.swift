/// What a detector watches (design.md, "Detector and rule files").
public enum DetectorKind: String, Sendable, Codable, CaseIterable {
    /// Each feature against its baseline, by a univariate test or distance.
    case univariate
    /// Several numeric features jointly (MMD, PCA reconstruction, Hotelling).
    case multivariate
    /// The prediction's distribution against the baseline's.
    case prediction
    /// Accuracy, precision, recall, F1, ROC AUC, MAE, RMSE once labels arrive.
    case performance
    /// Missing values, out-of-range values, unseen categories, type violations.
    case dataQuality = "data-quality"
    /// The share of rows far from the baseline (Mahalanobis).
    case outliers
}
