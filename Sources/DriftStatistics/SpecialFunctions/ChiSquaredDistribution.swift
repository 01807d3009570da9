/// The chi-squared distribution with k degrees of freedom: P(X ≤ x) = P(k/2, x/2), the
/// regularized lower incomplete gamma function, and P(X > x) = Q(k/2, x/2), each computed
/// directly so both tails keep full relative precision down to 1e-300.
///
/// Matches `scipy.stats.chi2.sf`/`.cdf` (`chdtrc`/`chdtr`). Edge cases: NaN for NaN arguments or
/// k ≤ 0; x ≤ 0 gives survival 1 (cdf 0), as `scipy.stats` does below the support; x = +∞
/// gives 0; k = +∞ gives survival 1 for finite x. Accuracy as `regularizedGammaQ`.
public enum ChiSquaredDistribution {
    /// P(X > x).
    public static func survival(_ x: Double, degreesOfFreedom: Double) -> Double {
        if x.isNaN || degreesOfFreedom.isNaN || degreesOfFreedom <= 0 { return .nan }
        if x <= 0 { return 1 }
        return regularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * x)
    }

    /// P(X ≤ x).
    public static func cdf(_ x: Double, degreesOfFreedom: Double) -> Double {
        if x.isNaN || degreesOfFreedom.isNaN || degreesOfFreedom <= 0 { return .nan }
        if x <= 0 { return 0 }
        return regularizedGammaP(0.5 * degreesOfFreedom, 0.5 * x)
    }
}
