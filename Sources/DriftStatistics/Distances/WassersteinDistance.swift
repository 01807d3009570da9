/// The Wasserstein-1 (earth mover's) distance between the empirical distributions of two
/// samples: ∫ |F_ref(x) − F_cur(x)| dx.
///
/// Matches `scipy.stats.wasserstein_distance(reference, current)` (unweighted). The distance is
/// symmetric and in the units of the feature; identical samples give exactly 0. Ties need no
/// special handling (a tie is a zero-width gap).
///
/// Algorithm: both samples are sorted and walked together once (O(n + m) after the sort).
///
/// Edge cases:
/// - an empty sample throws `.emptySample`; NaN or ±Inf throws `.nonFiniteValue`;
/// - one value per side gives `|reference[0] − current[0]|`;
/// - magnitudes up to the largest finite Double: SciPy overflows to `inf` when the pooled range
///   exceeds `Double.greatestFiniteMagnitude`; here the values are scaled by a power of two
///   first, so every distance that is itself representable is returned finite and exact to
///   rounding. Only when the distance itself exceeds the largest Double does this throw
///   `.degenerateData` rather than return `inf`.
///
/// - Returns: a result with method `.wasserstein`, `statistic` = the distance, no p-value.
public func wassersteinDistance(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> TwoSampleResult {
    let walk = try EmpiricalCDFDistance(reference: reference, current: current, method: .wasserstein)
    let distance = walk.integral(power: 1) / walk.scale
    guard distance.isFinite else {
        throw .degenerateData(method: .wasserstein, reason: "the distance exceeds the largest finite Double")
    }
    return TwoSampleResult(method: .wasserstein, statistic: distance)
}

/// Evidently's normed Wasserstein distance: the Wasserstein-1 distance divided by the
/// reference sample's population standard deviation (ddof 0), with that deviation floored at
/// 0.001 so a constant reference does not divide by zero.
///
/// Matches Evidently's `wasserstein` stattest,
/// `scipy.stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)`.
/// Unlike the raw distance it is unit-free, which is why Evidently can use one default threshold
/// (0.1, see `DriftThreshold`). Not symmetric: only the reference sets the scale.
///
/// Edge cases:
/// - empty sample → `.emptySample`; NaN/±Inf → `.nonFiniteValue`;
/// - a constant reference uses the 0.001 floor, so the result is `W1 / 0.001`;
/// - huge magnitudes: `np.std` overflows to `inf` once deviations exceed about 1e154 (its
///   squares overflow), which makes Evidently's score 0. Here both the distance and the
///   standard deviation are computed on values scaled by the same power of two, so the ratio
///   stays finite and correct; where NumPy does not overflow the results agree;
/// - if the ratio itself exceeds the largest Double (a huge distance over the 0.001 floor) this
///   throws `.degenerateData` rather than return `inf`.
///
/// - Returns: a result with method `.normedWasserstein`, `statistic` = the normed distance.
public func normedWassersteinDistance(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> TwoSampleResult {
    let walk = try EmpiricalCDFDistance(reference: reference, current: current, method: .normedWasserstein)
    let scaledDistance = walk.integral(power: 1)
    let scaledDeviation = populationStandardDeviation(walk.reference, scale: walk.scale)
    let floor = 0.001
    let normed: Double
    if scaledDeviation / walk.scale > floor {
        normed = scaledDistance / scaledDeviation
    } else {
        normed = scaledDistance / walk.scale / floor
    }
    guard normed.isFinite else {
        throw .degenerateData(method: .normedWasserstein, reason: "the normed distance exceeds the largest finite Double")
    }
    return TwoSampleResult(method: .normedWasserstein, statistic: normed)
}

/// `np.std(values * scale)` (ddof 0) by the two-pass algorithm NumPy uses, with compensated
/// sums (`DoubleDouble.accumulate`, the cascaded form that costs little in this 1M-value loop)
/// so the order of summation does not matter.
private func populationStandardDeviation(_ values: [Double], scale: Double) -> Double {
    let count = Double(values.count)
    return values.withUnsafeBufferPointer { buffer in
        var sum = DoubleDouble.zero
        for value in buffer { sum.accumulate(value * scale) }
        let mean = sum.doubleValue / count
        var squares = DoubleDouble.zero
        for value in buffer {
            let deviation = value * scale - mean
            squares.accumulate(deviation * deviation)
        }
        return (squares.doubleValue / count).squareRoot()
    }
}
