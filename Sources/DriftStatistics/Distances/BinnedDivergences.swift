#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Divergences between two histograms over the same frozen bins (`NumericBinning.counts(of:)` or
// `CategoricalBinning.counts(of:)`). Each takes the two count vectors, names its smoothing and
// logarithm base, and throws on vectors of different lengths, negative counts or an empty side.

/// The population stability index between two histograms over the same frozen bins:
/// `PSI = Σ (Q_i − P_i)·ln(Q_i / P_i)`, natural log.
///
/// Convention (Evidently's `psi` stattest, on our reference-frozen bins): `P_i` and `Q_i` are the
/// reference and current proportions `count_i / total`; a proportion of an empty bin is replaced
/// by `epsilon` (1e-4 by default) on each side separately, with **no renormalisation** afterwards.
/// Evidently also lowers its floor to `min_nonzero / 1e6` when some non-empty share is ≤ 1e-4;
/// here the floor is the fixed `epsilon` so that the score means the same for every window.
/// PSI is symmetric in the two histograms and every bin contributes a non-negative term.
/// A bin empty on both sides contributes 0.
///
/// - Parameters:
///   - referenceCounts: reference counts per bin, e.g. from `NumericBinning.counts(of:)` or
///     `CategoricalBinning.counts(of:)`.
///   - currentCounts: current counts over the same bins.
///   - epsilon: the proportion used for an empty bin, in (0, 1).
/// - Throws: `.invalidArgument` for vectors of different lengths, a negative count or an epsilon
///   outside (0, 1); `.emptySample` naming the side whose counts are all zero.
/// - Returns: a result with method `.psi`, `statistic` = PSI.
public func populationStabilityIndex(
    referenceCounts: [Int], currentCounts: [Int], epsilon: Double = 1e-4
) throws(DriftStatisticsError) -> TwoSampleResult {
    try DivergenceKernels.validateEpsilon(epsilon)
    let pair = try BinnedCountPair(referenceCounts: referenceCounts, currentCounts: currentCounts)
    var total = 0.0
    for bin in 0..<pair.binCount {
        let (p, _, difference) = pair.flooredProportions(bin, epsilon: epsilon)
        if difference == 0 { continue }
        total += difference * log1p(difference / p)
    }
    return TwoSampleResult(method: .psi, statistic: total)
}

/// The Kullback–Leibler divergence KL(reference ‖ current) between two histograms over the same
/// frozen bins: `Σ P_i·ln(P_i / Q_i)`, natural log.
///
/// Convention (Evidently's `kl_div` stattest, which calls `scipy.stats.entropy(ref, cur)`):
/// proportions `count_i / total` with each empty bin floored at `epsilon` (1e-4 by default) as
/// for PSI; `scipy.stats.entropy` then renormalises both floored vectors to sum to 1, and so
/// does this function (`P_i ← P_i / (1 + z_P·ε)` where `z_P` is the number of empty reference
/// bins; likewise for Q). Evidently's variable floor (`min_nonzero / 1e6`) is not reproduced, as
/// for PSI. Not symmetric: the reference is the first argument.
///
/// Computed as `Σ P_i·(r_i − ln(1 + r_i))` with `1 + r_i = Q_i / P_i`, which equals the textbook
/// sum because `Σ P_i·r_i = 0`; every term is non-negative and `r_i` is formed from integer
/// counts, so nearly equal histograms keep full relative precision where the textbook sum (and
/// SciPy) cancel. Identical proportions give exactly 0.
///
/// - Parameters:
///   - referenceCounts: reference counts per bin.
///   - currentCounts: current counts over the same bins.
///   - epsilon: the proportion used for an empty bin before renormalisation, in (0, 1).
/// - Throws: `.invalidArgument` for vectors of different lengths, a negative count or an epsilon
///   outside (0, 1); `.emptySample` naming the side whose counts are all zero.
/// - Returns: a result with method `.kl`, `statistic` = KL(reference ‖ current).
public func kullbackLeiblerDivergence(
    referenceCounts: [Int], currentCounts: [Int], epsilon: Double = 1e-4
) throws(DriftStatisticsError) -> TwoSampleResult {
    try DivergenceKernels.validateEpsilon(epsilon)
    let pair = try BinnedCountPair(referenceCounts: referenceCounts, currentCounts: currentCounts)
    let emptyReferenceBins = pair.reference.count { $0 == 0 }
    let emptyCurrentBins = pair.current.count { $0 == 0 }
    let referenceMass = 1 + Double(emptyReferenceBins) * epsilon
    let currentMass = 1 + Double(emptyCurrentBins) * epsilon
    var total = 0.0
    for bin in 0..<pair.binCount {
        let (p, q, difference) = pair.flooredProportions(bin, epsilon: epsilon)
        // Q'/P' − 1 = (Q·mass_P − P·mass_Q) / (P·mass_Q); with equal masses it is (Q − P)/P.
        let ratioExcess: Double
        if emptyReferenceBins == emptyCurrentBins {
            ratioExcess = difference / p
        } else {
            let numerator = difference
                + epsilon * (Double(emptyReferenceBins) * q - Double(emptyCurrentBins) * p)
            ratioExcess = numerator / (p * currentMass)
        }
        total += p / referenceMass * DivergenceKernels.logExcess(ratioExcess)
    }
    return TwoSampleResult(method: .kl, statistic: total)
}

/// The Jensen–Shannon **distance** between two histograms over the same frozen bins: the square
/// root of the Jensen–Shannon divergence `½·KL(p‖m) + ½·KL(q‖m)`, `m = (p + q)/2`.
///
/// Matches `scipy.spatial.distance.jensenshannon(referenceCounts, currentCounts, base: base)`:
/// the counts are normalised to proportions, logarithms are natural unless `base` is given.
/// Evidently uses the natural-log distance (range [0, √ln 2 ≈ 0.833]); NannyML uses base 2
/// (range [0, 1]). No smoothing is needed: an empty bin on one side contributes `q·ln 2` (or
/// `p·ln 2`), and a bin empty on both sides contributes nothing. Symmetric.
///
/// Each bin's term is computed as `m·g(d)` with `d = (p − q)/(p + q)` formed from integer counts
/// and `g` evaluated by its series near 0, so nearly equal histograms keep full relative
/// precision where the textbook sum cancels. Identical proportions give exactly 0.
///
/// - Parameters:
///   - referenceCounts: reference counts per bin.
///   - currentCounts: current counts over the same bins.
///   - base: the logarithm base; `nil` (the default) for natural logarithms, 2 for bits.
/// - Throws: `.invalidArgument` for vectors of different lengths, a negative count or a base
///   that is not finite, positive and different from 1; `.emptySample` naming the side whose
///   counts are all zero.
/// - Returns: a result with method `.js`, `statistic` = the distance.
public func jensenShannonDistance(
    referenceCounts: [Int], currentCounts: [Int], base: Double? = nil
) throws(DriftStatisticsError) -> TwoSampleResult {
    if let base, !(base.isFinite && base > 0 && base != 1) {
        throw .invalidArgument(name: "base", reason: "must be finite, positive and not 1, got \(base)")
    }
    let pair = try BinnedCountPair(referenceCounts: referenceCounts, currentCounts: currentCounts)
    let doubledProduct = 2 * pair.totalsProduct
    var total = 0.0
    for bin in 0..<pair.binCount {
        let crossSum = pair.crossSum(bin)
        if crossSum == 0 { continue }
        let midpoint = crossSum / doubledProduct
        total += midpoint * DivergenceKernels.jensenShannon(pair.crossDifference(bin) / crossSum)
    }
    if let base { total /= log(base) }
    return TwoSampleResult(method: .js, statistic: (total / 2).squareRoot())
}

/// The Hellinger distance between two histograms over the same frozen bins:
/// `H = √(1 − Σ √(p_i·q_i)) = √(½·Σ (√p_i − √q_i)²)`, in [0, 1].
///
/// Convention: proportions `count_i / total`, no smoothing (an empty bin is fine). This is the
/// formula of Evidently's categorical Hellinger and NannyML's Hellinger; whylogs uses the same
/// distance. Symmetric.
///
/// Computed as `√(½·Σ (p_i − q_i)² / (√p_i + √q_i)²)` with `p_i − q_i` formed from integer
/// counts, so nearly equal histograms keep full relative precision instead of cancelling in
/// `1 − Σ √(p·q)`. Identical proportions give exactly 0.
///
/// - Throws: `.invalidArgument` for vectors of different lengths or a negative count;
///   `.emptySample` naming the side whose counts are all zero.
/// - Returns: a result with method `.hellinger`, `statistic` = H.
public func hellingerDistance(
    referenceCounts: [Int], currentCounts: [Int]
) throws(DriftStatisticsError) -> TwoSampleResult {
    let pair = try BinnedCountPair(referenceCounts: referenceCounts, currentCounts: currentCounts)
    var total = 0.0
    for bin in 0..<pair.binCount {
        let difference = pair.proportionDifference(bin)
        if difference == 0 { continue }
        let rootSum = pair.referenceProportion(bin).squareRoot() + pair.currentProportion(bin).squareRoot()
        let rootDifference = difference / rootSum
        total += rootDifference * rootDifference
    }
    return TwoSampleResult(method: .hellinger, statistic: (total / 2).squareRoot())
}

/// The total variation distance between two histograms over the same frozen bins:
/// `½·Σ |p_i − q_i|`, in [0, 1] — the largest difference in probability the two distributions
/// assign to any set of bins.
///
/// Convention: proportions `count_i / total`, no smoothing. Evidently's "TVD" stattest is a
/// permutation test on this statistic; this function returns the distance itself (as Frouros
/// and NannyML's L∞ family do for their distances), with `p_i − q_i` formed from integer counts.
/// Symmetric; identical proportions give exactly 0.
///
/// - Throws: `.invalidArgument` for vectors of different lengths or a negative count;
///   `.emptySample` naming the side whose counts are all zero.
/// - Returns: a result with method `.totalVariation`, `statistic` = the distance.
public func totalVariationDistance(
    referenceCounts: [Int], currentCounts: [Int]
) throws(DriftStatisticsError) -> TwoSampleResult {
    let pair = try BinnedCountPair(referenceCounts: referenceCounts, currentCounts: currentCounts)
    var total = 0.0
    for bin in 0..<pair.binCount { total += abs(pair.proportionDifference(bin)) }
    return TwoSampleResult(method: .totalVariation, statistic: total / 2)
}
