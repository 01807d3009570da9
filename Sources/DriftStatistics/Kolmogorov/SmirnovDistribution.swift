import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact distribution of the one-sided one-sample Kolmogorov–Smirnov statistic
/// Dₙ⁺ = supₓ (Fₙ(x) − F(x)) (`scipy.special.smirnov`, `scipy.stats.ksone.sf`).
///
/// P(Dₙ⁺ ≥ d) = d Σ_{v=0}^{⌊n(1−d)⌋} C(n,v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v)
/// (Smirnov 1944; Birnbaum & Tingey 1951). Each term is formed as a binomial coefficient held as
/// a double-double significand with a separate integer exponent, times the two powers computed in
/// double-double with their exponents carried apart, so no term overflows or underflows before it
/// is assembled; the terms are all positive, so the sum loses nothing to cancellation. The
/// branch choices are SciPy's (van Mulbregt 2018, arXiv:1802.06966): closed forms for d ≤ 1/n
/// and d ≥ 1 − 1/n, the short alternating upper sum (Dwass 1959) when it has at most three
/// terms and d is small, Miller's approximation e^(−(6nd+1)²/(18n)) for n above 10⁶, and an
/// early stop once the remaining terms cannot reach the last bit. Unlike SciPy, the lower sum
/// skips the terms before and after the window where, by a bound on every term (see
/// `significantWindow`), they add up to less than 2⁻⁷⁰ of the sum; the window always holds the
/// largest terms. When 2nd² is in the hundreds it holds about two fifths of the range (SciPy's
/// early stop already drops most of the upper tail), but when nd² is of order one the terms
/// are spread over most of the range and nearly all of them matter. In windows of 1 024 terms
/// and more, every eighth term is formed afresh as above and the seven between from the ratio
/// of consecutive terms (`TermRecurrence`), which is good to a few units in the last place:
/// on the fixture grids the results stay within 3·10⁻¹⁵ of SciPy's. Windows of more than
/// 32 768 terms (n in the tens of thousands and up, as the two-sample test's asymptotic path
/// reaches at a million rows) are summed on all processors with a bit-identical result.
public enum SmirnovDistribution {
    /// Above this n SciPy replaces the exact sum by Miller's approximation.
    private static let maximumExactN = 1_000_000

    /// ln(2⁻¹⁰⁷⁵): once −2nd² is below it, the survival function (at most e^(−2nd²)) is under the
    /// smallest double.
    private static let minimumLog = -7.451332191019412076235e2

    /// Scaled powers keep their exponent under this so both halves of a double-double stay normal.
    private static let maximumScaledExponent = 960

    /// P(Dₙ⁺ ≥ d), `scipy.special.smirnov(n, d)`.
    ///
    /// Edge cases: NaN, n < 1 or d outside [0, 1] give NaN (as SciPy); n = 1 gives 1 − d; d = 0
    /// gives 1; d = 1 gives 0; the result underflows to 0 once 2nd² exceeds about 745.
    public static func survival(sampleSize n: Int, _ d: Double) -> Double {
        if d.isNaN || !(n > 0 && d >= 0 && d <= 1) { return .nan }
        if n == 1 { return 1 - d }
        if d == 0 { return 1 }
        if d == 1 { return 0 }

        let (alpha, nxFloor) = fractionalPart(n, d)
        var lowerLast = n - nxFloor - (alpha == 0 ? 0 : 1)
        var upperFirst = n - nxFloor
        if alpha == 0 {
            // d·n is an integer: the boundary term belongs to neither sum.
            lowerLast -= 1
            upperFirst += 1
        }

        if nxFloor == 0 || (nxFloor == 1 && alpha == 0) {
            // d ≤ 1/n: only the v = 0 term of the upper sum, d(1 + d)^(n−1), is nonzero.
            let t = power(DoubleDouble(1) + d, n - 1).hi
            return 1 - d * t
        }
        if Double(-2 * n) * d * d < minimumLog { return 0 }
        if nxFloor >= n - 1 {
            return power(DoubleDouble(1) + (-d), n).hi
        }
        if n > maximumExactN {
            let logP = -pow(6.0 * Double(n) * d + 1, 2) / 18.0 / Double(n)
            if logP < -M_LN2 { return exp(logP) }
            return 1 - (-expm1(logP))
        }

        let upperTermCount = n - upperFirst + 1
        let useUpperSum = (upperTermCount <= 1 && d < 0.5)
            || (n >= 10 && upperTermCount <= 3 && d <= 0.5 / Double(n).squareRoot())

        var start = 0
        var step = 1
        var termCount = lowerLast + 1
        var window = 0...lowerLast
        if useUpperSum {
            start = n
            step = -1
            termCount = n - upperFirst + 1
            window = 0...(termCount - 1)
        } else {
            window = significantWindow(n, d, lastIndex: lowerLast)
        }

        var binomial = ScaledBinomial()
        var sum = DoubleDouble(0)
        var first = window.lowerBound
        if first == 0 {
            let term = useUpperSum ? ratioPower(1, d, 1, 0, n - 1) : ratioPower(1, -d, 1, 0, n) / d
            sum = sum + term
            binomial.advance(n, 0)
            first = 1
        } else {
            for j in 0..<first { binomial.advance(n, j) }
        }
        var accumulator = TermAccumulator(termCount: termCount, middle: n / 2, sum: sum)

        if first <= window.upperBound {
            let recurrence = !useUpperSum && window.count >= recurrenceThreshold
                ? TermRecurrence(n: n, d: d, anchor: first) : nil
            if window.upperBound - first + 1 < parallelThreshold || processorCount < 2 {
                var j = first
                var term = DoubleDouble(0)
                while j <= window.upperBound {
                    term = nextTerm(n, d, start: start, step: step, j, binomial, term, recurrence)
                    if accumulator.add(term, at: j) { break }
                    binomial.advance(n, j)
                    j += 1
                }
            } else {
                sumConcurrently(
                    n, d, start: start, step: step, indices: first...window.upperBound,
                    binomial: binomial, recurrence: recurrence, accumulator: &accumulator
                )
            }
        }
        sum = accumulator.sum
        let probability = (sum * d).hi
        let survival = step < 0 ? 1 - probability : probability
        return min(max(survival, 0), 1)
    }

    /// The skipped terms together stay below 2⁻⁷⁰ of the sum.
    private static let negligibleLog = -70 * M_LN2

    /// The indices v of the lower sum whose terms can reach the last bit; the terms outside
    /// together stay below 2⁻⁷⁰ of the sum. Let x = v/n, a = d + x, b = 1 − a, and
    /// φ(x) = x ln(x/a) + (1 − x) ln((1 − x)/b), the Kullback–Leibler divergence of a coin with
    /// p = x from one with p = a. The term with its factor d is (d/a)·C(n,v)·aᵛ·bⁿ⁻ᵛ, and
    /// e^(nH(x))/(n + 1) ≤ C(n,v) ≤ e^(nH(x)) with H the binary entropy (Cover & Thomas,
    /// Elements of Information Theory, Thm 11.1.3), so since d ≤ a ≤ 1
    ///     d·e^(−nφ(x))/(n + 1) ≤ term ≤ e^(−nφ(x))
    /// (v = 0 included: that term is bⁿ = e^(−nφ(0)) exactly). Hence the sum is at least
    /// d·e^(−nφ(m/n))/(n + 1) for any index m, and the terms with nφ ≥ T, at most L + 1 of them,
    /// add up to at most (L + 1)e^(−T); T = nφ(m/n) + ln((L + 1)(n + 1)/d) + 70 ln 2 (plus one
    /// for rounding in nφ) makes that 2⁻⁷⁰ of the sum. The window is the set where nφ < T, an
    /// interval because φ is strictly convex on (0, 1 − d): φ′(x) = [ln(1 − d/a) + d/a] +
    /// [d/b − ln(1 + d/b)], where the first bracket is −g(d/a) with g(u) = −ln(1 − u) − u
    /// increasing and d/a falling in x, and the second is h(d/b) with h(w) = w − ln(1 + w)
    /// increasing and d/b rising in x, so φ′ is strictly increasing. So no second mode can hide
    /// outside the window: bisection finds the minimum of nφ and each end of the interval. The
    /// true terms are about e^(−nφ)/√n, so the window is the terms within roughly
    /// 2⁻⁷⁰·d/n² of the largest; with nφ ≈ nd²/(2x(1 − x)) it is the middle of the range when
    /// 2nd² is in the hundreds (two fifths of the terms at n = 5·10⁵, d = 0.02) but nearly the
    /// whole range when nd² is of order one, where all terms matter.
    private static func significantWindow(_ n: Int, _ d: Double, lastIndex: Int) -> ClosedRange<Int> {
        let sampleSize = Double(n)
        let nd = DoubleDouble.twoProduct(d, sampleSize)
        // nφ(v/n) = v ln(v/(v + nd)) + (n − v) ln((n − v)/(n − v − nd)). The last factor's base
        // n − v − nd is formed in double-double: on the lower sum it is positive, but it can be
        // far below the rounding error of nd as a double.
        func scaledDivergence(_ v: Int) -> Double {
            let lower = Double(v)
            let upper = sampleSize - lower
            let left = v == 0 ? 0 : -lower * log1p(nd.hi / lower)
            let slack = (DoubleDouble(upper) - nd).hi
            return left - upper * log(slack / upper)
        }
        // The first index from which nφ stops falling (its differences rise, as φ is convex).
        var low = 0
        var high = lastIndex
        while low < high {
            let middle = low + (high - low) / 2
            if scaledDivergence(middle + 1) >= scaledDivergence(middle) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        let mode = low
        let threshold = scaledDivergence(mode)
            + log(Double(lastIndex + 1) * (sampleSize + 1) / d) - negligibleLog + 1
        // The smallest index whose nφ is under the threshold (nφ falls up to the mode).
        low = 0
        high = mode
        while low < high {
            let middle = low + (high - low) / 2
            if scaledDivergence(middle) < threshold {
                high = middle
            } else {
                low = middle + 1
            }
        }
        let first = low
        // The largest such index (nφ rises after the mode).
        low = mode
        high = lastIndex
        while low < high {
            let middle = low + (high - low + 1) / 2
            if scaledDivergence(middle) < threshold {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return first...low
    }

    /// ⌊n·d⌋ and n·d − ⌊n·d⌋ computed exactly (n·d as a double-double), with a remainder that
    /// rounds to 1 carried into the floor.
    private static func fractionalPart(_ n: Int, _ d: Double) -> (alpha: Double, floor: Int) {
        let nd = DoubleDouble.twoProduct(d, Double(n))
        let ndFloor = nd.floor
        var alpha = (nd - ndFloor).hi
        var floor = Int(ndFloor.hi) + Int(ndFloor.lo)
        if alpha == 1 {
            floor += 1
            alpha = 0
        }
        return (alpha, floor)
    }

    /// A binomial coefficient as a double-double significand in [0.5, 1) and a binary exponent,
    /// built up one factor at a time so it never overflows.
    private struct ScaledBinomial {
        var significand = DoubleDouble(1)
        var exponent = 0

        /// C(n, j+1) from C(n, j).
        @inline(__always)
        mutating func advance(_ n: Int, _ j: Int) {
            let ratio = DoubleDouble(Double(n - j)) / (Double(j) + 1.0)
            let (next, shift) = (significand * ratio).frexp
            exponent += shift
            significand = next
        }
    }

    /// SciPy's summation order and stopping rule: terms are added in index order (non-finite and
    /// zero terms skipped) until one is too small for the rest to reach the last bit of the sum,
    /// or a zero term is met past the middle of the range.
    private struct TermAccumulator {
        let termCount: Int
        let middle: Int
        var sum: DoubleDouble

        /// Adds term j; true when the sum is complete.
        @inline(__always)
        mutating func add(_ term: DoubleDouble, at j: Int) -> Bool {
            let isZero = term.hi == 0 && term.lo == 0
            if term.hi.isFinite && !isZero { sum = sum + term }
            if !isZero {
                return 4 * Double(termCount - j) * abs(term.hi) < Double.ulpOfOne * sum.hi && j != termCount - 1
            }
            return j > middle
        }
    }

    /// Windows of at least this many terms take most terms from the recurrence.
    private static let recurrenceThreshold = 1_024

    /// Term j of the sum: afresh at the recurrence's anchors (or always, without a recurrence),
    /// otherwise from term j − 1, `previous`.
    @inline(__always)
    private static func nextTerm(
        _ n: Int, _ d: Double, start: Int, step: Int, _ j: Int, _ binomial: ScaledBinomial,
        _ previous: DoubleDouble, _ recurrence: TermRecurrence?
    ) -> DoubleDouble {
        if let recurrence, !recurrence.isAnchor(j) {
            return previous * recurrence.ratio(start + (j - 1) * step)
        }
        return birnbaumTingeyTerm(n, d, start + j * step, binomial)
    }

    /// The ratio of consecutive lower-sum terms, which takes a few double operations where a
    /// term afresh takes a dozen powers; every `spacing`-th term is still computed afresh, so
    /// the rounding errors of at most `spacing − 1` ratios accumulate. With A = nd + v and
    /// B = n − v − nd (n·a and n·b at index v),
    ///     t(v+1)/t(v) = (n − v)(A + 1)/((v + 1)B) · e^((v−1)·ln(1 + 1/A) + (n−v−1)·ln(1 − 1/B)),
    /// from C(n, v+1)/C(n, v) = (n − v)/(v + 1), a grown by 1/n and b shrunk by 1/n. A and B
    /// are formed from n·d in double-double, so each is correct to the last bit even where B
    /// is far below the rounding error of n·d; the exponent is of order one across the bulk of
    /// the sum, so each ratio is good to a few units in the last place, and a run of seven of
    /// them to about 10⁻¹⁵, the accuracy of the powers in the fresh terms themselves.
    private struct TermRecurrence {
        static let spacing = 8
        let n: Int
        let nd: DoubleDouble
        let anchor: Int

        init(n: Int, d: Double, anchor: Int) {
            self.n = n
            self.nd = DoubleDouble.twoProduct(d, Double(n))
            self.anchor = anchor
        }

        @inline(__always)
        func isAnchor(_ j: Int) -> Bool { (j - anchor) % Self.spacing == 0 }

        /// t(v + 1)/t(v), for v + 1 on the lower sum (so B > 1).
        @inline(__always)
        func ratio(_ v: Int) -> Double {
            let a = (nd + Double(v)).hi
            let b = (DoubleDouble(Double(n - v)) - nd).hi
            let lowerLog = Double(v - 1) * log1p(1 / a)
            // Near the end of the range B − 1 is small and 1 − 1/B would lose its digits.
            let upperLog = Double(n - v - 1)
                * (b >= 2 ? log1p(-1 / b) : log((DoubleDouble(Double(n - v - 1)) - nd).hi / b))
            return Double(n - v) * (a + 1) / (Double(v + 1) * b) * exp(lowerLog + upperLog)
        }
    }

    /// Sums above this many terms are computed on all processors.
    private static let parallelThreshold = 32_768
    private static let blockLength = 4_096
    private static let processorCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The same sum over `indices` with the terms computed in parallel blocks, a wave of blocks
    /// at a time. The main thread walks the binomial recurrence to each block's start, the
    /// blocks compute their terms from there exactly as the sequential loop would, and the terms
    /// are then added in index order with the same stopping rule, so the result is bit-identical
    /// to the sequential sum; at most one wave of terms past the stopping point is wasted.
    private static func sumConcurrently(
        _ n: Int, _ d: Double, start: Int, step: Int, indices: ClosedRange<Int>,
        binomial initial: ScaledBinomial, recurrence: TermRecurrence?,
        accumulator: inout TermAccumulator
    ) {
        let end = indices.upperBound + 1
        let blocksPerWave = 2 * processorCount
        let waveLength = blocksPerWave * blockLength
        var terms = [DoubleDouble](repeating: DoubleDouble(0), count: waveLength)
        var blockStarts = [ScaledBinomial](repeating: ScaledBinomial(), count: blocksPerWave)
        var binomial = initial
        var waveStart = indices.lowerBound
        while waveStart < end {
            let waveEnd = min(waveStart + waveLength, end)
            let blockCount = (waveEnd - waveStart + blockLength - 1) / blockLength
            for block in 0..<blockCount {
                blockStarts[block] = binomial
                let first = waveStart + block * blockLength
                for j in first..<min(first + blockLength, waveEnd) { binomial.advance(n, j) }
            }
            let waveFirst = waveStart
            terms.withUnsafeMutableBufferPointer { termBuffer in
                blockStarts.withUnsafeBufferPointer { startBuffer in
                    // Each block writes only its own slice of the buffer.
                    nonisolated(unsafe) let output = termBuffer
                    nonisolated(unsafe) let starts = startBuffer
                    DispatchQueue.concurrentPerform(iterations: blockCount) { block in
                        var local = starts[block]
                        var term = DoubleDouble(0)
                        let first = waveFirst + block * blockLength
                        for j in first..<min(first + blockLength, waveEnd) {
                            term = nextTerm(n, d, start: start, step: step, j, local, term, recurrence)
                            output[j - waveFirst] = term
                            local.advance(n, j)
                        }
                    }
                }
            }
            for j in waveStart..<waveEnd {
                if accumulator.add(terms[j - waveStart], at: j) { return }
            }
            waveStart = waveEnd
        }
    }

    /// a^m for a double-double a: the power of the leading part, corrected to first order (or
    /// through log1p/expm1 when the correction is large) for the trailing part.
    private static func power(_ a: DoubleDouble, _ m: Int) -> DoubleDouble {
        if m <= 0 {
            if m == 0 { return DoubleDouble(1) }
            return 1.0 / power(a, -m)
        }
        if a.hi == 0 && a.lo == 0 { return DoubleDouble(0) }
        let leading = pow(a.hi, Double(m))
        let r = a.lo / a.hi
        var adjustment = Double(m) * r
        if abs(adjustment) > 1e-8 {
            if abs(adjustment) < 1e-4 {
                adjustment += (Double(m) * r) * (Double(m - 1) / 2.0 * r)
            } else {
                adjustment = expm1(Double(m) * log1p(r))
            }
        }
        return DoubleDouble(leading) + leading * adjustment
    }

    /// a^m as a significand in [0.5, 1) and a separate exponent, splitting the power into
    /// chunks whose partial results stay above 2⁻⁹⁶⁰.
    private static func scaledPower(_ a: DoubleDouble, _ m: Int) -> (DoubleDouble, Int) {
        if m <= 0 {
            if m == 0 { return (DoubleDouble(1), 0) }
            let (inverse, inverseExponent) = scaledPower(a, -m)
            let (result, exponent) = (1.0 / inverse).frexp
            return (result, -inverseExponent + exponent)
        }
        let (y, yExponent) = a.frexp
        if m == 1 { return (y, yExponent) }
        var chunk = maximumScaledExponent
        if Double(m) * (y.hi - 1) / y.hi < -Double(maximumScaledExponent) * M_LN2 {
            let log2Y = log(y.hi) / M_LN2
            if Double(m) * log2Y <= -Double(maximumScaledExponent) {
                chunk = Int(roundedChunk(-Double(maximumScaledExponent) / log2Y + 1) / 2)
            }
        }
        if m <= chunk {
            var (result, exponent) = power(y, m).frexp
            exponent += m * yExponent
            return (result, exponent)
        }
        let quotient = m / chunk
        let remainder = m % chunk
        let (yToRemainder, remainderExponent) = scaledPower(y, remainder)
        let (yToChunk, chunkExponent) = scaledPower(y, chunk)
        let (chunkToQuotient, quotientExponent) = scaledPower(yToChunk, quotient)
        var (result, exponent) = (yToRemainder * chunkToQuotient).frexp
        exponent += quotientExponent + chunkExponent * quotient + remainderExponent + m * yExponent
        return (result, exponent)
    }

    /// SciPy's chunk-length rounding: |x| nudged up by 2⁻⁵² of itself.
    private static func roundedChunk(_ x: Double) -> Double {
        let nudged = abs(scalbn(x, -52) + x)
        return nudged == 0 ? abs(x) : nudged
    }

    /// ((a + b)/(c + d))^m with numerator and denominator formed in double-double.
    private static func ratioPower(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ m: Int) -> DoubleDouble {
        if m <= 0 {
            if m == 0 { return DoubleDouble(1) }
            return ratioPower(c, d, a, b, -m)
        }
        let numerator = DoubleDouble(a) + b
        let denominator = DoubleDouble(c) + d
        let numeratorIsZero = numerator.hi == 0 && numerator.lo == 0
        let denominatorIsZero = denominator.hi == 0 && denominator.lo == 0
        if numeratorIsZero { return denominatorIsZero ? DoubleDouble(.nan) : DoubleDouble(0) }
        if denominatorIsZero { return DoubleDouble(numerator.hi < 0 ? -.infinity : .infinity) }
        return power(numerator / denominator, m)
    }

    /// One Birnbaum–Tingey term without the leading factor d:
    /// C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v).
    private static func birnbaumTingeyTerm(
        _ n: Int, _ d: Double, _ v: Int, _ binomial: ScaledBinomial
    ) -> DoubleDouble {
        let lowerBase = DoubleDouble(Double(n - v)) / Double(n) - d
        let (lower, lowerExponent) = scaledPower(lowerBase, n - v)
        let upperBase = DoubleDouble(Double(v)) / Double(n) + d
        let (upper, upperExponent) = scaledPower(upperBase, v - 1)
        let product = upper * lower * binomial.significand
        return product.scaled(by: binomial.exponent + upperExponent + lowerExponent)
    }
}
