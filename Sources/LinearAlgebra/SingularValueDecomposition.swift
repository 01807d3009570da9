import CLinearAlgebra

/// The thin singular value decomposition A = U·Σ·Vᵀ of an m×n matrix (LAPACK divide-and-conquer
/// `dgesdd`, jobz = "S"), with k = min(m, n).
///
/// `u` is m×k with orthonormal columns, `singularValues` holds the k values in descending order,
/// `vt` is k×n with orthonormal rows. Signs of paired singular vectors are LAPACK's choice.
public struct SingularValueDecomposition: Sendable {
    /// The left singular vectors, m×k.
    public let u: Matrix<Double>
    /// The singular values, descending and non-negative.
    public let singularValues: [Double]
    /// The right singular vectors as rows, k×n.
    public let vt: Matrix<Double>

    /// Decomposes `matrix`.
    /// - Throws: `didNotConverge` when `dgesdd` reports `info > 0`; `illegalArgument` for
    ///   `info < 0` (which includes NaN input in recent LAPACK).
    public init(_ matrix: Matrix<Double>) throws(LinearAlgebraError) {
        let rows = matrix.rows
        let columns = matrix.columns
        let rank = min(rows, columns)
        var left = Matrix<Double>.zeros(rows: rows, columns: rank)
        var right = Matrix<Double>.zeros(rows: rank, columns: columns)
        var values = [Double](repeating: 0, count: rank)
        if rank > 0 {
            var a = matrix
            var m = try blasInteger(rows, "m")
            var n = try blasInteger(columns, "n")
            var lda = try leadingDimension(rows)
            var ldu = try leadingDimension(rows)
            var ldvt = try leadingDimension(rank)
            var info: Int32 = 0
            var iwork = [Int32](repeating: 0, count: 8 * rank)
            var workSize = 0.0
            var query: Int32 = -1
            try Self.call(&a, &m, &n, &lda, &values, &left, &ldu, &right, &ldvt, &workSize, &query, &iwork, &info)
            var lwork = try blasInteger(max(1, Int(workSize.rounded(.up))), "lwork")
            var work = [Double](repeating: 0, count: Int(lwork))
            try work.withUnsafeMutableBufferPointer { (workBuffer) throws(LinearAlgebraError) in
                guard let workPointer = workBuffer.baseAddress else { return }
                try Self.call(&a, &m, &n, &lda, &values, &left, &ldu, &right, &ldvt, workPointer, &lwork, &iwork, &info)
            }
            if info > 0 { throw .didNotConverge(routine: "dgesdd", info: Int(info)) }
        }
        u = left
        singularValues = values
        vt = right
    }

    private static func call(
        _ a: inout Matrix<Double>, _ m: inout Int32, _ n: inout Int32, _ lda: inout Int32, _ s: inout [Double],
        _ u: inout Matrix<Double>, _ ldu: inout Int32, _ vt: inout Matrix<Double>, _ ldvt: inout Int32,
        _ work: UnsafeMutablePointer<Double>, _ lwork: inout Int32, _ iwork: inout [Int32],
        _ info: inout Int32
    ) throws(LinearAlgebraError) {
        a.storage.withUnsafeMutableBufferPointer { aBuffer in
            s.withUnsafeMutableBufferPointer { sBuffer in
                u.storage.withUnsafeMutableBufferPointer { uBuffer in
                    vt.storage.withUnsafeMutableBufferPointer { vtBuffer in
                        iwork.withUnsafeMutableBufferPointer { iworkBuffer in
                            dgesdd_("S", &m, &n, aBuffer.baseAddress, &lda, sBuffer.baseAddress, uBuffer.baseAddress,
                                    &ldu, vtBuffer.baseAddress, &ldvt, work, &lwork, iworkBuffer.baseAddress, &info, 1)
                        }
                    }
                }
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dgesdd", position: Int(-info)) }
    }
}
