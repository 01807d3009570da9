#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hypergeometric distribution: the number of successes in `draws` draws without
/// replacement from `total` items of which `successes` are successes.
///
/// The probability mass is computed in log space from three binomial masses, each by Loader's
/// saddle-point form ("Fast and accurate computation of binomial probabilities", 2000, as in R's
/// `dhyper`): Stirling remainders and the deviance term x·ln(x/np) + np − x, never a difference
/// of log-factorials, so it keeps ~1e-15 relative accuracy for populations of 10⁵ and more
/// without overflow. Matches `scipy.stats.hypergeom.pmf(k, total, successes, draws)`.
struct HypergeometricDistribution: Sendable {
    let total: Int
    let successes: Int
    let draws: Int

    var lowerSupport: Int { max(0, draws - (total - successes)) }
    var upperSupport: Int { min(draws, successes) }

    /// P(X = k); 0 outside the support.
    func probability(_ k: Int) -> Double {
        if k < lowerSupport || k > upperSupport { return 0 }
        let p = Double(draws) / Double(total)
        let q = Double(total - draws) / Double(total)
        let failures = total - successes
        let logMass = Self.logBinomial(Double(k), Double(successes), p, q)
            + Self.logBinomial(Double(draws - k), Double(failures), p, q)
            - Self.logBinomial(Double(draws), Double(total), p, q)
        return exp(logMass)
    }

    /// P(lower ≤ X ≤ upper), summed from the end nearer the tail; the terms must decrease from
    /// `start` towards `stop` (true in either tail beyond the mode), so the sum stops once they
    /// no longer change it.
    func sum(from start: Int, to stop: Int) -> Double {
        let step = stop >= start ? 1 : -1
        var k = start
        var total = 0.0
        while true {
            let term = probability(k)
            total += term
            if k == stop || term <= 1e-17 * total { break }
            k += step
        }
        return total
    }

    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double {
        if k < lowerSupport { return 0 }
        return sum(from: min(k, upperSupport), to: lowerSupport)
    }

    /// P(X > k).
    func survival(_ k: Int) -> Double {
        if k >= upperSupport { return 0 }
        return sum(from: max(k + 1, lowerSupport), to: upperSupport)
    }

    /// ln of the binomial mass C(n, x)·p^x·q^(n−x) (Loader's `dbinom_raw`).
    static func logBinomial(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -deviance(n, n * q) - n * p : n * log(q)
        }
        if x == n { return q < 0.1 ? -deviance(n, n * p) - n * q : n * log(p) }
        if x < 0 || x > n { return -.infinity }
        let correction = stirlingRemainder(n) - stirlingRemainder(x) - stirlingRemainder(n - x)
            - deviance(x, n * p) - deviance(n - x, n * q)
        let logFactor = 1.8378770664093454836 + log(x) + log1p(-x / n)
        return correction - 0.5 * logFactor
    }

    /// x·ln(x/m) + m − x, by its series in v = (x−m)/(x+m) when x and m are close.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            var term = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                term *= v
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return x * log(x / m) + m - x
    }

    /// Stirling's remainder at whole numbers, exact to the last bit below 16.
    static func stirlingRemainder(_ n: Double) -> Double {
        if n < 16, n >= 1, n == n.rounded() { return remainders[Int(n) - 1] }
        return LogGammaCorrections.stirlingRemainder(n)
    }

    private static let remainders: [Double] = [
        0.08106146679532725822, 0.041340695955409294094, 0.027677925684998339149,
        0.020790672103765093112, 0.016644691189821192163, 0.013876128823070747999,
        0.011896709945891770095, 0.010411265261972096497, 0.0092554621827127329177,
        0.0083305634333628712565, 0.007573675487951840795, 0.0069428401072095298657,
        0.0064089941880042070684, 0.0059513701127588477356, 0.005554733551962801371,
    ]
}
