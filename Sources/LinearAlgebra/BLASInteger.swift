/// The 32-bit integer that the reference BLAS/LAPACK interfaces take for every size and stride.
///
/// A dimension that does not fit is reported as a shape error instead of being truncated.
@inline(__always)
func blasInteger(_ value: Int, _ what: @autoclosure () -> String) throws(LinearAlgebraError) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw .dimensionMismatch("\(what()) = \(value) exceeds the 32-bit BLAS/LAPACK index range")
    }
    return converted
}

/// The leading dimension LAPACK requires: at least 1 even for an empty matrix.
@inline(__always)
func leadingDimension(_ rows: Int) throws(LinearAlgebraError) -> Int32 {
    try blasInteger(max(1, rows), "leading dimension")
}
