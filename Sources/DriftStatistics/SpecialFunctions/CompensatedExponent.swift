#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sum of terms and products accumulated in double-double, then exponentiated.
///
/// The power prefactors of the incomplete gamma and beta functions are exp(E) with |E| up to
/// ~700 for results near 1e-300; rounding E to a double alone costs up to 6e-14 of relative
/// accuracy and each further rounding as much again. Carrying the low-order parts (Knuth's
/// two-sum, fused multiply–add for products) leaves only the rounding of the inputs themselves.
struct CompensatedExponent {
    private(set) var high = 0.0
    private(set) var low = 0.0

    mutating func add(_ value: Double) {
        let sum = high + value
        let virtualValue = sum - high
        let virtualHigh = sum - virtualValue
        low += (high - virtualHigh) + (value - virtualValue)
        high = sum
    }

    /// Adds p·q exactly (the product's rounding error goes to the low part).
    mutating func add(_ p: Double, times q: Double) {
        let product = p * q
        low += (-product).addingProduct(p, q)
        add(product)
    }

    /// fl(a + b) − (a + b), exactly (Knuth's two-sum).
    static func roundingError(of a: Double, plus b: Double) -> Double {
        let sum = a + b
        let virtualB = sum - a
        let virtualA = sum - virtualB
        return -((a - virtualA) + (b - virtualB))
    }

    /// exp(high + low).
    var exponential: Double {
        exp(high) * (1 + low)
    }
}
