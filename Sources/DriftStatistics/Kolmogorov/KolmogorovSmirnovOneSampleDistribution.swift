#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact distribution of the two-sided one-sample Kolmogorov–Smirnov statistic
/// Dₙ = supₓ |Fₙ(x) − F(x)| for a sample of size n (`scipy.stats.kstwo`).
///
/// The algorithm is chosen by Simard & L'Ecuyer's (2011) rules as SciPy's `kolmogn` applies
/// them, so the numbers agree with SciPy's, approximations included:
/// - Ruben & Gambino's closed forms for n·d ≤ 1 and n·d ≥ n − 1;
/// - 2·Smirnov(n, d) for d ≥ ½ (exact: the two one-sided events are disjoint);
/// - n ≤ 140: Durbin's matrix (Marsaglia, Tsang & Wang 2003) for n·d² ≤ 0.754693, Pomeranz's
///   recursion (1974) for n·d² ≤ 4, 2·Smirnov above;
/// - n > 140: the survival function is 0 for n·d² ≥ 370 and 2·Smirnov(n, d) for n·d² ≥ 2.2;
///   otherwise the cdf is Durbin's matrix when n ≤ 100 000 and n·d^1.5 ≤ 1.4, else the Pelz–Good
///   (1976) expansion, and 1 for n·d² ≥ 18; the survival function is 1 − cdf there.
public enum KolmogorovSmirnovOneSampleDistribution {
    /// P(Dₙ > d), `scipy.stats.kstwo.sf(d, n)`.
    ///
    /// Edge cases: n < 1 or NaN d gives NaN; d ≤ 1/(2n) gives 1 and d ≥ 1 gives 0 (the support
    /// is [1/(2n), 1]).
    public static func twoSidedSurvival(sampleSize n: Int, _ d: Double) -> Double {
        if n < 1 || d.isNaN { return .nan }
        if d <= 0.5 / Double(n) { return 1 }
        if d >= 1 { return 0 }
        return evaluate(n, d, cdf: false)
    }

    /// P(Dₙ ≤ d), `scipy.stats.kstwo.cdf(d, n)`.
    ///
    /// Edge cases: n < 1 or NaN d gives NaN; d ≤ 1/(2n) gives 0 and d ≥ 1 gives 1.
    public static func twoSidedCDF(sampleSize n: Int, _ d: Double) -> Double {
        if n < 1 || d.isNaN { return .nan }
        if d <= 0.5 / Double(n) { return 0 }
        if d >= 1 { return 1 }
        return evaluate(n, d, cdf: true)
    }

    private static func select(cdf cdfValue: Double, survival: Double, _ cdf: Bool) -> Double {
        min(max(cdf ? cdfValue : survival, 0), 1)
    }

    private static func evaluate(_ n: Int, _ x: Double, cdf: Bool) -> Double {
        let t = Double(n) * x
        if t <= 1 {
            if t <= 0.5 { return select(cdf: 0, survival: 1, cdf) }
            var p: Double
            if n <= 140 {
                p = 1
                let scale = 1.0 / Double(n)
                let factor = 2 * t - 1
                for i in 1...n { p *= Double(i) * scale * factor }
            } else {
                p = exp(logFactorialOverPower(n) + Double(n) * log(2 * t - 1))
            }
            return select(cdf: p, survival: 1 - p, cdf)
        }
        if t >= Double(n - 1) {
            let p = 2 * pow(1 - x, Double(n))
            return select(cdf: 1 - p, survival: p, cdf)
        }
        if x >= 0.5 {
            let p = 2 * SmirnovDistribution.survival(sampleSize: n, x)
            return select(cdf: 1 - p, survival: p, cdf)
        }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 {
                let p = durbinMatrixCDF(n, x)
                return select(cdf: p, survival: 1 - p, cdf)
            }
            if nxSquared <= 4 {
                let p = pomeranzCDF(n, x)
                return select(cdf: p, survival: 1 - p, cdf)
            }
            let p = 2 * SmirnovDistribution.survival(sampleSize: n, x)
            return select(cdf: 1 - p, survival: p, cdf)
        }
        if !cdf {
            if nxSquared >= 370 { return 0 }
            if nxSquared >= 2.2 {
                return min(max(2 * SmirnovDistribution.survival(sampleSize: n, x), 0), 1)
            }
        }
        let cdfValue: Double
        if nxSquared >= 18 {
            cdfValue = 1
        } else if n <= 100_000 && Double(n) * pow(x, 1.5) <= 1.4 {
            cdfValue = durbinMatrixCDF(n, x)
        } else {
            cdfValue = pelzGoodCDF(n, x)
        }
        return select(cdf: cdfValue, survival: 1 - cdfValue, cdf)
    }

    // MARK: - Stirling

    /// ln(n!/nⁿ) by Stirling's series with n·ln n removed analytically, so nothing cancels.
    private static func logFactorialOverPower(_ n: Int) -> Double {
        // B₂ⱼ/(2j(2j−1)) for j = 8 down to 1.
        let coefficients: [Double] = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let rn = 1.0 / Double(n)
        let argument = rn / Double(n)
        var series = 0.0
        for coefficient in coefficients { series = series * argument + coefficient }
        return log(Double(n)) / 2 - Double(n) + log(2 * Double.pi) / 2 + rn * series
    }

    // MARK: - Durbin's matrix

    private static let scaleExponent = 128
    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(Dₙ ≤ d) as the (k, k) entry of (n!/nⁿ)·Hⁿ, Durbin (1968) in the formulation of
    /// Marsaglia, Tsang & Wang (2003): with d = (k − h)/n, H is the (2k−1)-square matrix of
    /// truncated Poisson weights; the power is taken by repeated squaring with the scale kept as
    /// a separate binary exponent.
    private static func durbinMatrixCDF(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1

        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factorial
        }
        let tail = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tail) * factorial

        var matrix = [Double](repeating: 0, count: m * m)
        for i in 1..<max(m, 1) {
            for row in (i - 1)..<m { matrix[row * m + i] = w[row - (i - 1)] }
        }
        for row in 0..<m { matrix[row * m] = v[row] }
        for column in 0..<m { matrix[(m - 1) * m + column] = v[m - 1 - column] }

        var accumulated = [Double](repeating: 0, count: m * m)
        for i in 0..<m { accumulated[i * m + i] = 1 }
        var scratch = [Double](repeating: 0, count: m * m)
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                multiply(accumulated, matrix, into: &scratch, m)
                swap(&accumulated, &scratch)
                exponent += matrixExponent
            }
            multiply(matrix, matrix, into: &scratch, m)
            swap(&matrix, &scratch)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + (k - 1)]) > scaleUp {
                for index in matrix.indices { matrix[index] /= scaleUp }
                matrixExponent += scaleExponent
            }
            remaining /= 2
        }

        var p = accumulated[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= scaleExponent
            }
        }
        if exponent != 0 { p = scalbn(p, Int32(clamping: exponent)) }
        return p
    }

    /// c = a·b for row-major m×m matrices.
    private static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], _ m: Int) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        for j in 0..<m { c[i * m + j] = 0 }
                        for l in 0..<m {
                            let factor = a[i * m + l]
                            if factor == 0 { continue }
                            for j in 0..<m { c[i * m + j] += factor * b[l * m + j] }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Pomeranz

    /// The first and last live column of row i of Pomeranz's table.
    private static func pomeranzBounds(
        _ i: Int, _ n: Int, _ ll: Int, _ ceilF: Int, _ roundF: Int
    ) -> (Int, Int) {
        var j1: Int
        var j2: Int
        if i == 0 {
            j1 = -ll - ceilF - 1
            j2 = ll + ceilF - 1
        } else {
            let half = (i + 1) / 2
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    j1 = n - ll - ceilF - 1
                    j2 = n + ll + ceilF - 1
                } else {
                    j1 = half - 1 - ll - roundF - 1
                    j2 = half + ll - 1 + ceilF - 1
                }
            } else {
                j1 = half - 1 - ll - 1
                j2 = half + ll + roundF - 1
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// P(Dₙ ≤ d) by Pomeranz's (1974) recursion: each row is the previous one convolved with
    /// one of three truncated Poisson weight vectors; only two rows and their live windows are
    /// kept, rescaled by 2¹²⁸ when they underflow.
    private static func pomeranzCDF(_ n: Int, _ x: Double) -> Double {
        let t = Double(n) * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = min(f, 1 - f)
        let ceilF = f > 0 ? 1 : 0
        let roundF = f > 0.5 ? 1 : 0
        let powerCount = 2 * (ll + 1)
        var gPower = [Double](repeating: 1, count: powerCount)
        var twoGPower = [Double](repeating: 1, count: powerCount)
        var oneMinusTwoGPower = [Double](repeating: 1, count: powerCount)
        let gOverN = g / Double(n)
        let twoGOverN = 2 * g / Double(n)
        let oneMinusTwoGOverN = (1 - 2 * g) / Double(n)
        for m in 1..<powerCount {
            gPower[m] = gPower[m - 1] * gOverN / Double(m)
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / Double(m)
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / Double(m)
        }

        var previous = [Double](repeating: 0, count: powerCount)
        var current = [Double](repeating: 0, count: powerCount)
        current[0] = 1
        var previousStart = 0
        var currentStart = 0
        var exponent = 0
        var (j1, j2) = pomeranzBounds(0, n, ll, ceilF, roundF)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
            for index in current.indices { current[index] = 0 }
            (j1, j2) = pomeranzBounds(i, n, ll, ceilF, roundF)
            let weights = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower)
            let windowLength = j2 - k1 + 1
            guard windowLength > 0 else { continue }
            let sourceStart = k1 - previousStart
            let sourceCount = max(0, min(windowLength, powerCount - sourceStart))
            let weightCount = min(windowLength, powerCount)
            let outputStart = j1 - k1
            let outputCount = j2 - j1 + 1
            var largest = -Double.infinity
            for o in 0..<max(outputCount, 0) {
                let lag = outputStart + o
                var sum = 0.0
                let low = max(0, lag - weightCount + 1)
                let high = min(sourceCount - 1, lag)
                if low <= high {
                    for s in low...high { sum += previous[sourceStart + s] * weights[lag - s] }
                }
                current[o] = sum
                largest = max(largest, sum)
            }
            if outputCount < powerCount { largest = max(largest, 0) }
            if largest > 0 && largest < scaleDown {
                for index in current.indices { current[index] *= scaleUp }
                exponent -= scaleExponent
            }
            currentStart = previousStart + j1 - k1
        }

        var answer = current[n - currentStart]
        for m in 1...n {
            if abs(answer) > scaleUp {
                answer *= scaleDown
                exponent += scaleExponent
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = scalbn(answer, Int32(clamping: exponent)) }
        return answer
    }

    // MARK: - Pelz–Good

    /// Pelz & Good's (1976) theta-function transform of the Li-Chien/Korolyuk expansion
    /// P(Dₙ ≤ d) ≈ K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5 with z = √n·d.
    private static func pelzGoodCDF(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let piSquared = Double.pi * Double.pi
        let piFour = pow(Double.pi, 4)
        let piSix = pow(Double.pi, 6)
        let sqrt2Pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = pow(z, 2), z3 = pow(z, 3), z4 = pow(z, 4), z6 = pow(z, 6)
        let qLog = -piSquared / 8 / z2
        if qLog < -708 { return 0 }
        var q = exp(qLog)

        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = piFour * (1 - 2 * z2) / 16
        let k3d = piSix * (5 - 30 * z2) / 64
        let k3c = piFour * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)

        var terms = (0.0, 0.0, 0.0, 0.0)
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        var k = maxK
        while k >= 1 {
            let m = Double(2 * k - 1)
            let m2 = pow(m, 2), m4 = pow(m, 4), m6 = pow(m, 6)
            let qPower = pow(q, Double(8 * k))
            terms.0 = terms.0 * qPower + 1.0
            terms.1 = terms.1 * qPower + (k1a + k1b * m2)
            terms.2 = terms.2 * qPower + (k2a + k2b * m2 + k2c * m4)
            terms.3 = terms.3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
            k -= 1
        }
        terms.0 = terms.0 * q * sqrt2Pi / z
        terms.1 = terms.1 * q * sqrt2Pi / (6 * z4)
        terms.2 = terms.2 * q * sqrt2Pi / (72 * pow(z, 7))
        terms.3 = terms.3 * q * sqrt2Pi / (6480 * pow(z, 10))

        q = exp(-piSquared / 2 / z2)
        let sqrt3z = 3.0.squareRoot() * z
        var k2Extra = 0.0
        var k3Extra = 0.0
        k = maxK
        while k >= 1 {
            let kd = Double(k)
            let k2 = Double(k * k)
            let qk = pow(q, k2)
            let kPi = Double.pi * kd
            k2Extra += k2 * qk
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qk
            k -= 1
        }
        terms.2 += k2Extra * (piSquared * sqrt2Pi / (-36 * z3))
        terms.3 += k3Extra * (piSquared * sqrt2Pi / (216 * z6))
        let nd = Double(n)
        return 0 + terms.0 + terms.1 / pow(nd, 0.5) + terms.2 / nd + terms.3 / pow(nd, 1.5)
    }
}
