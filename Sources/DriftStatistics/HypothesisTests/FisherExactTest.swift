/// Fisher's exact test on the 2 × 2 table [[a, b], [c, d]], two-sided;
/// `scipy.stats.fisher_exact([[a, b], [c, d]])`.
///
/// Rows are the samples (reference = [a, b], current = [c, d] in the drift use) and columns the
/// outcome. The statistic is SciPy's sample odds ratio a·d/(b·c): 0 when a·d = 0 < b·c, +∞ when
/// b·c = 0. The p-value sums the hypergeometric probabilities (row and column totals fixed) of
/// every table at most as probable as the observed one, exactly as SciPy decides it: tables
/// count as "as extreme" when their probability is ≤ (1 + 1e-14) times the observed one, the
/// mode is ⌊(n + 1)(r₁ + 1)/(N + 2)⌋, an observed table whose probability is within a relative
/// 1e-14 of the mode's gives exactly 1, and the boundary on the far side of the mode is found by
/// the same bisection. Probabilities are computed in log space
/// (`HypergeometricDistribution`), so counts of 10⁵ and more neither overflow nor lose precision.
///
/// Edge cases: a negative count throws `.invalidArgument`; a row or column summing to zero
/// throws `.degenerateData` (SciPy returns odds ratio NaN and p = 1 there: nothing can be
/// tested).
public func fisherExactTest(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws(DriftStatisticsError) -> TwoSampleResult {
    if a < 0 || b < 0 || c < 0 || d < 0 {
        throw .invalidArgument(name: "table", reason: "counts must be non-negative, got [[\(a), \(b)], [\(c), \(d)]]")
    }
    if a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0 {
        throw .degenerateData(method: .fisher, reason: "a row or column of the 2×2 table is empty")
    }
    let oddsRatio = c > 0 && b > 0 ? Double(a) * Double(d) / (Double(c) * Double(b)) : .infinity
    let firstRow = a + b
    let total = a + b + c + d
    let firstColumn = a + c
    let distribution = HypergeometricDistribution(total: total, successes: firstRow, draws: firstColumn)
    let mode = Int(Double((firstColumn + 1) * (firstRow + 1)) / Double(total + 2))
    let observed = distribution.probability(a)
    let atMode = distribution.probability(mode)
    let tolerance = 1e-14
    let threshold = observed * (1 + tolerance)
    let pValue: Double
    if abs(observed - atMode) / max(observed, atMode) <= tolerance {
        pValue = 1
    } else if a < mode {
        let lower = distribution.cdf(a)
        if distribution.probability(firstColumn) > threshold {
            pValue = lower
        } else {
            let boundary = fisherBisection({ -distribution.probability($0) }, -threshold, mode, firstColumn)
            pValue = lower + distribution.survival(boundary)
        }
    } else {
        let upper = distribution.survival(a - 1)
        if distribution.probability(0) > threshold {
            pValue = upper
        } else {
            let boundary = fisherBisection({ distribution.probability($0) }, threshold, 0, mode)
            pValue = upper + distribution.cdf(boundary)
        }
    }
    return TwoSampleResult(method: .fisher, statistic: oddsRatio, pValue: min(pValue, 1))
}

/// The largest i in lo…hi with f(i) ≤ target for f increasing on lo…hi (lo − 1 when none),
/// by the same bisection SciPy uses, so ties resolve identically.
private func fisherBisection(_ f: (Int) -> Double, _ target: Double, _ low: Int, _ high: Int) -> Int {
    var low = low
    var high = high
    while low < high {
        let middle = low + (high - low) / 2
        let value = f(middle)
        if value < target {
            low = middle + 1
        } else if value > target {
            high = middle - 1
        } else {
            return middle
        }
    }
    return f(low) <= target ? low : low - 1
}
