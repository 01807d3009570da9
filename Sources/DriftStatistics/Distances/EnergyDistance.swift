/// The energy distance between the empirical distributions of two samples,
/// √2 · (∫ (F_ref(x) − F_cur(x))² dx)^½ (Székely and Rizzo's energy distance in one dimension,
/// via its equivalence with twice the Cramér distance).
///
/// Matches `scipy.stats.energy_distance(reference, current)` (unweighted); Evidently's `ed`
/// stattest calls that function. Symmetric, in the square-root units of the feature; identical
/// samples give exactly 0.
///
/// Algorithm: one merge walk over the two sorted samples (O(n + m) after the sort).
///
/// Edge cases:
/// - an empty sample throws `.emptySample`; NaN or ±Inf throws `.nonFiniteValue`;
/// - one value per side gives `√(2·|reference[0] − current[0]|)`;
/// - magnitudes up to the largest finite Double: SciPy returns `inf` when the pooled range
///   overflows; here the values are scaled by an even power of two first, so the result is
///   always finite (it is at most √(2·range) ≈ 2.7e154) and exact to rounding.
///
/// - Returns: a result with method `.energy`, `statistic` = the distance, no p-value.
public func energyDistance(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> TwoSampleResult {
    let walk = try EmpiricalCDFDistance(reference: reference, current: current, method: .energy)
    let root = walk.integral(power: 2).squareRoot() / walk.scale.squareRoot()
    return TwoSampleResult(method: .energy, statistic: 2.0.squareRoot() * root)
}
