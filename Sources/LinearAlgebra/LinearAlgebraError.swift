/// A failure reported by LAPACK through its `info` argument, made into a typed error.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cholesky factorization failed: the leading minor of this order is not positive definite.
    case notPositiveDefinite(leadingMinor: Int)
    /// An iterative decomposition (eigen-decomposition, SVD) did not converge.
    case didNotConverge(routine: String, info: Int)
    /// Operand shapes do not fit the operation.
    case dimensionMismatch(String)
    /// A LAPACK argument was rejected (`info < 0`); a bug in this wrapper, reported rather than trapped.
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            return "matrix is not positive definite (leading minor of order \(minor))"
        case .didNotConverge(let routine, let info):
            return "\(routine) did not converge (info=\(info))"
        case .dimensionMismatch(let detail):
            return "dimension mismatch: \(detail)"
        case .illegalArgument(let routine, let position):
            return "\(routine): argument \(position) had an illegal value"
        }
    }
}
