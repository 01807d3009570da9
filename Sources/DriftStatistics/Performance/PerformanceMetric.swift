/// The name of a model performance metric, as it appears in the `metric` label of
/// `driftwatch_model_performance` and in detector YAML.
public enum PerformanceMetric: String, CaseIterable, Sendable, Codable {
    /// The share of correct predictions (`ConfusionMatrix.accuracy()`,
    /// `MulticlassConfusionMatrix.accuracy()`).
    case accuracy
    /// Binary precision, or the macro average over classes for class predictions.
    case precision
    /// Binary recall, or the macro average over classes for class predictions.
    case recall
    /// Binary F1, or the macro average of the per-class F1 for class predictions.
    case f1
    /// The area under the ROC curve of binary scores (`rocAUC(scores:labels:)`).
    case rocAUC = "roc_auc"
    /// The mean absolute error of a regression (`RegressionErrorSketch.meanAbsoluteError()`).
    case mae
    /// The root mean squared error of a regression (`RegressionErrorSketch.rootMeanSquaredError()`).
    case rmse
}
