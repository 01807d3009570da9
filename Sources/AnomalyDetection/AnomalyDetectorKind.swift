/// The detectors by the names detector files and the CLI use.
public enum AnomalyDetectorKind: String, Sendable, Codable, CaseIterable {
    /// ``ConformalEnsembleDetector``, the default.
    case conformalEnsemble = "conformal-ensemble"
    /// ``RobustZScoreDetector``.
    case robustZScore = "robust-zscore"
    /// ``EWMADetector``.
    case ewma
    /// ``HoltWintersDetector``.
    case holtWinters = "holt-winters"
    /// ``CUSUMDetector``.
    case cusum
    /// ``PageHinkleyDetector``.
    case pageHinkley = "page-hinkley"
    /// ``SPOTDetector`` without a moving mean.
    case spot
    /// ``SPOTDetector`` on values less the mean of the last 10 normal ones.
    case dspot

    public static let `default` = AnomalyDetectorKind.conformalEnsemble
}
