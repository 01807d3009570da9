#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Auxiliary functions that let the incomplete gamma and beta functions build their power
/// prefactors without the cancellation of differences of large `logGamma` values.
///
/// For a shape parameter in the thousands, `a·log x − x − lnΓ(a)` subtracts numbers near 10⁴
/// whose rounding alone costs 1e-12 of relative accuracy; rewritten through Stirling's series
/// (Temme, "Special Functions", 1996, §3.6) only terms of the size of the final exponent remain.
enum LogGammaCorrections {
    /// ln √(2π).
    static let logSquareRootTwoPi = 0.91893853320467274178

    /// The remainder of Stirling's formula, lnΓ(z) − (z − ½)·ln z + z − ln √(2π), for z > 0.
    ///
    /// The asymptotic series (Bernoulli numbers B₂…B₁₆) is used from z = 10, where its first
    /// omitted term is below 1e-18; below that the defining difference is small enough (|terms|
    /// ≲ 45) that its rounding stays near 5e-15 absolute.
    static func stirlingRemainder(_ z: Double) -> Double {
        if z >= 10 {
            let inverse = 1 / z
            let square = inverse * inverse
            var series = -3617.0 / 122_400
            series = series * square + 1.0 / 156
            series = series * square - 691.0 / 360_360
            series = series * square + 1.0 / 1188
            series = series * square - 1.0 / 1680
            series = series * square + 1.0 / 1260
            series = series * square - 1.0 / 360
            series = series * square + 1.0 / 12
            return series * inverse
        }
        return logGamma(z) - (z - 0.5) * log(z) + z - logSquareRootTwoPi
    }

    /// ln(1 + u) − u for u > −1, accurate where the two terms nearly cancel (callers use it for
    /// −½ ≤ u ≤ 1; near u = −1, 1 + u itself has lost its digits and they take the logarithm of
    /// the ratio it came from instead).
    static func logOnePlusMinus(_ u: Double) -> Double {
        if u >= -0.5 && u <= 1 {
            // ln(1+u) = 2·atanh(r) with r = u/(2+u), |r| ≤ 1/3, so 2r − u = −u²/(2+u) carries
            // the leading term exactly and the odd series in r converges by a factor r² ≤ 1/9.
            let r = u / (2 + u)
            let r2 = r * r
            var power = r * r2
            var series = 0.0
            var k = 3.0
            while true {
                let term = power / k
                series += term
                if abs(term) <= 1e-17 * abs(series) { break }
                power *= r2
                k += 2
            }
            return -u * u / (2 + u) + 2 * series
        }
        return log1p(u) - u
    }

    /// ζ(k) for k = 2…25, the Taylor coefficients of lnΓ(1 + a) about a = 0.
    private static let zeta: [Double] = [
        1.6449340668482264365, 1.2020569031595942854, 1.0823232337111381915, 1.0369277551433699263,
        1.0173430619844491397, 1.0083492773819228268, 1.0040773561979443394, 1.0020083928260822144,
        1.0009945751278180853, 1.0004941886041194646, 1.0002460865533080483, 1.0001227133475784891,
        1.0000612481350587048, 1.0000305882363070205, 1.0000152822594086519, 1.0000076371976378998,
        1.0000038172932649998, 1.0000019082127165539, 1.0000009539620338728, 1.0000004769329867878,
        1.0000002384505027277, 1.0000001192199259653, 1.0000000596081890513, 1.0000000298035035147,
    ]

    /// lnΓ(1 + a) for a > −1, keeping relative accuracy for small a, where forming 1 + a would
    /// discard the digits of a.
    static func logGammaOnePlus(_ a: Double) -> Double {
        if abs(a) > 0.2 { return logGamma(1 + a) }
        // lnΓ(1+a) = −γa + Σ_{k≥2} (−a)^k ζ(k)/k; |a| ≤ 0.2 makes 0.2²⁵/25 ≈ 1e-19 negligible.
        var sum = 0.0
        var power = -a
        for k in 2...25 {
            power *= -a
            sum += power * zeta[k - 2] / Double(k)
        }
        return sum - 0.57721566490153286061 * a
    }
}
