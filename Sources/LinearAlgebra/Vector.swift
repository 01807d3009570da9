import CLinearAlgebra

/// Level-1 BLAS on plain `[Double]` vectors.
public enum Vector {
    /// The inner product Σ xᵢyᵢ through BLAS `ddot`; 0 for empty vectors.
    /// - Throws: `dimensionMismatch` when the lengths differ.
    public static func dot(_ x: [Double], _ y: [Double]) throws(LinearAlgebraError) -> Double {
        guard x.count == y.count else {
            throw .dimensionMismatch("dot: vectors of length \(x.count) and \(y.count)")
        }
        if x.isEmpty { return 0 }
        let count = try blasInteger(x.count, "n")
        return x.withUnsafeBufferPointer { xBuffer in
            y.withUnsafeBufferPointer { yBuffer in
                cblas_ddot(count, xBuffer.baseAddress, 1, yBuffer.baseAddress, 1)
            }
        }
    }

    /// The Euclidean norm √(Σ xᵢ²) through BLAS `dnrm2`, which rescales internally so that
    /// elements near 1e200 do not overflow; 0 for an empty vector.
    public static func norm(_ x: [Double]) -> Double {
        if x.isEmpty { return 0 }
        guard let count = Int32(exactly: x.count) else {
            return x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        return x.withUnsafeBufferPointer { cblas_dnrm2(count, $0.baseAddress, 1) }
    }
}
