import CLinearAlgebra

/// The eigen-decomposition A = V·Λ·Vᵀ of a symmetric matrix (LAPACK divide-and-conquer `dsyevd`).
///
/// Only the lower triangle of A is read. Eigenvalues are in ascending order and column j of
/// `eigenvectors` is the unit eigenvector of `eigenvalues[j]`; the columns are orthonormal. The
/// sign of each eigenvector is whatever LAPACK returns and may differ between BLAS builds.
public struct SymmetricEigenDecomposition: Sendable {
    /// The eigenvalues, ascending.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors, one per column, in the order of `eigenvalues`.
    public let eigenvectors: Matrix<Double>

    /// Decomposes `matrix`.
    /// - Throws: `dimensionMismatch` for a non-square matrix; `didNotConverge` when `dsyevd`
    ///   reports `info > 0`; `illegalArgument` for `info < 0`.
    public init(_ matrix: Matrix<Double>) throws(LinearAlgebraError) {
        guard matrix.isSquare else {
            throw .dimensionMismatch("eigen-decomposition of a \(matrix.rows)×\(matrix.columns) matrix")
        }
        let order = matrix.rows
        var vectors = matrix
        var values = [Double](repeating: 0, count: order)
        if order > 0 {
            var n = try blasInteger(order, "n")
            var lda = try leadingDimension(order)
            var info: Int32 = 0
            // A workspace query (lwork = liwork = -1) returns the optimal sizes in work[0], iwork[0].
            var workSize = 0.0
            var iworkSize: Int32 = 0
            var query: Int32 = -1
            var iquery: Int32 = -1
            vectors.storage.withUnsafeMutableBufferPointer { aBuffer in
                values.withUnsafeMutableBufferPointer { wBuffer in
                    dsyevd_("V", "L", &n, aBuffer.baseAddress, &lda, wBuffer.baseAddress,
                            &workSize, &query, &iworkSize, &iquery, &info, 1, 1)
                }
            }
            if info < 0 { throw .illegalArgument(routine: "dsyevd", position: Int(-info)) }
            var lwork = try blasInteger(max(1, Int(workSize.rounded(.up))), "lwork")
            var liwork = max(1, iworkSize)
            var work = [Double](repeating: 0, count: Int(lwork))
            var iwork = [Int32](repeating: 0, count: Int(liwork))
            vectors.storage.withUnsafeMutableBufferPointer { aBuffer in
                values.withUnsafeMutableBufferPointer { wBuffer in
                    work.withUnsafeMutableBufferPointer { workBuffer in
                        iwork.withUnsafeMutableBufferPointer { iworkBuffer in
                            dsyevd_("V", "L", &n, aBuffer.baseAddress, &lda, wBuffer.baseAddress,
                                    workBuffer.baseAddress, &lwork, iworkBuffer.baseAddress, &liwork, &info, 1, 1)
                        }
                    }
                }
            }
            if info < 0 { throw .illegalArgument(routine: "dsyevd", position: Int(-info)) }
            if info > 0 { throw .didNotConverge(routine: "dsyevd", info: Int(info)) }
        }
        eigenvalues = values
        eigenvectors = vectors
    }
}
