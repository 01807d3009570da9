/// When a result counts as drift: a threshold and the side of it that means drift.
///
/// `evidentlyDefault(for:)` gives Evidently's default per method (each stattest's
/// `default_threshold` and comparison in `legacy/calculations/stattests/`), so a detector
/// without an explicit threshold behaves as Evidently does.
public struct DriftThreshold: Sendable, Equatable, Codable {
    /// Which side of the threshold is drift.
    public enum Direction: String, Sendable, Equatable, Codable {
        /// Drift when the p-value is strictly below the threshold.
        case pValueBelow
        /// Drift when the p-value is at or below the threshold (Evidently's KS).
        case pValueAtOrBelow
        /// Drift when the statistic is at or above the threshold.
        case statisticAtOrAbove
        /// Drift when the statistic is strictly above the threshold (Evidently's energy distance).
        case statisticAbove
    }

    public var value: Double
    public var direction: Direction

    public init(value: Double, direction: Direction) {
        self.value = value
        self.direction = direction
    }

    /// Evidently's default for a univariate method, or `nil` for the multivariate ones (`.mmd`,
    /// `.pcaReconstruction`, `.hotelling`, `.mahalanobis`), whose thresholds depend on the data.
    ///
    /// - `.ks`: p ≤ 0.05.
    /// - `.chi2`, `.z`, `.ttest`, `.mannwhitney`: p < 0.05.
    /// - `.fisher`, `.anderson`, `.cvm`: p < 0.1 (Evidently's defaults for these tests are 0.1).
    /// - `.psi`, `.kl`, `.js`, `.hellinger`, `.normedWasserstein`: statistic ≥ 0.1. For `.js`
    ///   this is Evidently's natural-log distance; on NannyML's base-2 scale the same 0.1 is a
    ///   smaller divergence.
    /// - `.energy`: statistic > 0.1 (Evidently's `ed` compares strictly).
    /// - `.wasserstein` (raw, in feature units; Evidently's `wasserstein` is the normed one) and
    ///   `.totalVariation` (Evidently only offers a permutation test on it): statistic ≥ 0.1, the
    ///   common distance default; a raw Wasserstein threshold should be set in feature units.
    public static func evidentlyDefault(for method: DriftMethod) -> DriftThreshold? {
        switch method {
        case .ks:
            return DriftThreshold(value: 0.05, direction: .pValueAtOrBelow)
        case .chi2, .z, .ttest, .mannwhitney:
            return DriftThreshold(value: 0.05, direction: .pValueBelow)
        case .fisher, .anderson, .cvm:
            return DriftThreshold(value: 0.1, direction: .pValueBelow)
        case .psi, .kl, .js, .hellinger, .normedWasserstein, .wasserstein, .totalVariation:
            return DriftThreshold(value: 0.1, direction: .statisticAtOrAbove)
        case .energy:
            return DriftThreshold(value: 0.1, direction: .statisticAbove)
        case .mmd, .pcaReconstruction, .hotelling, .mahalanobis:
            return nil
        }
    }

    /// Whether `result` is drift under this threshold. A p-value direction applied to a result
    /// without a p-value (a distance) is never drift; NaN never is.
    public func isDrift(_ result: TwoSampleResult) -> Bool {
        switch direction {
        case .pValueBelow:
            guard let p = result.pValue else { return false }
            return p < value
        case .pValueAtOrBelow:
            guard let p = result.pValue else { return false }
            return p <= value
        case .statisticAtOrAbove:
            return result.statistic >= value
        case .statisticAbove:
            return result.statistic > value
        }
    }
}
