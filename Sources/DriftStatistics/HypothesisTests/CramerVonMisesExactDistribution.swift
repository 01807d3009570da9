#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact null distribution of the two-sample Cramér–von Mises statistic, as SciPy's
/// `cramervonmises_2samp(method='exact')` evaluates it (Xiao, Gordon & Yakovlev, "A C++ program
/// for the Cramér–von Mises two-sample test", J. Stat. Softw. 17(8), 2006, Algorithm 1).
///
/// With L = lcm(m, n), a = L/m and b = L/n, every arrangement of the pooled sample is a
/// lattice path from (0, 0) to (n, m), and L²(m+n)·T is an affine function of
/// Σ (a·v − b·u)² over the path's points. The frequency table of that sum is built point by
/// point, each cell the merge of its left and lower neighbours' tables shifted by the cell's
/// own (a·v − b·u)²; tables are kept as value-sorted arrays, so a merge is linear.
enum CramerVonMisesExactDistribution {
    /// P(U' ≥ u) for the observed U of Anderson (1962, eq. 10), sizes `m` (first sample) and
    /// `n`. The threshold is computed in floating point and floor-divided exactly as SciPy
    /// does, so midrank (tied) values of U land on the same side of it.
    static func survival(_ u: Double, _ m: Int, _ n: Int) -> Double {
        let lcm = m / gcd(m, n) * n
        let a = lcm / m
        let b = lcm / n
        let mn = m * n
        let scaled = Double(lcm * lcm * (m + n)) * (6 * u - Double(mn * (4 * mn - 1)))
        let zeta = numpyFloorDivide(scaled, Double(6 * mn * mn))

        // tables[v] holds the (value, count) pairs of the previous row u − 1, column v.
        var tables = [[(value: Int, count: UInt64)]](repeating: [], count: m + 1)
        tables[0] = [(0, 1)]
        for row in 0...n {
            var left: [(value: Int, count: UInt64)] = []
            for column in 0...m {
                var merged = merge(left, tables[column])
                let shift = (a * column - b * row) * (a * column - b * row)
                for index in merged.indices { merged[index].value += shift }
                tables[column] = merged
                left = merged
            }
        }
        var atLeast: UInt64 = 0
        for entry in tables[m] where Double(entry.value) >= zeta { atLeast += entry.count }
        return Double(atLeast) / binomialCoefficient(m + n, m)
    }

    /// Merges two value-sorted frequency tables, adding the counts of equal values.
    private static func merge(
        _ first: [(value: Int, count: UInt64)], _ second: [(value: Int, count: UInt64)]
    ) -> [(value: Int, count: UInt64)] {
        var result: [(value: Int, count: UInt64)] = []
        result.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && first[i].value < second[j].value) {
                result.append(first[i])
                i += 1
            } else if i == first.count || second[j].value < first[i].value {
                result.append(second[j])
                j += 1
            } else {
                result.append((first[i].value, first[i].count + second[j].count))
                i += 1
                j += 1
            }
        }
        return result
    }

    /// NumPy's float floor division (`npy_divmod`): the quotient of a − fmod(a, b), adjusted to
    /// Python's sign convention and snapped to the nearest integer.
    private static func numpyFloorDivide(_ a: Double, _ b: Double) -> Double {
        var modulus = fmod(a, b)
        var quotient = (a - modulus) / b
        if modulus != 0 {
            if (b < 0) != (modulus < 0) {
                modulus += b
                quotient -= 1
            }
        }
        if quotient != 0 {
            var floored = quotient.rounded(.down)
            if quotient - floored > 0.5 { floored += 1 }
            return floored
        }
        return (a / b).sign == .minus ? -0.0 : 0.0
    }

    /// C(n, k) exactly (n ≤ 40 here), as a double like Python's `math.comb` divided into.
    private static func binomialCoefficient(_ n: Int, _ k: Int) -> Double {
        var result: UInt64 = 1
        for i in 0..<k { result = result * UInt64(n - i) / UInt64(i + 1) }
        return Double(result)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
