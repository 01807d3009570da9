/// The null distribution of the Mann–Whitney U statistic for untied samples, as SciPy's
/// `mannwhitneyu(method='exact')` evaluates it.
///
/// SciPy counts the rank configurations with Löffler's divisor-sum recursion, which costs
/// O(u²) for the u it needs. The same counts are the coefficients of the Gaussian binomial
/// Π_{i=1}^{m} (1 − q^{n+i}) / (1 − q^i) (m = the smaller size), which this type expands in
/// O(m · u): dividing by each (1 − q^i) is a running sum with stride i, multiplying by each
/// (1 − q^{n+i}) a strided difference. While the counts stay below 2⁵³ both methods are exact
/// integer arithmetic and agree bit for bit; above that both round, at the 1e-16 level.
enum MannWhitneyUExactDistribution {
    /// P(U ≤ k) for sample sizes `m`, `n`, accumulated as SciPy does: each count is divided by
    /// C(m+n, m) first and the quotients are summed in ascending order of u.
    static func cumulativeProbability(atMost k: Int, _ m: Int, _ n: Int) -> Double {
        let small = min(m, n)
        let large = max(m, n)
        let total = binomialCoefficient(Double(small + large), Double(small))
        var counts = [Double](repeating: 0, count: k + 1)
        counts.withUnsafeMutableBufferPointer { c in
            c[0] = 1
            for part in stride(from: 1, through: small, by: 1) where part <= k {
                for u in part...k { c[u] += c[u - part] }
            }
            for part in stride(from: 1, through: small, by: 1) {
                let shift = large + part
                if shift > k { break }
                for u in stride(from: k, through: shift, by: -1) { c[u] -= c[u - shift] }
            }
        }
        var cumulative = 0.0
        for u in 0...k { cumulative += counts[u] / total }
        return cumulative
    }

    /// C(n, k) by the product formula of SciPy's `special.binom` for integer k < 20 (with its
    /// rescaling past 1e50), so the normalising constant is the very double SciPy divides by.
    /// The exact test only runs when the smaller sample has at most 8 values.
    private static func binomialCoefficient(_ n: Double, _ k: Double) -> Double {
        var kx = k
        if kx > n / 2 { kx = n - kx }
        var numerator = 1.0
        var denominator = 1.0
        var i = 1
        while Double(i) < 1 + kx {
            numerator *= Double(i) + n - kx
            denominator *= Double(i)
            if abs(numerator) > 1e50 {
                numerator /= denominator
                denominator = 1
            }
            i += 1
        }
        return numerator / denominator
    }
}
