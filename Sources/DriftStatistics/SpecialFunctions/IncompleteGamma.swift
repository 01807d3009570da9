#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a);
/// `scipy.special.gammainc`.
///
/// P keeps full relative precision in its lower tail (values down to 1e-300): it is summed from
/// its own series and only formed as 1 − Q where Q is computed directly and P ≥ ½ or so.
///
/// Accuracy (checked against 60-digit mpmath values in `special.json`): relative error
/// ≤ 1e-13 + 2⁻⁵²·|ln P| for 1e-3 ≤ a ≤ 1e4 and every x whose result is ≥ 1e-300 — the second
/// term, at most 1.5e-13 at 1e-300, is the one-ulp rounding of ln x inside the exponent of
/// x^a·e^(−x), which no double evaluation avoids (SciPy's own error reaches 4e-13 there). For
/// 1e4 < a ≤ 1e6 the test asserts 1e-9; the largest error measured there is 2.3e-13. Near x ≈ a
/// the series and the continued fraction take O(√a) terms (≈ 9 000 at a = 1e6).
///
/// Edge cases (as SciPy): NaN for NaN, a < 0, x < 0, a = x = 0, and a = x = +∞; P(0, x > 0) = 1;
/// P(a, 0) = 0; P(a, +∞) = 1; P(+∞, finite x) = 0.
public func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    if let special = IncompleteGamma.specialValue(a, x) { return special.lower }
    if x > 1.1 && x > a { return 1 - IncompleteGamma.upperContinuedFraction(a, x) }
    return IncompleteGamma.lowerSeries(a, x)
}

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x);
/// `scipy.special.gammaincc`.
///
/// Q keeps full relative precision deep in its upper tail (values down to 1e-300), by a
/// continued fraction for x > a and by a cancellation-free series for small x and small a,
/// where Q is near 0 because a is (Q(a, x) ≈ a·E₁(x)).
///
/// Accuracy and edge cases as `regularizedGammaP`, with the complementary values.
public func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    if let special = IncompleteGamma.specialValue(a, x) { return special.upper }
    if x > 1.1 {
        return x < a ? 1 - IncompleteGamma.lowerSeries(a, x) : IncompleteGamma.upperContinuedFraction(a, x)
    }
    // Where P would be ≥ ~½ its complement cancels, so Q is summed directly (these regions are
    // where the series of Q in powers of x converges quickly and a is at most ~1.2).
    let directUpper = x <= 0.5 ? -0.4 / log(x) >= a : x * 1.1 >= a
    return directUpper ? IncompleteGamma.upperSeries(a, x) : 1 - IncompleteGamma.lowerSeries(a, x)
}

enum IncompleteGamma {
    static func specialValue(_ a: Double, _ x: Double) -> (lower: Double, upper: Double)? {
        if a.isNaN || x.isNaN || a < 0 || x < 0 { return (.nan, .nan) }
        if a == 0 {
            return x == 0 ? (.nan, .nan) : (1, 0)
        }
        if a.isInfinite { return x.isInfinite ? (.nan, .nan) : (0, 1) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        return nil
    }

    /// x^a·e^(−x)/Γ(a), the common prefactor of both tails.
    ///
    /// For a < 10, libm's `pow`, `exp` and `tgamma` (each within an ulp or two) are multiplied
    /// directly; when that would underflow, the logarithm is summed in double-double so only the
    /// rounding of ln x itself (a·|ln x|·2⁻⁵³, at most ~1e-14 here) remains. For a ≥ 10 it is
    /// √(a/2π)·exp(a·(ln(1+u) − u) − S(a)) with u = (x − a)/a and S Stirling's remainder, whose
    /// exponent is no larger than the result's own logarithm.
    static func powerTerm(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            if x < 700 {
                let power = pow(x, a)
                if power > 1e-305 && power.isFinite {
                    return power * exp(-x) / tgamma(a)
                }
            }
            return expOfSum(a, log(x), -x, -logGamma(a))
        }
        let u = (x - a) / a
        if u >= -0.5 && u <= 1 {
            let exponent = a * LogGammaCorrections.logOnePlusMinus(u) - LogGammaCorrections.stirlingRemainder(a)
            return (a / (2 * Double.pi)).squareRoot() * exp(exponent)
        }
        // Far from the mode a·(ln(1+u) − u) = a·ln(x/a) − (x − a), summed without rounding.
        let ratio = x / a
        // ln(x/a) with the division's rounding put back: x − a·ratio is exact by the FMA.
        let logRatio = x > 1e-300 ? log(ratio) + x.addingProduct(-a, ratio) / x : log(x) - log(a)
        var exponent = DoubleDouble.zero
        exponent.accumulate(a, times: logRatio)
        exponent.accumulate(-x)
        exponent.accumulate(a)
        exponent.accumulate(-LogGammaCorrections.stirlingRemainder(a))
        return (a / (2 * Double.pi)).squareRoot() * exponent.exponential
    }

    /// exp(a·l + s + t), with the product and the sums carried in double-double so the exponent's
    /// rounding (up to 1e-13 for exponents near −700) does not reach the result.
    static func expOfSum(_ a: Double, _ l: Double, _ s: Double, _ t: Double) -> Double {
        var exponent = DoubleDouble.zero
        exponent.accumulate(a, times: l)
        exponent.accumulate(s)
        exponent.accumulate(t)
        return exponent.exponential
    }

    /// P(a, x) = x^a·e^(−x)/Γ(a+1) · Σₙ xⁿ/((a+1)…(a+n)), all terms positive.
    static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var denominator = a
        for _ in 0..<2_000_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if term <= 1e-17 * sum { break }
        }
        return powerTerm(a, x) / a * sum
    }

    /// Q(a, x) for x > a by Legendre's continued fraction, evaluated by the modified Lentz
    /// method (Numerical Recipes §6.2).
    static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 2_000_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 1e-16 { break }
            i += 1
        }
        return powerTerm(a, x) * h
    }

    /// Q(a, x) for small x and a ≲ 1.2: Q = 1 − x^a/Γ(a+1) − (x^a/Γ(a))·Σₙ≥₁ (−x)ⁿ/(n!(a+n)),
    /// with the first difference taken by `expm1` on a log-gamma of 1 + a that keeps a's digits.
    static func upperSeries(_ a: Double, _ x: Double) -> Double {
        var factor = 1.0
        var sum = 0.0
        var n = 1.0
        while n < 10_000 {
            factor *= -x / n
            let term = factor / (a + n)
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            n += 1
        }
        let w = a * log(x) - LogGammaCorrections.logGammaOnePlus(a)
        return -expm1(w) - a * exp(w) * sum
    }
}
