/// Welch's unequal-variance two-sample t-test, two-sided; `scipy.stats.ttest_ind(reference,
/// current, equal_var=False)`.
///
/// Convention: t = (mean(reference) − mean(current)) / √(s²_r/n_r + s²_c/n_c) with the unbiased
/// (n − 1) variances, so t > 0 when the reference mean is larger, as SciPy with the reference as
/// its first sample. The p-value is 2·P(T_ν > |t|) with the Welch–Satterthwaite
/// ν = (s²_r/n_r + s²_c/n_c)² / ((s²_r/n_r)²/(n_r − 1) + (s²_c/n_c)²/(n_c − 1)), non-integer,
/// from `StudentTDistribution` (full relative precision down to ~1e-300; it underflows to 0
/// beyond). Welch, Biometrika 34 (1947).
///
/// Both samples are rescaled by one power of two (exact) before any sum, and means and squared
/// deviations are summed with compensation, so data of magnitude 1e150 or 1e-200 neither
/// overflow nor underflow; t and p are invariant under that scaling. There SciPy itself
/// overflows (its ν becomes NaN and is replaced by 1) or underflows (variance 0, t = ±∞); this
/// returns the answer SciPy gives for the same data at moderate scale.
///
/// Edge cases: an empty sample throws `.emptySample`; one value throws `.insufficientData`
/// (needed 2); a NaN or ±∞ throws `.nonFiniteValue`; both samples constant (both variances 0)
/// throws `.degenerateData` — SciPy answers NaN when the two constants are equal and (±∞, 0)
/// when they differ, neither of which is a usable test result. Identical samples give t = 0,
/// p = 1. One constant sample is fine (the other's variance carries the test).
public func welchTTest(reference: [Double], current: [Double]) throws(DriftStatisticsError) -> TwoSampleResult {
    try validateSample(reference, role: .reference, method: .ttest, minimumCount: 2)
    try validateSample(current, role: .current, method: .ttest, minimumCount: 2)
    let scale = WelchMoments.commonScale(reference, current)
    let first = WelchMoments(reference, scale: scale)
    let second = WelchMoments(current, scale: scale)
    if first.variance == 0 && second.variance == 0 {
        throw .degenerateData(method: .ttest, reason: "both samples are constant (zero variance)")
    }
    let n1 = Double(reference.count)
    let n2 = Double(current.count)
    let share1 = first.variance / n1
    let share2 = second.variance / n2
    let pooled = share1 + share2
    let denominator = share1 * share1 / (n1 - 1) + share2 * share2 / (n2 - 1)
    let degreesOfFreedom = pooled * pooled / denominator
    let difference = (first.mean - second.mean) + (first.meanLow - second.meanLow)
    let statistic = difference / pooled.squareRoot()
    let pValue = min(1, 2 * StudentTDistribution.survival(abs(statistic), degreesOfFreedom: degreesOfFreedom))
    return TwoSampleResult(method: .ttest, statistic: statistic, pValue: pValue)
}

/// Mean (as an unevaluated sum `mean + meanLow`, twice double precision) and unbiased variance
/// of a sample multiplied by `scale`, by two compensated passes.
///
/// The low part matters when the means are large next to their difference (data offset by
/// 1e6 with unit spread): a mean rounded to a double is off by up to 1e-16 of the offset, which
/// the t statistic divides by the spread and the p-value amplifies by t² again.
struct WelchMoments {
    let mean: Double
    let meanLow: Double
    let variance: Double

    init(_ values: [Double], scale: Double) {
        let count = Double(values.count)
        var sum = 0.0
        var compensation = 0.0
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                let term = value * scale
                let next = sum + term
                compensation += abs(sum) >= abs(term) ? (sum - next) + term : (term - next) + sum
                sum = next
            }
        }
        let total = sum + compensation
        let totalLow = compensation - (total - sum)
        let mean = total / count
        let meanLow = (total.addingProduct(-mean, count) + totalLow) / count
        var squares = 0.0
        var squaresCompensation = 0.0
        var deviations = 0.0
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                let deviation = (value * scale - mean) - meanLow
                deviations += deviation
                let term = deviation * deviation
                let next = squares + term
                squaresCompensation += (squares - next) + term
                squares = next
            }
        }
        self.mean = mean
        self.meanLow = meanLow
        // The correction term removes what is left of the mean's rounding (Chan, Golub &
        // LeVeque's corrected two-pass algorithm).
        variance = max(0, (squares + squaresCompensation - deviations * deviations / count) / (count - 1))
    }

    /// A power of two bringing the largest magnitude of both samples near 1, so sums of squares
    /// stay far from overflow and underflow. Values must be finite.
    static func commonScale(_ first: [Double], _ second: [Double]) -> Double {
        var largest = 0.0
        for value in first { largest = max(largest, abs(value)) }
        for value in second { largest = max(largest, abs(value)) }
        if largest == 0 { return 1 }
        // Capped so the factor itself stays finite for subnormal data (which then lands near
        // 2⁻⁷⁴, still far from underflow when squared).
        return Double(sign: .plus, exponent: min(-Int(largest.exponent), 1000), significand: 1)
    }
}
