#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// K_ν(x), the modified Bessel function of the second kind, for real order ν ≥ 0 and x ≥ 0;
/// `scipy.special.kv(order, x)` on that domain.
///
/// Computed from the integral K_ν(x) = ∫₀^∞ exp(−x cosh t) cosh(νt) dt by the trapezoidal
/// rule, which converges geometrically for this analytic, double-exponentially decaying
/// integrand (Trefethen & Weideman, "The exponentially convergent trapezoidal rule", SIAM
/// Review 2014). The factor e^{−x} is taken out (cosh t − 1 = 2 sinh²(t/2)) so large x lose no
/// digits, the step shrinks like 1/√x to resolve the peak at t = 0, and the positive terms are
/// added with compensation. Checked against mpmath to about 1e-16 relative for order 1/4 on
/// 1e-8 ≤ x ≤ 700 and against `scipy.special.kv` to 1e-13 (SciPy's AMOS routine is itself off
/// by up to ~7e-14 near x = 2).
///
/// Edge cases: x = 0 → +∞; x < 0, a negative order or NaN → NaN (SciPy returns NaN for x < 0);
/// x above ~745, where K_ν underflows, → 0. Orders up to a few units are accurate; the
/// function is meant for the small orders of statistical limit laws, not large-order work.
public func modifiedBesselK(order: Double, _ x: Double) -> Double {
    if x.isNaN || order.isNaN || x < 0 || order < 0 { return .nan }
    if x == 0 { return .infinity }
    if x.isInfinite { return 0 }
    // The strip half-width over which the integrand stays analytic and moderate: up to 1.4
    // for small x, and narrow enough for large x that x(1 − cos d) stays near 3.
    let width = x <= 3 / (1 - cos(1.4)) ? 1.4 : acos(1 - 3 / x)
    let step = 2 * Double.pi * width / 44
    var sum = 0.5
    var compensation = 0.0
    var index = 1
    while true {
        let t = Double(index) * step
        let half = sinh(t / 2)
        let exponent = -2 * x * half * half
        if exponent + order * t < -45 { break }
        let term = exp(exponent) * cosh(order * t)
        let updated = sum + term
        compensation += (sum - updated) + term
        sum = updated
        index += 1
    }
    return exp(-x) * ((sum + compensation) * step)
}
