#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The limiting (n → ∞) null distribution of the Cramér–von Mises statistic ω², as SciPy's
/// private `_cdf_cvm_inf` evaluates it.
///
/// The cdf is the series of Csörgő & Faraway (1996, eq. 1.2) in the form SciPy sums,
/// Σ_k exp(lnΓ(k+½) − lnΓ(k+1)) · √(4k+1) · e^{−q_k} K_{1/4}(q_k) / (π^{3/2} √x) with
/// q_k = (4k+1)²/(16x), until a term falls below 1e-7 (that term included). The truncation rule is SciPy's, so the same terms are kept; ln Γ is the
/// Cephes `lgam` SciPy's `gammaln` uses, because for the thousands of terms a large x needs,
/// lnΓ(k+½) − lnΓ(k+1) cancels about 1e-12 of absolute rounding that must match SciPy's.
/// SciPy documents the series as inaccurate for x ≳ 4, where the truncation leaves an error
/// of order 1e-8 and the cdf may even exceed 1; those are SciPy's values too.
enum CramerVonMisesLimitingDistribution {
    static func cdf(_ x: Double) -> Double {
        let scale = pow(Double.pi, 1.5) * x.squareRoot()
        var total = 0.0
        var k = 0
        while true {
            let y = 4 * k + 1
            let weight = exp(cephesLogGamma(Double(k) + 0.5) - cephesLogGamma(Double(k + 1))) / scale
            let q = Double(y * y) / (16 * x)
            let term = weight * Double(y).squareRoot() * exp(-q) * modifiedBesselK(order: 0.25, q)
            total += term
            if !(abs(term) >= 1e-7) { break }
            k += 1
        }
        return total
    }

    /// ln Γ(x) for x > 0 by Cephes' `lgam` (Moshier), the routine behind `scipy.special.gammaln`:
    /// a rational approximation on [2, 3] reached by recurrence below 13, Stirling's series
    /// above. Reproduced operation for operation so the values are SciPy's to the last bit.
    private static func cephesLogGamma(_ argument: Double) -> Double {
        var x = argument
        if x < 13 {
            var z = 1.0
            var p = 0.0
            var u = x
            while u >= 3 {
                p -= 1
                u = x + p
                z *= u
            }
            while u < 2 {
                z /= u
                p += 1
                u = x + p
            }
            if u == 2 { return log(z) }
            p -= 2
            x += p
            let numerator = x * polynomial(x, [
                -1.37825152569120859100E3, -3.88016315134637840924E4, -3.31612992738871184744E5,
                -1.16237097492762307383E6, -1.72173700820839662146E6, -8.53555664245765465627E5,
            ])
            let denominator = monicPolynomial(x, [
                -3.51815701436523470549E2, -1.70642106651881159223E4, -2.20528590553854454839E5,
                -1.13933444367982507207E6, -2.53252307177582951285E6, -2.01889141433532773231E6,
            ])
            return log(z) + numerator / denominator
        }
        var q = (x - 0.5) * log(x) - x + 0.91893853320467274178
        if x > 1.0e8 { return q }
        let p = 1 / (x * x)
        if x >= 1000 {
            q += ((7.9365079365079365079365e-4 * p - 2.7777777777777777777778e-3) * p + 0.0833333333333333333333) / x
        } else {
            q += polynomial(p, [
                8.11614167470508450300E-4, -5.95061904284301438324E-4, 7.93650340457716943945E-4,
                -2.77777777730099687205E-3, 8.33333333333331927722E-2,
            ]) / x
        }
        return q
    }

    /// Horner evaluation, highest coefficient first (Cephes `polevl`).
    private static func polynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        var value = coefficients[0]
        for coefficient in coefficients.dropFirst() { value = value * x + coefficient }
        return value
    }

    /// Horner evaluation with an implicit leading coefficient 1 (Cephes `p1evl`).
    private static func monicPolynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        var value = x + coefficients[0]
        for coefficient in coefficients.dropFirst() { value = value * x + coefficient }
        return value
    }
}
