import LinearAlgebra

/// The Cholesky factor of a covariance matrix that a detector is about to invert, or a
/// `degenerateData` error that says why it cannot be inverted meaningfully.
///
/// A covariance is refused when a feature is constant, when LAPACK finds it not positive definite,
/// or when a pivot shows a feature to be a linear combination of the earlier ones to within a
/// relative 1e-12 (its squared multiple correlation with them exceeds 1 − 1e-12): there SciPy or
/// NumPy would return numbers dominated by rounding.
///
/// - Parameter description: how the matrix is named in the error, e.g. "the reference covariance matrix".
func factorCovariance(
    _ covariance: Matrix<Double>, method: DriftMethod, description: String
) throws(DriftStatisticsError) -> CholeskyFactorization {
    for feature in 0..<covariance.columns where covariance[feature, feature] == 0 {
        throw .degenerateData(method: method, reason: "\(description) is singular: feature \(feature) is constant")
    }
    let factor: CholeskyFactorization
    do {
        factor = try CholeskyFactorization(covariance)
    } catch let LinearAlgebraError.notPositiveDefinite(leadingMinor) {
        throw .degenerateData(
            method: method,
            reason: "\(description) is singular: feature \(leadingMinor - 1) is a linear combination of the features before it"
        )
    } catch {
        throw .degenerateData(method: method, reason: "Cholesky factorization failed: \(error)")
    }
    for feature in 0..<covariance.columns {
        let pivot = factor.lower[feature, feature]
        if pivot * pivot <= 1e-12 * covariance[feature, feature] {
            throw .degenerateData(
                method: method,
                reason: "\(description) is numerically singular: feature \(feature) is a linear combination of the features before it to within 1e-12"
            )
        }
    }
    return factor
}
