import LinearAlgebra

/// Per-row Mahalanobis anomaly scores against a baseline (rows = observations, columns = features).
///
/// Fitting takes the reference mean μ and sample covariance Σ (ddof = 1, `numpy.cov`) and factors
/// Σ = L·Lᵀ once (LAPACK `dpotrf`). The score of a row x is √((x − μ)ᵀ Σ⁻¹ (x − μ)) =
/// ‖L⁻¹(x − μ)‖, equal to `scipy.spatial.distance.mahalanobis(x, μ, inv(Σ))`; a batch is scored
/// with one triangular solve over all rows (`dtrsm`), never forming Σ⁻¹.
///
/// Edge cases (all `DriftStatisticsError`): zero features or a feature-count mismatch
/// (`invalidArgument`); no rows (`emptySample`); NaN/±Inf (`nonFiniteValue`, index = row); fewer
/// than 2 reference rows (`insufficientData`); a singular covariance (`degenerateData`, naming
/// the cause) — fewer rows than features + 1, a constant feature, or a feature that is a linear
/// combination of earlier ones to within a relative 1e-12 (its Cholesky pivot Lⱼⱼ² falls below
/// 1e-12·Σⱼⱼ, i.e. its squared multiple correlation with the earlier features exceeds 1 − 1e-12),
/// where SciPy would return scores dominated by rounding.
public struct MahalanobisScorer: Sendable {
    /// The reference mean of each feature.
    public let mean: [Double]
    /// The Cholesky factor of the reference covariance.
    public let covarianceFactor: CholeskyFactorization

    /// Fits the scorer on `reference`.
    public init(reference: Matrix<Double>) throws(DriftStatisticsError) {
        try validateRows(reference, role: .reference, method: .mahalanobis, minimumRows: 2)
        let featureCount = reference.columns
        guard reference.rows > featureCount else {
            throw .degenerateData(
                method: .mahalanobis,
                reason: "the reference covariance matrix is singular: \(reference.rows) rows cannot span \(featureCount) features (needs at least \(featureCount + 1) rows)"
            )
        }
        let means = columnMeans(reference)
        let deviations = centered(reference, by: means)
        let covariance = try withLinearAlgebra(.mahalanobis) { () throws(LinearAlgebraError) in
            try deviations.gram(.transposeTimesSelf, alpha: 1 / Double(reference.rows - 1))
        }
        let factor = try factorCovariance(covariance, method: .mahalanobis, description: "the reference covariance matrix")
        mean = means
        covarianceFactor = factor
    }

    /// The number of features the scorer was fitted on.
    public var featureCount: Int { mean.count }

    /// The Mahalanobis distance of every row of `rows` from the reference mean.
    /// - Throws: `invalidArgument` for a different feature count, `emptySample(.current)`,
    ///   `nonFiniteValue` for NaN/±Inf.
    public func scores(_ rows: Matrix<Double>) throws(DriftStatisticsError) -> [Double] {
        try validateRows(rows, role: .current, method: .mahalanobis, featureCount: featureCount)
        let whitened = try withLinearAlgebra(.mahalanobis) { () throws(LinearAlgebraError) in
            try covarianceFactor.whitenRows(centered(rows, by: mean))
        }
        return rowNorms(whitened)
    }

    /// The Mahalanobis distance of one observation from the reference mean.
    /// - Throws: as `scores(_:)`.
    public func score(_ row: [Double]) throws(DriftStatisticsError) -> Double {
        guard row.count == featureCount else {
            throw .invalidArgument(name: "row", reason: "has \(row.count) features, the reference has \(featureCount)")
        }
        let matrix = try withLinearAlgebra(.mahalanobis) { () throws(LinearAlgebraError) in
            try Matrix(rows: 1, columns: row.count, columnMajor: row)
        }
        return try scores(matrix)[0]
    }
}
