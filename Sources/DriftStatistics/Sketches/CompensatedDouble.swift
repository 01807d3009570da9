/// A double-double number: `high + low` with `|low| ≤ ulp(high)/2`, about 106 bits of precision.
///
/// `MomentsSketch` keeps its mean and its sum of squared deviations in this form because a
/// persisted window is merged many times: with a plain double the mean of data far from zero
/// (say 1e12 ± 1) carries an error of ε·|mean|, which the pairwise-merge update turns into a
/// first-order error of the merged variance. Error-free transformations follow Knuth's TwoSum
/// and Dekker's FastTwoSum (Muller et al., *Handbook of Floating-Point Arithmetic*, ch. 4).
///
/// Overflow: once `high` is ±∞ the compensation is meaningless and is kept at zero, so the
/// value stays ±∞ and never becomes NaN.
package struct CompensatedDouble: Sendable, Equatable {
    package private(set) var high: Double
    package private(set) var low: Double

    package static let zero = CompensatedDouble(high: 0, low: 0)

    package init(_ value: Double) {
        high = value
        low = 0
    }

    /// A pair that is already normalised, as `high` and `low` of another instance were; used to
    /// restore a persisted value bit for bit.
    package init(normalizedHigh high: Double, low: Double) {
        self.high = high
        self.low = high.isFinite ? low : 0
    }

    /// Renormalises an unevaluated sum `high + low` (TwoSum, so neither needs to be the larger).
    package init(high: Double, low: Double) {
        let (sum, error) = twoSum(high, low)
        self.high = sum
        self.low = error
    }

    /// The value rounded to a double.
    package var value: Double { high + low }

    /// Adds `other` exactly up to the double-double rounding of the result.
    package mutating func add(_ other: Double) {
        let (sum, error) = twoSum(high, other)
        self = CompensatedDouble(high: sum, low: error + low)
    }

    package mutating func add(_ other: CompensatedDouble) {
        let (sum, error) = twoSum(high, other.high)
        self = CompensatedDouble(high: sum, low: error + (low + other.low))
    }

    /// `self - other`, rounded to a double.
    package func difference(_ other: CompensatedDouble) -> Double {
        let (sum, error) = twoSum(high, -other.high)
        return sum + (error + (low - other.low))
    }

    /// `self / divisor` as a double-double; the remainder is computed exactly with a fused
    /// multiply–add.
    package func divided(by divisor: Double) -> CompensatedDouble {
        let quotient = high / divisor
        guard quotient.isFinite, quotient != 0 else { return CompensatedDouble(quotient) }
        let exactRemainder = high.addingProduct(-quotient, divisor) + low
        return CompensatedDouble(high: quotient, low: exactRemainder / divisor)
    }
}

/// Knuth's TwoSum: `a + b == sum + error` exactly, for finite operands whose sum does not
/// overflow.
@inline(__always)
package func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let sum = a + b
    guard sum.isFinite else { return (sum, 0) }
    let bVirtual = sum - a
    let aVirtual = sum - bVirtual
    return (sum, (a - aVirtual) + (b - bVirtual))
}
