/// The two-sample Cramér–von Mises test of whether the current sample comes from the reference
/// sample's distribution.
///
/// Matches `scipy.stats.cramervonmises_2samp(reference, current, method='auto')` (SciPy 1.17);
/// Anderson (1962), "On the distribution of the two-sample Cramér–von Mises criterion".
///
/// - Statistic: T = U / (mn(m+n)) − (4mn − 1) / (6(m+n)) with
///   U = m Σᵢ (r(xᵢ) − i)² + n Σⱼ (r(yⱼ) − j)² over the pooled midranks r of the sorted samples
///   (m = reference size); T = mn/(m+n) · ω², symmetric in the two samples.
/// - p-value: upper tail. SciPy's `auto` rule: exact (enumerating every arrangement) when both
///   samples have at most 20 values, otherwise the limiting distribution applied to the
///   statistic standardized by its exact mean and variance (Anderson 1962, eq. 11–15), returned
///   as max(1 − cdf, 0), and 1 when the standardized statistic is below 0.003. The exact p-value
///   treats midranked ties like any other value of U, as SciPy does.
/// - Ties get midranks; `-0.0` equals `+0.0`. Only ranks matter, so any finite magnitude works.
///
/// Edge cases: an empty sample throws `.emptySample`; a single value `.insufficientData`
/// (SciPy needs two per sample); NaN or ±Inf `.nonFiniteValue`. All values equal is allowed and
/// gives SciPy's value (every rank is the common midrank).
///
/// Cost: one radix sort per sample and one merge walk; the exact distribution (≤ 20 per side)
/// is built by linear merges of frequency tables.
public func cramerVonMisesTest(reference: [Double], current: [Double]) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .cvm, minimumCount: 2)
    try validateSample(current, role: .current, method: .cvm, minimumCount: 2)
    let m = reference.count
    let n = current.count
    let sorted = sortedSamples([reference, current])
    let sortedReference = sorted[0]
    let sortedCurrent = sorted[1]

    // The squared rank displacements of each sample, in sorted order, so they can be summed in
    // NumPy's pairwise order: T is a small difference of large numbers for big samples.
    var currentTerms: [Double] = []
    let referenceTerms = [Double](unsafeUninitializedCapacity: m) { referenceTerms, referenceFilled in
        currentTerms = [Double](unsafeUninitializedCapacity: n) { currentTerms, currentFilled in
            sortedReference.withUnsafeBufferPointer { x in
                sortedCurrent.withUnsafeBufferPointer { y in
                    var below = 0
                    var xIndex = 0
                    var yIndex = 0
                    forEachTieGroup(x, y) { inReference, inCurrent in
                        let size = inReference + inCurrent
                        let midrank = Double(below + 1) + Double(size - 1) / 2
                        for _ in 0..<inReference {
                            let displacement = midrank - Double(xIndex + 1)
                            referenceTerms[xIndex] = displacement * displacement
                            xIndex += 1
                        }
                        for _ in 0..<inCurrent {
                            let displacement = midrank - Double(yIndex + 1)
                            currentTerms[yIndex] = displacement * displacement
                            yIndex += 1
                        }
                        below += size
                    }
                }
            }
            currentFilled = n
        }
        referenceFilled = m
    }
    let referenceSum = referenceTerms.withUnsafeBufferPointer { numpyPairwiseSum($0) }
    let currentSum = currentTerms.withUnsafeBufferPointer { numpyPairwiseSum($0) }
    let u = Double(m) * referenceSum + Double(n) * currentSum

    let product = m * n
    let total = m + n
    // mn(m+n) passes 2⁶³ near 2M values per side; SciPy forms it exactly and rounds once.
    let statistic = u / Double(Int128(product) * Int128(total)) - Double(4 * product - 1) / Double(6 * total)

    let pValue: Double
    if max(m, n) <= 20 {
        pValue = CramerVonMisesExactDistribution.survival(u, m, n)
    } else {
        let mean = (1 + 1 / Double(total)) / 6
        // Var T (Anderson 1962, eq. 14) as a ratio of integers formed exactly, as SciPy does
        // with Python integers, before the one division.
        let wideTotal = Int128(total)
        let wideProduct = Int128(product)
        let sumOfSquares = Int128(m) * Int128(m) + Int128(n) * Int128(n)
        let varianceNumerator = (wideTotal + 1) * (4 * wideProduct * wideTotal - 3 * sumOfSquares - 2 * wideProduct)
        let varianceDenominator = 45 * wideTotal * wideTotal * 4 * wideProduct
        let variance = Double(varianceNumerator) / Double(varianceDenominator)
        let standardized = 1.0 / 6 + (statistic - mean) / (45 * variance).squareRoot()
        if standardized >= 0.003 {
            pValue = max(1 - CramerVonMisesLimitingDistribution.cdf(standardized), 0)
        } else {
            pValue = 1
        }
    }
    return TwoSampleResult(method: .cvm, statistic: statistic, pValue: pValue)
}
