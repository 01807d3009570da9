import CLinearAlgebra

/// Which product of a matrix with its own transpose `gram` and `syrk` form.
public enum GramProduct: Sendable {
    /// AᵀA, the `columns` × `columns` matrix of column inner products (a cross-product matrix).
    case transposeTimesSelf
    /// AAᵀ, the `rows` × `rows` matrix of row inner products (a Gram matrix of the rows).
    case selfTimesTranspose
}

extension Matrix where Scalar == Double {
    /// General matrix product through BLAS `dgemm`: C ← α·op(A)·op(B) + β·C, where op(X) is X
    /// or Xᵀ as the flags say.
    ///
    /// With β = 0 the prior contents of `c` are not read (BLAS semantics), so `c` may hold
    /// anything of the right shape.
    /// - Throws: `dimensionMismatch` when op(A) is m×k, op(B) is not k×n, or C is not m×n.
    public static func gemm(
        alpha: Double = 1, _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        beta: Double = 0, into c: inout Matrix
    ) throws(LinearAlgebraError) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        guard k == kB else {
            throw .dimensionMismatch("gemm: op(A) is \(m)×\(k) but op(B) is \(kB)×\(n)")
        }
        guard c.rows == m, c.columns == n else {
            throw .dimensionMismatch("gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        }
        if m == 0 || n == 0 { return }
        let (m32, n32, k32) = (try blasInteger(m, "m"), try blasInteger(n, "n"), try blasInteger(k, "k"))
        let (lda, ldb, ldc) = (try leadingDimension(a.rows), try leadingDimension(b.rows), try leadingDimension(c.rows))
        if k == 0 {
            c.scale(by: beta)
            return
        }
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.storage.withUnsafeMutableBufferPointer { cBuffer in
                    cblas_dgemm(
                        CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        m32, n32, k32, alpha, aBuffer.baseAddress, lda, bBuffer.baseAddress, ldb,
                        beta, cBuffer.baseAddress, ldc
                    )
                }
            }
        }
    }

    /// The product op(self)·op(other) as a new matrix (`dgemm` with α = 1, β = 0).
    /// - Throws: `dimensionMismatch` when the inner dimensions differ.
    public func multiplied(
        by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        var result = Matrix.zeros(
            rows: transposeSelf ? columns : rows, columns: transposeOther ? other.rows : other.columns
        )
        try Matrix.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther, into: &result)
        return result
    }

    /// The product A·B (`dgemm`), e.g. `let c = try a * b`.
    /// - Throws: `dimensionMismatch` when `a.columns != b.rows`.
    public static func * (a: Matrix, b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try a.multiplied(by: b)
    }

    /// Symmetric rank-k update through BLAS `dsyrk`: C ← α·AᵀA + β·C or C ← α·AAᵀ + β·C.
    ///
    /// Only the upper triangle of `c` is read and written (BLAS semantics); the strictly lower
    /// triangle is left as it was. Call `symmetrizeFromUpper()` for the full matrix.
    /// - Throws: `dimensionMismatch` when C is not square of the product's order.
    public static func syrk(
        alpha: Double = 1, _ a: Matrix, product: GramProduct, beta: Double = 0, into c: inout Matrix
    ) throws(LinearAlgebraError) {
        let order = product == .transposeTimesSelf ? a.columns : a.rows
        let inner = product == .transposeTimesSelf ? a.rows : a.columns
        guard c.rows == order, c.columns == order else {
            throw .dimensionMismatch("syrk: C is \(c.rows)×\(c.columns), expected \(order)×\(order)")
        }
        if order == 0 { return }
        let (n32, k32) = (try blasInteger(order, "n"), try blasInteger(inner, "k"))
        let (lda, ldc) = (try leadingDimension(a.rows), try leadingDimension(c.rows))
        if inner == 0 {
            c.scale(by: beta)
            return
        }
        a.storage.withUnsafeBufferPointer { aBuffer in
            c.storage.withUnsafeMutableBufferPointer { cBuffer in
                cblas_dsyrk(
                    CblasColMajor, CblasUpper, product == .transposeTimesSelf ? CblasTrans : CblasNoTrans,
                    n32, k32, alpha, aBuffer.baseAddress, lda, beta, cBuffer.baseAddress, ldc
                )
            }
        }
    }

    /// The full symmetric matrix α·AᵀA or α·AAᵀ (`dsyrk`, then the lower triangle mirrored).
    public func gram(_ product: GramProduct, alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        let order = product == .transposeTimesSelf ? columns : rows
        var result = Matrix.zeros(rows: order, columns: order)
        try Matrix.syrk(alpha: alpha, self, product: product, into: &result)
        result.symmetrizeFromUpper()
        return result
    }

    /// Copies the upper triangle onto the strictly lower triangle (a square matrix is assumed;
    /// only the leading square block is touched otherwise).
    public mutating func symmetrizeFromUpper() {
        let order = Swift.min(rows, columns)
        let stride = rows
        storage.withUnsafeMutableBufferPointer { buffer in
            for column in 0..<order {
                for row in (column + 1)..<order {
                    buffer[row + column * stride] = buffer[column + row * stride]
                }
            }
        }
    }

    /// Matrix–vector product through BLAS `dgemv`: y ← α·op(A)·x + β·y.
    /// - Throws: `dimensionMismatch` when `x` or `y` does not fit op(A).
    public static func gemv(
        alpha: Double = 1, _ a: Matrix, transposeA: Bool = false, _ x: [Double], beta: Double = 0,
        into y: inout [Double]
    ) throws(LinearAlgebraError) {
        let outputCount = transposeA ? a.columns : a.rows
        let inputCount = transposeA ? a.rows : a.columns
        guard x.count == inputCount, y.count == outputCount else {
            throw .dimensionMismatch(
                "gemv: op(A) is \(outputCount)×\(inputCount), x has \(x.count), y has \(y.count) elements"
            )
        }
        if outputCount == 0 { return }
        let (m32, n32) = (try blasInteger(a.rows, "m"), try blasInteger(a.columns, "n"))
        let lda = try leadingDimension(a.rows)
        if inputCount == 0 {
            for index in y.indices { y[index] *= beta }
            return
        }
        a.storage.withUnsafeBufferPointer { aBuffer in
            x.withUnsafeBufferPointer { xBuffer in
                y.withUnsafeMutableBufferPointer { yBuffer in
                    cblas_dgemv(
                        CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, m32, n32, alpha,
                        aBuffer.baseAddress, lda, xBuffer.baseAddress, 1, beta, yBuffer.baseAddress, 1
                    )
                }
            }
        }
    }

    /// op(self)·x as a new vector (`dgemv` with α = 1, β = 0).
    public func multiplied(by vector: [Double], transposeSelf: Bool = false) throws(LinearAlgebraError) -> [Double] {
        var result = [Double](repeating: 0, count: transposeSelf ? columns : rows)
        try Matrix.gemv(self, transposeA: transposeSelf, vector, into: &result)
        return result
    }

    /// The Frobenius norm √(Σ aᵢⱼ²), through BLAS `dnrm2` (which scales to avoid overflow).
    public var frobeniusNorm: Double { Vector.norm(storage) }

    /// Multiplies every element by `factor`; a factor of 0 writes exact zeros (BLAS β = 0 rule).
    mutating func scale(by factor: Double) {
        storage.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = factor == 0 ? 0 : buffer[index] * factor }
        }
    }
}
