#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// K_ν(x), the modified Bessel function of the second kind, for real order ν and x ≥ 0;
/// `scipy.special.kv(order, x)` on that domain. K_{−ν} = K_ν, so only |ν| matters.
///
/// Computed from the integral K_ν(x) = ∫₀^∞ exp(−x cosh t) cosh(νt) dt by the trapezoidal
/// rule, which converges geometrically for this analytic, double-exponentially decaying
/// integrand (Trefethen & Weideman, "The exponentially convergent trapezoidal rule", SIAM
/// Review 2014). The factor e^{−x} is taken out (cosh t − 1 = 2 sinh²(t/2)) so large x lose no
/// digits, the step shrinks like 1/√x to resolve the peak at t = 0, and the positive terms are
/// added with compensation. Checked against mpmath to within 4e-16 relative for order 1/4 on
/// 1e-8 ≤ x ≤ 700 and against `scipy.special.kv` to 1e-13 (SciPy's AMOS routine is itself off
/// by up to ~7e-14 near x = 2).
///
/// Edge cases: x = 0 → +∞; x < 0 or NaN → NaN (SciPy returns NaN for x < 0);
/// +∞ → 0. SciPy flushes K_ν(x) to 0 once it drops below about 4e-305 (x ≈ 697.9 for ν = 1/4);
/// this function keeps the true, tiny value until it underflows near x ≈ 745. Callers that
/// multiply by e^{−x}, as the Cramér–von Mises series does, get 0 either way. Orders up to
/// about 3 keep ~2e-15 relative accuracy; the function serves the small orders of statistical
/// limit laws, not large-order work.
public func modifiedBesselK(order: Double, _ x: Double) -> Double {
    if x.isNaN || order.isNaN || x < 0 { return .nan }
    let order = abs(order)
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
