#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kolmogorov's limiting distribution of √n·Dₙ, the scaled two-sided one-sample
/// Kolmogorov–Smirnov statistic (`scipy.stats.kstwobign`).
///
/// K(x) = 1 − 2 Σₖ≥₁ (−1)ᵏ⁻¹ e^(−2k²x²) (Kolmogorov 1933). That alternating series converges
/// fast for large x but not near 0, where the Jacobi-theta transform
/// K(x) = (√(2π)/x) Σₖ≥₁ e^(−(2k−1)²π²/(8x²)) is used instead. Both are evaluated as SciPy's
/// `special.kolmogorov` (van Mulbregt 2018, arXiv:1803.00426) does: the theta form up to
/// x = 0.82 and the alternating form above, each with a fixed number of terms unrolled as a Horner
/// scheme, so whichever of the cdf and the survival function is the smaller is computed directly
/// and the other as its complement.
public enum KolmogorovDistribution {
    /// The switch between the two series; near the median, so the complement never cancels.
    private static let seriesCutover = 0.82

    /// Below this x the cdf underflows: π/√(8·746), where e^(−746) is the first exp that is 0.
    private static let cdfUnderflow = Double.pi / (8.0 * 746.0).squareRoot()

    /// P(K > x), `scipy.special.kolmogorov(x)`.
    ///
    /// Edge cases: x ≤ 0 gives 1; NaN gives NaN; +Inf gives 0; the result underflows to 0 for x
    /// above about 19.3 (e^(−2x²) < 2⁻¹⁰⁷⁴).
    public static func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return evaluate(x).survival
    }

    /// P(K ≤ x), SciPy's `kolmogc` (`scipy.stats.kstwobign.cdf(x)`), computed directly rather than
    /// as `1 − survival(x)` for x ≤ 0.82, so the lower tail keeps its relative precision down to
    /// the smallest doubles.
    ///
    /// Edge cases: x ≤ 0.0406 (where the series underflows) gives 0; NaN gives NaN; +Inf gives 1.
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return evaluate(x).cdf
    }

    private static func evaluate(_ x: Double) -> (survival: Double, cdf: Double) {
        if x <= cdfUnderflow { return (1, 0) }
        if x <= seriesCutover {
            // u = e^(−π²/(8x²)); cdf = (√(2π)/x)·u·(1 + u⁸ + u²⁴ + u⁴⁸), the exponents being
            // ((2k−1)² − 1) for k = 1…4.
            let w = (2 * Double.pi).squareRoot() / x
            let logU8 = -Double.pi * Double.pi / (x * x)
            let u = exp(logU8 / 8)
            var p: Double
            if u == 0 {
                p = exp(logU8 / 8 + log(w))
            } else {
                let u8 = exp(logU8)
                p = 1 + pow(u8, 3)
                p = 1 + u8 * u8 * p
                p = 1 + u8 * p
                p = w * u * p
            }
            return (clampToUnit(1 - p), clampToUnit(p))
        }
        // v = e^(−2x²); survival = 2(v − v⁴ + v⁹ − v¹⁶) = 2v(1 − v³(1 − v⁵(1 − v⁷))).
        let v = exp(-2 * x * x)
        let v3 = pow(v, 3)
        var p = 1 - v3 * v3 * v
        p = 1 - v3 * (v * v) * p
        p = 1 - v3 * p
        p = 2 * v * p
        return (clampToUnit(p), clampToUnit(1 - p))
    }

    private static func clampToUnit(_ p: Double) -> Double { min(max(p, 0), 1) }
}
