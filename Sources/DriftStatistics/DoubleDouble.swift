#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unevaluated sum `hi + lo` of two doubles carrying about 106 bits of significand: the
/// module's one piece of compensated arithmetic.
///
/// The error-free transformations are Knuth's TwoSum, Dekker's FastTwoSum (`quickTwoSum`) and a
/// fused-multiply-add TwoProduct (Dekker 1971, "A floating-point technique for extending the
/// available precision"; Shewchuk 1997, "Adaptive precision floating-point arithmetic"). The
/// operators `+ − × ÷` are the accurate double-double algorithms of Hida, Li & Bailey's QD
/// library (2001), which keep the pair normalised (`|lo| ≤ ulp(hi)/2`).
///
/// Users:
/// - Smirnov's one-sided distribution raises bases such as `1 − d − v/n` to powers near `n`; a
///   relative error ε in the base becomes `n·ε` in the power, so with `n` up to a million a
///   plain double loses six digits, while double-double keeps the terms accurate to the last bit
///   of a double.
/// - `MomentsSketch` keeps its mean and sum of squared deviations as double-doubles because a
///   persisted window is merged many times: a plain-double mean of data far from zero
///   (1e12 ± 1) carries an error of ε·|mean| that the pairwise merge turns into a first-order
///   error of the merged variance.
/// - Long sums (the normed Wasserstein distance's standard deviation) and the exponents of the
///   incomplete gamma and beta prefactors use `accumulate`, the cheaper unnormalised form.
///
/// Overflow: once a sum's `hi` is ±∞ the compensation is meaningless and `+`/`−` keep `lo` at
/// zero, so the value stays ±∞ and never becomes NaN.
struct DoubleDouble: Sendable, Equatable {
    var hi: Double
    var lo: Double

    static let zero = DoubleDouble(0)

    init(_ value: Double) {
        hi = value
        lo = 0
    }

    /// A double-double read back from storage, where it was written normalised: restored bit for
    /// bit; a non-finite value carries no compensation.
    init(_ hi: Double, compensation lo: Double) {
        self.init(hi: hi, lo: hi.isFinite ? lo : 0)
    }

    init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    var doubleValue: Double { hi + lo }

    /// `a + b` exactly, as a rounded sum and its error (Knuth's TwoSum; any order of magnitudes).
    /// The error is meaningless (NaN) when the sum overflows.
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let sum = a + b
        let bb = sum - a
        let error = (a - (sum - bb)) + (b - bb)
        return DoubleDouble(hi: sum, lo: error)
    }

    /// `a + b` exactly when |a| ≥ |b| (Dekker's FastTwoSum).
    @inline(__always)
    static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let sum = a + b
        return DoubleDouble(hi: sum, lo: b - (sum - a))
    }

    /// `a × b` exactly, through a fused multiply-add.
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let product = a * b
        return DoubleDouble(hi: product, lo: (-product).addingProduct(a, b))
    }

    /// Adds `term` by cascaded summation (Ogita, Rump & Oishi 2005, "Accurate sum and dot
    /// product", Sum2; the same value as Neumaier's compensated sum): `hi` takes the rounded sum
    /// and `lo` collects each addition's exact error, without renormalising. A long sum is then
    /// accurate to about one rounding whatever the order of its terms. This is the form for hot
    /// loops: its only serial dependencies are one addition into `hi` and one into `lo`, where
    /// `+` chains a TwoSum and a renormalisation through every step. Read the result with
    /// `doubleValue`; use `+` when the pair must stay normalised.
    @inline(__always)
    mutating func accumulate(_ term: Double) {
        let sum = Self.twoSum(hi, term)
        hi = sum.hi
        lo += sum.lo
    }

    /// Adds `p × q` by cascaded summation, the product's own rounding error included.
    @inline(__always)
    mutating func accumulate(_ p: Double, times q: Double) {
        let product = Self.twoProduct(p, q)
        lo += product.lo
        accumulate(product.hi)
    }

    /// exp(hi + lo) to first order in `lo` (which is below ulp(hi) for a normalised or a short
    /// accumulated pair, so the neglected term is under 1e-31 relative).
    var exponential: Double {
        exp(hi) * (1 + lo)
    }

    @inline(__always)
    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var s = twoSum(a.hi, b.hi)
        if !s.hi.isFinite { return DoubleDouble(s.hi) }
        let t = twoSum(a.lo, b.lo)
        s.lo += t.hi
        s = quickTwoSum(s.hi, s.lo)
        s.lo += t.lo
        return quickTwoSum(s.hi, s.lo)
    }

    @inline(__always)
    static func + (a: DoubleDouble, b: Double) -> DoubleDouble {
        var s = twoSum(a.hi, b)
        if !s.hi.isFinite { return DoubleDouble(s.hi) }
        s.lo += a.lo
        return quickTwoSum(s.hi, s.lo)
    }

    @inline(__always)
    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -a.hi, lo: -a.lo) }

    @inline(__always)
    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inline(__always)
    static func - (a: DoubleDouble, b: Double) -> DoubleDouble { a + (-b) }

    /// `self − other` rounded to a double, by the QD library's sloppy subtraction: one TwoSum on
    /// the high parts and plain arithmetic on the low ones, half the dependency chain of
    /// `(self − other).doubleValue`. Besides the final rounding its error is a few units of
    /// 2⁻¹⁰⁶·(|self| + |other|), which shows only when the difference is below about 2⁻⁵³ of the
    /// operands (`MomentsSketch`'s merge uses it for δ = meanB − meanA, where that much absolute
    /// error is negligible). ±∞ as for `−`.
    @inline(__always)
    func roundedDifference(_ other: DoubleDouble) -> Double {
        let s = Self.twoSum(hi, -other.hi)
        if !s.hi.isFinite { return s.hi }
        return s.hi + (s.lo + (lo - other.lo))
    }

    @inline(__always)
    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var p = twoProduct(a.hi, b.hi)
        p.lo += a.hi * b.lo + a.lo * b.hi
        return quickTwoSum(p.hi, p.lo)
    }

    @inline(__always)
    static func * (a: DoubleDouble, b: Double) -> DoubleDouble {
        var p = twoProduct(a.hi, b)
        p.lo += a.lo * b
        return quickTwoSum(p.hi, p.lo)
    }

    @inline(__always)
    static func * (a: Double, b: DoubleDouble) -> DoubleDouble { b * a }

    /// Long division with one correction step, accurate to about 2⁻¹⁰⁴ relative.
    @inline(__always)
    static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        // An infinite, NaN or overflowing quotient has no remainder to correct (∞ − ∞ would be NaN).
        guard q1.isFinite else { return DoubleDouble(q1) }
        var r = a - b * q1
        let q2 = r.hi / b.hi
        r = r - b * q2
        let q3 = r.hi / b.hi
        return quickTwoSum(q1, q2) + q3
    }

    /// Division by a double: one quotient digit, its exact remainder, and a correction.
    @inline(__always)
    static func / (a: DoubleDouble, b: Double) -> DoubleDouble {
        let q1 = a.hi / b
        guard q1.isFinite else { return DoubleDouble(q1) }
        let p = twoProduct(q1, b)
        let s = twoSum(a.hi, -p.hi)
        let e = s.lo - p.lo + a.lo
        let q2 = (s.hi + e) / b
        return quickTwoSum(q1, q2)
    }

    @inline(__always)
    static func / (a: Double, b: DoubleDouble) -> DoubleDouble { DoubleDouble(a) / b }

    /// The largest integer not above the value.
    var floor: DoubleDouble {
        let highFloor = hi.rounded(.down)
        if highFloor == hi { return Self.quickTwoSum(highFloor, lo.rounded(.down)) }
        return DoubleDouble(hi: highFloor, lo: 0)
    }

    /// The value as `significand × 2^exponent` with |significand.hi| in [0.5, 1), like C `frexp`.
    @inline(__always)
    var frexp: (significand: DoubleDouble, exponent: Int) {
        let biased = Int((hi.bitPattern >> 52) & 0x7FF)
        if biased == 0 || biased == 0x7FF {
            if hi == 0 || !hi.isFinite { return (self, 0) }
            let exponent = Int(hi.exponent) + 1
            return (scaled(by: -exponent), exponent)
        }
        let exponent = biased - 1022
        if exponent > 1022 { return (scaled(by: -exponent), exponent) }
        let factor = Double(bitPattern: UInt64(1023 - exponent) << 52)
        return (DoubleDouble(hi: hi * factor, lo: lo * factor), exponent)
    }

    /// The value times `2^exponent`, exact unless a part over- or underflows.
    @inline(__always)
    func scaled(by exponent: Int) -> DoubleDouble {
        if exponent > -1022 && exponent < 1024 {
            let factor = Double(bitPattern: UInt64(exponent + 1023) << 52)
            return DoubleDouble(hi: hi * factor, lo: lo * factor)
        }
        let e = Int32(clamping: exponent)
        return DoubleDouble(hi: scalbn(hi, e), lo: scalbn(lo, e))
    }
}
