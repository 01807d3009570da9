/// Pearson's chi-square test of homogeneity on the 2 × k table of reference and current counts;
/// `scipy.stats.chi2_contingency([referenceCounts, currentCounts], correction=False)`.
///
/// The counts are per frozen bin (numeric bins or categories, where a category unseen in the
/// baseline is its own column). Statistic Σ (O − E)²/E with E = row total · column total / N;
/// p = P(χ²_{k'−1} > statistic) from `ChiSquaredDistribution` (full relative precision down to
/// ~1e-300, then 0), k' the number of non-empty columns.
///
/// Named difference from SciPy: columns empty in both rows are dropped first (SciPy rejects a
/// table with a zero expected count); if at most one column remains the answer is statistic 0,
/// p 1, SciPy's own answer for a table with zero degrees of freedom.
///
/// Edge cases: the two arrays must have the same length (`.invalidArgument`); a negative count
/// throws `.invalidArgument`; a row whose counts are all zero (or an empty array) throws
/// `.emptySample` for that side. Identical or proportional rows give statistic 0, p 1.
public func chiSquareHomogeneityTest(
    referenceCounts: [Int], currentCounts: [Int]
) throws(DriftStatisticsError) -> TwoSampleResult {
    if referenceCounts.count != currentCounts.count {
        throw .invalidArgument(
            name: "currentCounts",
            reason: "has \(currentCounts.count) bins but referenceCounts has \(referenceCounts.count)"
        )
    }
    var referenceTotal = 0
    var currentTotal = 0
    for (index, (first, second)) in zip(referenceCounts, currentCounts).enumerated() {
        if first < 0 || second < 0 {
            throw .invalidArgument(name: "counts", reason: "bin \(index) has a negative count")
        }
        referenceTotal += first
        currentTotal += second
    }
    if referenceTotal == 0 { throw .emptySample(.reference) }
    if currentTotal == 0 { throw .emptySample(.current) }
    let rowTotals = (Double(referenceTotal), Double(currentTotal))
    let total = Double(referenceTotal + currentTotal)
    var statistic = 0.0
    var columns = 0
    for (first, second) in zip(referenceCounts, currentCounts) where first + second > 0 {
        columns += 1
        let columnTotal = Double(first + second)
        let expectedFirst = rowTotals.0 * columnTotal / total
        let expectedSecond = rowTotals.1 * columnTotal / total
        let deviationFirst = Double(first) - expectedFirst
        let deviationSecond = Double(second) - expectedSecond
        statistic += deviationFirst * deviationFirst / expectedFirst + deviationSecond * deviationSecond / expectedSecond
    }
    if columns <= 1 { return TwoSampleResult(method: .chi2, statistic: 0, pValue: 1) }
    let pValue = ChiSquaredDistribution.survival(statistic, degreesOfFreedom: Double(columns - 1))
    return TwoSampleResult(method: .chi2, statistic: statistic, pValue: pValue)
}
