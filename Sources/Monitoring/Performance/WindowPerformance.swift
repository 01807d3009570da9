/// The model performance of one window's predictions on the labels that joined them within the
/// label TTL (see ``WindowPerformanceAccumulator`` for the conventions), per model version.
public struct WindowPerformance: Sendable, Equatable, Codable {
    /// Predictions of the window with a label that counts (within the TTL).
    public var labeledRows: Int
    /// Predictions of the window whose label came after the TTL; not counted.
    public var labelsPastTTL: Int
    /// Labelled pairs that could not be scored (a prediction or label of an unexpected kind or a
    /// non-finite value); not counted in the metrics.
    public var unusablePairs: Int
    /// Why the schema's label and prediction types have no metrics; nil when they have.
    public var unsupported: String?
    /// One entry per version (a missing version is `""`), ordered by version.
    public var versions: [VersionPerformance]

    public init(labeledRows: Int, labelsPastTTL: Int, unusablePairs: Int, unsupported: String?, versions: [VersionPerformance]) {
        self.labeledRows = labeledRows
        self.labelsPastTTL = labelsPastTTL
        self.unusablePairs = unusablePairs
        self.unsupported = unsupported
        self.versions = versions
    }
}

/// One model version's metrics in a window (`driftwatch_model_performance{version, metric}`).
public struct VersionPerformance: Sendable, Equatable, Codable {
    /// The model version, `""` for predictions without one.
    public var version: String
    public var labeledRows: Int
    /// Metric name (`accuracy`, `precision`, `recall`, `f1`, `roc_auc`, `mae`, `rmse`) → value.
    public var metrics: [String: Double]
    /// Metric name → why it is undefined here (e.g. ROC AUC with labels of one class).
    public var undefined: [String: String]

    public init(version: String, labeledRows: Int, metrics: [String: Double], undefined: [String: String]) {
        self.version = version
        self.labeledRows = labeledRows
        self.metrics = metrics
        self.undefined = undefined
    }
}
