/// The pooled two-proportion z-test, two-sided; statsmodels
/// `proportions_ztest([referenceSuccesses, currentSuccesses], [referenceCount, currentCount])`.
///
/// Convention: z = (p̂_r − p̂_c) / √(p̄(1 − p̄)(1/n_r + 1/n_c)) with the pooled
/// p̄ = (s_r + s_c)/(n_r + n_c), so z > 0 when the reference proportion is larger;
/// p = 2·(1 − Φ(|z|)) from `NormalDistribution.survival` (full relative precision down to
/// ~1e-300, then 0). No continuity correction.
///
/// Edge cases: a count of 0 throws `.emptySample` for that side; a negative count, negative
/// successes or successes above the count throw `.invalidArgument`; a pooled proportion of 0 or
/// 1 (no successes, or no failures, anywhere) throws `.degenerateData` — statsmodels returns
/// NaN there. Equal proportions give z = 0, p = 1.
public func twoProportionZTest(
    referenceSuccesses: Int, referenceCount: Int, currentSuccesses: Int, currentCount: Int
) throws(DriftStatisticsError) -> TwoSampleResult {
    for (role, successes, count) in [
        (SampleRole.reference, referenceSuccesses, referenceCount),
        (SampleRole.current, currentSuccesses, currentCount),
    ] {
        if count < 0 { throw .invalidArgument(name: "\(role)Count", reason: "is negative (\(count))") }
        if count == 0 { throw .emptySample(role) }
        if successes < 0 || successes > count {
            throw .invalidArgument(name: "\(role)Successes", reason: "\(successes) is outside 0…\(count)")
        }
    }
    let n1 = Double(referenceCount)
    let n2 = Double(currentCount)
    let pooled = Double(referenceSuccesses + currentSuccesses) / Double(referenceCount + currentCount)
    if pooled == 0 || pooled == 1 {
        throw .degenerateData(method: .z, reason: "the pooled proportion is \(pooled), so its variance is zero")
    }
    let difference = Double(referenceSuccesses) / n1 - Double(currentSuccesses) / n2
    let standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    let statistic = difference / standardError
    let pValue = min(1, 2 * NormalDistribution.survival(abs(statistic)))
    return TwoSampleResult(method: .z, statistic: statistic, pValue: pValue)
}
