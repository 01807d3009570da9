import CLinearAlgebra
import Foundation

/// The Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix (LAPACK `dpotrf`
/// on the lower triangle), with solves (`dpotrs`, `dtrsm`) and the log-determinant.
///
/// Only the lower triangle of A is read; its symmetry is the caller's promise and is not checked.
public struct CholeskyFactorization: Sendable {
    /// The lower-triangular factor L; its strictly upper triangle is zero.
    public let lower: Matrix<Double>

    /// Factors `matrix`.
    /// - Throws: `dimensionMismatch` for a non-square matrix; `notPositiveDefinite(leadingMinor:)`
    ///   naming the order of the first leading minor that is not positive (LAPACK `info > 0`,
    ///   which also covers NaN entries); `illegalArgument` for `info < 0`.
    public init(_ matrix: Matrix<Double>) throws(LinearAlgebraError) {
        guard matrix.isSquare else {
            throw .dimensionMismatch("Cholesky of a \(matrix.rows)×\(matrix.columns) matrix")
        }
        var factor = matrix
        let order = matrix.rows
        if order > 0 {
            var n = try blasInteger(order, "n")
            var lda = try leadingDimension(order)
            var info: Int32 = 0
            factor.storage.withUnsafeMutableBufferPointer { buffer in
                dpotrf_("L", &n, buffer.baseAddress, &lda, &info, 1)
            }
            if info < 0 { throw .illegalArgument(routine: "dpotrf", position: Int(-info)) }
            if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
            factor.storage.withUnsafeMutableBufferPointer { buffer in
                for column in 1..<max(order, 1) {
                    for row in 0..<column { buffer[row + column * order] = 0 }
                }
            }
        }
        lower = factor
    }

    /// The order n of the factored n×n matrix.
    public var order: Int { lower.rows }

    /// log det A = 2·Σ log Lᵢᵢ, which stays finite where det A itself would under- or overflow.
    public var logDeterminant: Double {
        var sum = 0.0
        for index in 0..<order { sum += log(lower[index, index]) }
        return 2 * sum
    }

    /// X solving A·X = B for every column of `b` at once (`dpotrs`).
    /// - Throws: `dimensionMismatch` when `b` does not have n rows.
    public func solve(_ b: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
        guard b.rows == order else {
            throw .dimensionMismatch("solve: right-hand side has \(b.rows) rows, matrix order is \(order)")
        }
        var solution = b
        if order == 0 || b.columns == 0 { return solution }
        var n = try blasInteger(order, "n")
        var nrhs = try blasInteger(b.columns, "nrhs")
        var lda = try leadingDimension(order)
        var ldb = try leadingDimension(order)
        var info: Int32 = 0
        lower.storage.withUnsafeBufferPointer { factorBuffer in
            solution.storage.withUnsafeMutableBufferPointer { rhsBuffer in
                dpotrs_("L", &n, &nrhs, factorBuffer.baseAddress, &lda, rhsBuffer.baseAddress, &ldb, &info, 1)
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dpotrs", position: Int(-info)) }
        return solution
    }

    /// x solving A·x = b.
    /// - Throws: `dimensionMismatch` when `b` does not have n elements.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// Y = B·L⁻ᵀ, so that row i of Y is L⁻¹ applied to row i of B (`dtrsm`, right side).
    ///
    /// With A a covariance matrix, ‖row i of Y‖² is the quadratic form bᵢᵀA⁻¹bᵢ — every row's
    /// Mahalanobis distance from one triangular solve.
    /// - Throws: `dimensionMismatch` when `b` does not have n columns.
    public func whitenRows(_ b: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
        guard b.columns == order else {
            throw .dimensionMismatch("whitenRows: \(b.columns) columns, matrix order is \(order)")
        }
        var result = b
        if order == 0 || b.rows == 0 { return result }
        let m = try blasInteger(b.rows, "m")
        let n = try blasInteger(order, "n")
        let lda = try leadingDimension(order)
        let ldb = try leadingDimension(b.rows)
        lower.storage.withUnsafeBufferPointer { factorBuffer in
            result.storage.withUnsafeMutableBufferPointer { rhsBuffer in
                cblas_dtrsm(
                    CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, m, n, 1.0,
                    factorBuffer.baseAddress, lda, rhsBuffer.baseAddress, ldb
                )
            }
        }
        return result
    }
}
