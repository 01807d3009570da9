/// The two-sided Mann–Whitney U (Wilcoxon rank-sum) test of whether the current sample comes
/// from the reference sample's distribution.
///
/// Matches `scipy.stats.mannwhitneyu(reference, current, use_continuity=True,
/// alternative='two-sided', method='auto')` (SciPy 1.17); Mann & Whitney (1947), exact
/// distribution after Löffler (1983).
///
/// - Statistic: U₁, the U of the **reference** sample: the sum of its pooled midranks minus
///   n₁(n₁+1)/2, i.e. the number of (reference, current) pairs with the reference value larger,
///   ties counting one half. The current sample's U is n₁n₂ − U₁.
/// - p-value: two-sided, twice the upper tail of max(U₁, U₂), clipped to 1. SciPy's `auto`
///   rule: when at least one sample has 8 or fewer values and no value occurs twice in the
///   pooled data, the exact null distribution is used (no continuity correction); otherwise
///   the normal approximation with the tie-corrected variance
///   n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of 1/2, evaluated in the
///   upper tail so p keeps full relative precision down to ~1e-300.
/// - Ties get midranks. Values are compared exactly; `-0.0` equals `+0.0`.
///
/// Edge cases: an empty sample throws `.emptySample`, a NaN or ±Inf `.nonFiniteValue`. One value
/// per side is allowed (exact, p = 1 when they differ). All values equal gives U₁ = n₁n₂/2 and
/// p = 1, as SciPy (zero variance, z = −∞). Only ranks matter, so magnitudes up to the largest
/// finite double are fine.
///
/// Cost: one radix sort per sample and one merge walk; no rank array is built. The exact path
/// (a sample of at most 8 values) adds O(min(n₁, n₂) · u) time and O(u) memory for the
/// u = n₁n₂ − max(U₁, U₂) it needs, where SciPy's recursion takes O(u²).
public func mannWhitneyUTest(reference: [Double], current: [Double]) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .mannwhitney)
    try validateSample(current, role: .current, method: .mannwhitney)
    let n1 = reference.count
    let n2 = current.count
    let sorted = sortedSamples([reference, current])
    let sortedReference = sorted[0]
    let sortedCurrent = sorted[1]

    // Twice the reference rank sum stays an exact integer: a group of size t starting after
    // `below` pooled values has midrank below + (t + 1) / 2.
    var doubledRankSum = 0
    var tieTerm = 0.0
    var hasTies = false
    sortedReference.withUnsafeBufferPointer { x in
        sortedCurrent.withUnsafeBufferPointer { y in
            var below = 0
            forEachTieGroup(x, y) { inReference, inCurrent in
                let size = inReference + inCurrent
                doubledRankSum += inReference * (2 * below + size + 1)
                if size > 1 {
                    hasTies = true
                    let t = Double(size)
                    tieTerm += t * t * t - t
                }
                below += size
            }
        }
    }
    let rankSum = Double(doubledRankSum) / 2
    let u1 = rankSum - Double(n1 * (n1 + 1)) / 2
    let u2 = Double(n1 * n2) - u1
    let u = max(u1, u2)

    let pValue: Double
    if (n1 > 8 && n2 > 8) || hasTies {
        let n = Double(n1 + n2)
        let mean = Double(n1 * n2) / 2
        let spread = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        let z = (u - mean - 0.5) / spread
        pValue = 2 * NormalDistribution.cdf(-z)
    } else {
        let complement = n1 * n2 - Int(u)
        pValue = 2 * MannWhitneyUExactDistribution.cumulativeProbability(atMost: complement, n1, n2)
    }
    return TwoSampleResult(method: .mannwhitney, statistic: u1, pValue: min(max(pValue, 0), 1))
}
