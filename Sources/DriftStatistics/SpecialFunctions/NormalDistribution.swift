#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's cdf and survival function.
///
/// Computed as SciPy's `ndtr` does (Cephes): through `erf` near the centre and `erfc` of |x|/√2
/// in the tails, so the survival function keeps full relative precision down to the smallest
/// normal double (`normalSurvival(37.5)` ≈ 4.6e-308) instead of cancelling in `1 − Φ(x)`.
public enum NormalDistribution {
    /// Φ(x) = P(Z ≤ x); `scipy.stats.norm.cdf` / `scipy.special.ndtr`.
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let scaled = x * 0.70710678118654752440
        let magnitude = abs(scaled)
        if magnitude < 0.70710678118654752440 { return 0.5 + 0.5 * erf(scaled) }
        let tail = 0.5 * erfc(magnitude)
        return scaled > 0 ? 1 - tail : tail
    }

    /// 1 − Φ(x) = P(Z > x); `scipy.stats.norm.sf`, computed as Φ(−x) so the upper tail is exact.
    @inlinable
    public static func survival(_ x: Double) -> Double { cdf(-x) }
}
