import DriftStatistics

/// The test or distance run on one field, with its verdict: what the
/// `driftwatch_feature_drift_score`, `_p_value` and `_detected` series show.
public struct FeatureDriftResult: Sendable, Equatable, Codable {
    /// The method that ran (also under `auto`): the `method` label.
    public var method: DriftMethod
    /// The statistic or distance (`driftwatch_feature_drift_score`).
    public var statistic: Double
    /// Set for hypothesis tests only (`driftwatch_feature_drift_p_value`).
    public var pValue: Double?
    public var threshold: DriftThreshold
    /// `driftwatch_feature_drift_detected`.
    public var drifted: Bool
    /// Whether `method: auto` chose the method.
    public var automatic: Bool
    /// What the method read.
    public var basis: DriftBasis

    public init(
        method: DriftMethod, statistic: Double, pValue: Double?, threshold: DriftThreshold, drifted: Bool,
        automatic: Bool, basis: DriftBasis
    ) {
        self.method = method
        self.statistic = statistic
        self.pValue = pValue
        self.threshold = threshold
        self.drifted = drifted
        self.automatic = automatic
        self.basis = basis
    }
}

/// The data a drift method was computed from.
public enum DriftBasis: String, Sendable, Equatable, Codable {
    /// Counts over the baseline's frozen bins (exact for any window size).
    case frozenBins
    /// Exact per-value counts of a numeric field with at most 5 distinct values.
    case discreteValues
    /// Both reservoirs, each holding every value of its side: exact.
    case allValues
    /// At least one reservoir held a uniform sample of its side, not every value: the result is
    /// the method applied to the samples, an estimate of the full-data result.
    case reservoirSample
}
