import DriftStatistics

/// The names under which a result's method and threshold appear in metric labels and JSON, so
/// layers that do not import the statistics module spell them the same way.
extension FeatureDriftResult {
    /// The method's name (`ks`, `chi2`, `wasserstein_normed`, ...): the `method` label.
    public var methodName: String { method.rawValue }
    /// The threshold's value (a p-value or a statistic, per ``thresholdDirectionName``).
    public var thresholdValue: Double { threshold.value }
    /// Which side of the threshold is drift (`pValueBelow`, `statisticAtOrAbove`, ...).
    public var thresholdDirectionName: String { threshold.direction.rawValue }
}
