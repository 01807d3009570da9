import LinearAlgebra

/// The result of a two-sample Hotelling T² test.
public struct HotellingT2Result: Sendable, Equatable, Codable {
    /// T² = (n·m/(n+m)) · dᵀ S⁻¹ d, with d the difference of the mean vectors and S the pooled
    /// covariance.
    public var statistic: Double
    /// The F statistic (n+m−p−1)/(p·(n+m−2)) · T².
    public var fStatistic: Double
    /// F's degrees of freedom: p and n+m−p−1.
    public var numeratorDegreesOfFreedom: Double
    public var denominatorDegreesOfFreedom: Double
    /// P(F ≥ fStatistic) under equal means.
    public var pValue: Double
}

/// Two-sample Hotelling T² test of equal mean vectors (rows = observations, columns = features),
/// assuming a common covariance matrix.
///
/// The pooled covariance is S = (Σ_ref (x−x̄)(x−x̄)ᵀ + Σ_cur (y−ȳ)(y−ȳ)ᵀ)/(n+m−2) (ddof 1 in
/// each sample, as `numpy.cov`); T² = (n·m/(n+m)) · dᵀ S⁻¹ d is computed through the Cholesky
/// factor of S (never forming S⁻¹); under equal means (n+m−p−1)/(p(n+m−2)) · T² follows
/// F(p, n+m−p−1) (Hotelling 1931; Anderson, *An Introduction to Multivariate Statistical Analysis*,
/// §5.3), and the p-value is its survival function (`scipy.stats.f.sf`).
///
/// Edge cases (all `DriftStatisticsError`): no feature columns or a feature-count mismatch
/// (`invalidArgument`); an empty sample (`emptySample`); NaN/±Inf (`nonFiniteValue`, index = row);
/// fewer than p+2 rows in total, which leaves F no denominator degrees of freedom
/// (`insufficientData`, counted on the current sample); a singular pooled covariance — a constant
/// feature or collinear features (`degenerateData`, naming the feature).
public func hotellingT2Test(reference: Matrix<Double>, current: Matrix<Double>) throws(DriftStatisticsError) -> HotellingT2Result {
    try validateRows(reference, role: .reference, method: .hotelling)
    let features = reference.columns
    try validateRows(current, role: .current, method: .hotelling, featureCount: features)
    let n = Double(reference.rows)
    let m = Double(current.rows)
    let denominatorDegrees = n + m - Double(features) - 1
    guard denominatorDegrees >= 1 else {
        throw .insufficientData(
            .current, needed: max(1, features + 2 - reference.rows), got: current.rows, method: .hotelling
        )
    }
    let referenceMeans = columnMeans(reference)
    let currentMeans = columnMeans(current)
    let pooled = try withLinearAlgebra(.hotelling) { () throws(LinearAlgebraError) -> Matrix<Double> in
        var scatter = try centered(reference, by: referenceMeans).gram(.transposeTimesSelf)
        let currentScatter = try centered(current, by: currentMeans).gram(.transposeTimesSelf)
        let scale = 1 / (n + m - 2)
        scatter.withUnsafeMutableBufferPointer { total in
            currentScatter.withUnsafeBufferPointer { other in
                for index in total.indices { total[index] = (total[index] + other[index]) * scale }
            }
        }
        return scatter
    }
    let factor = try factorCovariance(pooled, method: .hotelling, description: "the pooled covariance matrix")
    let difference = zip(referenceMeans, currentMeans).map { $0 - $1 }
    let whitened = try withLinearAlgebra(.hotelling) { () throws(LinearAlgebraError) in
        try factor.whitenRows(Matrix(rows: 1, columns: features, columnMajor: difference))
    }
    let quadraticForm = whitened.storage.reduce(0) { $0 + $1 * $1 }
    let statistic = n * m / (n + m) * quadraticForm
    let fStatistic = denominatorDegrees / (Double(features) * (n + m - 2)) * statistic
    let pValue = FDistribution.survival(
        fStatistic, numeratorDegreesOfFreedom: Double(features), denominatorDegreesOfFreedom: denominatorDegrees
    )
    return HotellingT2Result(
        statistic: statistic, fStatistic: fStatistic, numeratorDegreesOfFreedom: Double(features),
        denominatorDegreesOfFreedom: denominatorDegrees, pValue: pValue
    )
}
