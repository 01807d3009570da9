/// The exact null distribution of the two-sample Kolmogorov–Smirnov statistic
/// D = supₓ |F₁(x) − F₂(x)| for samples of sizes n₁ and n₂ from one continuous distribution, as
/// SciPy's `ks_2samp(method='exact')` computes it.
///
/// D only takes values h/L with L = lcm(n₁, n₂), so the distribution is indexed by the integer h.
/// P(D ≥ h/L) counts the monotone lattice paths from (0, 0) to (n₁, n₂) that touch one of the
/// lines |x/n₁ − y/n₂| = h/L (Hodges 1958, after Drion, Gnedenko & Korolyuk):
/// - n₁ = n₂ = n: the reflection-principle sum 2 Σₖ (−1)ᵏ⁻¹ C(2n, n − kh)/C(2n, n), evaluated
///   as SciPy does in a nested (Horner-like) product of ratios;
/// - otherwise: the "inside" recursion over one column of the lattice at a time, rewritten by
///   Viehmann (2021, arXiv:2102.08037) to carry the proportion of paths still inside, which
///   neither overflows nor loses the small tail probabilities.
public enum KolmogorovSmirnovTwoSampleDistribution {
    /// P(D ≥ h/lcm(n₁, n₂)), or `nil` where SciPy's exact computation reports failure (its
    /// result rounds outside [0, 1]); `ks_2samp` then falls back to the asymptotic distribution.
    ///
    /// Edge cases: h ≤ 0 gives 1; n₁ or n₂ below 1 gives `nil`. The cost is O(n₁ + n₂) when the
    /// sizes are equal and O(max(n₁, n₂) · min(n₁, n₂) · D) otherwise.
    public static func exactTwoSidedSurvival(_ n1: Int, _ n2: Int, h: Int) -> Double? {
        if n1 < 1 || n2 < 1 { return nil }
        if h <= 0 { return 1 }
        let probability: Double
        if n1 == n2 {
            probability = outsideSquare(n1, h)
        } else {
            probability = outsideStrip(n1, n2, greatestCommonDivisor(n1, n2), h)
        }
        guard probability >= 0 && probability <= 1 else { return nil }
        return probability
    }

    /// Euclid's algorithm on non-negative integers.
    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// P(D ≥ h/n) for two samples of size n. Dividing every term of the reflection sum by
    /// C(2n, n) and factoring, P = 2A₀(1 − A₁(1 − A₂(1 − …))) where Aₖ is a product of h ratios
    /// (n − kh − j)/(n + kh + j + 1); the nest is evaluated from the innermost k = ⌊n/h⌋ outwards,
    /// which avoids the cancellation of the alternating sum.
    private static func outsideSquare(_ n: Int, _ h: Int) -> Double {
        var p = 0.0
        var k = Int((Double(n) / Double(h)).rounded(.down))
        while k >= 0 {
            var ratio = 1.0
            for j in 0..<h {
                ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1)
            }
            p = ratio * (1.0 - p)
            k -= 1
        }
        return 2 * p
    }

    /// P(D ≥ h/lcm) for unequal sizes by the column recursion: A(x, y) is the proportion of paths
    /// to (x, y) that stayed strictly inside |nx − my| < h·g, updated as
    /// A(i, j) = (i·A(i−1, j) + j·A(i, j−1))/(i + j), keeping only the live window of one column.
    private static func outsideStrip(_ n1: Int, _ n2: Int, _ g: Int, _ h: Int) -> Double {
        let m = max(n1, n2)
        let n = min(n1, n2)
        let mg = m / g
        let ng = n / g
        var lower = 0
        var upper = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var windowLength = upper - lower
        let columnLength = min(2 * upper + 2, n + 1)
        var column = [Double](repeating: 1, count: columnLength)
        for index in lower..<upper { column[index] = 0 }
        return column.withUnsafeMutableBufferPointer { a -> Double in
            for i in 1...m {
                let lastLower = lower
                let lastLength = windowLength
                lower = max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0)
                lower = min(lower, n)
                upper = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
                if upper <= lower { return 1.0 }
                var value = lower == 0 ? 0.0 : 1.0
                let di = Double(i)
                let shift = lower - lastLower
                for jj in 0..<(upper - lower) {
                    let j = Double(jj + lower)
                    value = (a[jj + shift] * di + value * j) / (di + j)
                    a[jj] = value
                }
                windowLength = upper - lower
                if lastLength > windowLength {
                    let end = min(upper - lower + (lastLength - windowLength), a.count)
                    for index in (upper - lower)..<max(end, upper - lower) { a[index] = 1 }
                }
            }
            return a[upper - lower - 1]
        }
    }
}
