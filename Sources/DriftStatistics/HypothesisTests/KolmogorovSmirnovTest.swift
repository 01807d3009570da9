/// The two-sample Kolmogorov–Smirnov test of whether `reference` and `current` come from one
/// continuous distribution: `scipy.stats.ks_2samp(reference, current, alternative='two-sided',
/// method='auto')`.
///
/// The statistic is D = supₓ |F_ref(x) − F_cur(x)|, each empirical cdf counting the values ≤ x
/// (so tied values step together, as SciPy's `searchsorted(side='right')` on the pooled data),
/// evaluated as `count_ref/n_ref − count_cur/n_cur` in double precision exactly as SciPy forms it.
/// The p-value is P(D ≥ observed) under the null, chosen as SciPy's `auto` mode does:
/// - max(n_ref, n_cur) ≤ 10 000: the exact distribution
///   (`KolmogorovSmirnovTwoSampleDistribution`). D is first snapped to h/lcm(n_ref, n_cur) with h
///   the nearest integer, and that snapped value is the returned statistic, as in SciPy. If the
///   exact computation reports failure (its probability rounds outside [0, 1], which happens
///   e.g. when D = 1/n for equal sizes n), SciPy's fallback is taken: the asymptotic p-value at
///   the snapped D.
/// - larger samples: the asymptotic p-value `kstwo.sf(D, round(n_ref·n_cur/(n_ref + n_cur)))`
///   (`KolmogorovSmirnovOneSampleDistribution`), with the rounding half to even as numpy's.
/// The p-value is clipped to [0, 1]; it underflows to 0 for complete separation of large samples.
///
/// Cost: two linear-time radix sorts and one merge walk, then the distribution; the asymptotic
/// path does no quadratic work.
///
/// Edge cases: an empty sample throws `.emptySample`; NaN or ±Inf throws `.nonFiniteValue`
/// (callers remove missing values first). A single value per side is allowed (D is 0 or 1).
/// Identical samples and all-equal values give D = 0 and p = 1. Magnitudes up to the largest
/// double are fine: only comparisons touch the data.
public func kolmogorovSmirnovTest(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .ks)
    try validateSample(current, role: .current, method: .ks)
    let first = reference.sortedAscending()
    let second = current.sortedAscending()
    let n1 = first.count
    let n2 = second.count
    var d = largestECDFDifference(first, second)

    let maximumExactSize = 10_000
    var pValue: Double?
    if max(n1, n2) <= maximumExactSize {
        let g = KolmogorovSmirnovTwoSampleDistribution.greatestCommonDivisor(n1, n2)
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        d = Double(h) / Double(lcm)
        pValue = KolmogorovSmirnovTwoSampleDistribution.exactTwoSidedSurvival(n1, n2, h: h)
    }
    if pValue == nil {
        let larger = Double(max(n1, n2))
        let smaller = Double(min(n1, n2))
        let effectiveSize = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
        pValue = KolmogorovSmirnovOneSampleDistribution.twoSidedSurvival(sampleSize: Int(effectiveSize), d)
    }
    let p = min(max(pValue ?? .nan, 0), 1)
    return TwoSampleResult(method: .ks, statistic: d, pValue: p)
}

/// max(max Δ, clip(−min Δ, 0, 1)) over the pooled values, Δ = i/n₁ − j/n₂ with i and j the counts
/// of each sorted sample at or below the value, by one merge walk.
private func largestECDFDifference(_ first: [Double], _ second: [Double]) -> Double {
    first.withUnsafeBufferPointer { a in
        second.withUnsafeBufferPointer { b in
            let n1 = a.count
            let n2 = b.count
            let size1 = Double(n1)
            let size2 = Double(n2)
            var i = 0
            var j = 0
            var largest = -Double.infinity
            var smallest = Double.infinity
            while i < n1 || j < n2 {
                let value: Double
                if j >= n2 || (i < n1 && a[i] <= b[j]) {
                    value = a[i]
                } else {
                    value = b[j]
                }
                while i < n1 && a[i] <= value { i += 1 }
                while j < n2 && b[j] <= value { j += 1 }
                let difference = Double(i) / size1 - Double(j) / size2
                if difference > largest { largest = difference }
                if difference < smallest { smallest = difference }
            }
            let below = min(max(-smallest, 0), 1)
            return below > largest ? below : largest
        }
    }
}
