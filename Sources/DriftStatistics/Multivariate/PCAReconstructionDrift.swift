import LinearAlgebra

/// Multivariate drift by PCA reconstruction error, defined as NannyML's
/// `DataReconstructionDriftCalculator` on numeric features (with scikit-learn's StandardScaler and
/// PCA, which NannyML uses).
///
/// Fitting on the reference (rows = observations, columns = features):
/// 1. Standardize each feature with the reference mean and population standard deviation; a
///    feature that is constant up to rounding (scikit-learn's `_is_constant_feature` bound) keeps
///    scale 1, like StandardScaler.
/// 2. PCA of the standardized reference: eigen-decomposition (LAPACK `dsyevd`) of its ddof = 1
///    covariance, keeping the fewest leading components whose cumulative explained-variance ratio
///    exceeds `varianceRatio` (scikit-learn's rule for a float `n_components`:
///    `searchsorted(cumsum(ratio), varianceRatio, side="right") + 1`).
/// 3. Reconstruction error of a set of rows: the mean over rows of the Euclidean distance between
///    the standardized row and its projection onto the kept components and back (centred at the
///    PCA mean of the standardized reference, as scikit-learn's transform/inverse_transform do).
/// 4. Thresholds: the reference is cut like NannyML's default chunker — chunk size
///    ⌊n / chunks⌋, consecutive chunks of that size, and any remainder as one extra, smaller chunk
///    (so 107 rows and 10 chunks give ten chunks of 10 and one of 7). The thresholds are the mean
///    ± 3 × population standard deviation of the chunk errors, the lower one clipped at 0.
///
/// When the kept components span every feature the reconstruction is exact and every error is 0
/// (scikit-learn returns rounding noise of ~1e-16 there), so both thresholds are 0.
///
/// Edge cases (all `DriftStatisticsError`): zero features, NaN/±Inf (`nonFiniteValue`, index =
/// row), fewer than max(2, `chunks`) reference rows (`insufficientData`), `varianceRatio` outside
/// (0, 1) or `chunks < 1` (`invalidArgument`), every feature constant (`degenerateData`: no
/// variance to explain). Evaluated rows need the reference's feature count and at least one row.
public struct PCAReconstructionDrift: Sendable {
    /// The reference mean of each feature.
    public let featureMeans: [Double]
    /// The reference scale of each feature (population standard deviation, or 1 if constant).
    public let featureScales: [Double]
    /// The number of principal components kept.
    public let componentCount: Int
    /// The reconstruction error of each reference chunk, in order.
    public let referenceChunkErrors: [Double]
    /// mean − 3·std of the reference chunk errors, clipped at 0.
    public let lowerThreshold: Double
    /// mean + 3·std of the reference chunk errors.
    public let upperThreshold: Double

    /// The mean of the standardized reference (≈ 0 up to rounding; scikit-learn's `PCA.mean_`).
    private let standardizedMean: [Double]
    /// The kept components as columns, d × `componentCount`.
    private let components: Matrix<Double>

    /// Fits the detector on `reference`.
    public init(reference: Matrix<Double>, varianceRatio: Double = 0.65, chunks: Int = 10) throws(DriftStatisticsError) {
        guard varianceRatio > 0, varianceRatio < 1 else {
            throw .invalidArgument(name: "varianceRatio", reason: "must lie in (0, 1), got \(varianceRatio)")
        }
        guard chunks >= 1 else { throw .invalidArgument(name: "chunks", reason: "must be at least 1, got \(chunks)") }
        try validateRows(reference, role: .reference, method: .pcaReconstruction, minimumRows: max(2, chunks))
        let rowCount = reference.rows
        let featureCount = reference.columns

        let means = columnMeans(reference)
        var scales = [Double](repeating: 1, count: featureCount)
        reference.withUnsafeBufferPointer { buffer in
            for column in 0..<featureCount {
                var squares = 0.0
                var correction = 0.0
                for row in 0..<rowCount {
                    let deviation = buffer[row + column * rowCount] - means[column]
                    squares += deviation * deviation
                    correction += deviation
                }
                let count = Double(rowCount)
                let variance = (squares - correction * correction / count) / count
                let epsilon = Double.ulpOfOne
                let countMeanEpsilon = count * means[column] * epsilon
                let constantBound = count * epsilon * variance + countMeanEpsilon * countMeanEpsilon
                if variance > constantBound { scales[column] = variance.squareRoot() }
            }
        }
        let standardized = centered(reference, by: means, scales: scales)
        let pcaMean = columnMeans(standardized)
        let deviations = centered(standardized, by: pcaMean)
        let covariance = try withLinearAlgebra(.pcaReconstruction) { () throws(LinearAlgebraError) in
            try deviations.gram(.transposeTimesSelf, alpha: 1 / Double(rowCount - 1))
        }
        let eigen = try withLinearAlgebra(.pcaReconstruction) { () throws(LinearAlgebraError) in
            try SymmetricEigenDecomposition(covariance)
        }
        let variances = eigen.eigenvalues.reversed().map { max($0, 0) }
        let totalVariance = variances.reduce(0, +)
        guard totalVariance > 0 else {
            throw .degenerateData(method: .pcaReconstruction, reason: "every reference feature is constant")
        }
        var cumulative = 0.0
        var atOrBelow = 0
        for variance in variances {
            cumulative += variance / totalVariance
            if cumulative <= varianceRatio { atOrBelow += 1 } else { break }
        }
        let kept = min(atOrBelow + 1, featureCount)
        var kernel = Matrix<Double>.zeros(rows: featureCount, columns: kept)
        for component in 0..<kept {
            let source = featureCount - 1 - component
            for feature in 0..<featureCount { kernel[feature, component] = eigen.eigenvectors[feature, source] }
        }

        featureMeans = means
        featureScales = scales
        componentCount = kept
        standardizedMean = pcaMean
        components = kernel

        let chunkSize = rowCount / chunks
        var bounds: [Range<Int>] = stride(from: 0, to: rowCount - chunkSize + 1, by: chunkSize).map { $0..<($0 + chunkSize) }
        if rowCount % chunkSize != 0 { bounds.append((chunkSize * (rowCount / chunkSize))..<rowCount) }
        let errors = try Self.rowErrors(
            deviations, components: kernel, exact: kept == featureCount
        )
        let chunkErrors = bounds.map { range in errors[range].reduce(0, +) / Double(range.count) }
        let mean = chunkErrors.reduce(0, +) / Double(chunkErrors.count)
        let spread = (chunkErrors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(chunkErrors.count)).squareRoot()
        referenceChunkErrors = chunkErrors
        lowerThreshold = max(0, mean - 3 * spread)
        upperThreshold = mean + 3 * spread
    }

    /// The number of features the detector was fitted on.
    public var featureCount: Int { featureMeans.count }

    /// The mean reconstruction error of `rows` (see the type's documentation).
    /// - Throws: `invalidArgument` for a different feature count, `emptySample(.current)` for no
    ///   rows, `nonFiniteValue` for NaN/±Inf.
    public func reconstructionError(_ rows: Matrix<Double>) throws(DriftStatisticsError) -> Double {
        try validateRows(rows, role: .current, method: .pcaReconstruction, featureCount: featureCount)
        let deviations = centered(centered(rows, by: featureMeans, scales: featureScales), by: standardizedMean)
        let errors = try Self.rowErrors(deviations, components: components, exact: componentCount == featureCount)
        return errors.reduce(0, +) / Double(errors.count)
    }

    /// The reconstruction error of `rows` and whether it falls outside [lowerThreshold, upperThreshold]
    /// (NannyML raises its alert when the value is strictly below the lower or above the upper one).
    public func evaluate(_ rows: Matrix<Double>) throws(DriftStatisticsError) -> (error: Double, drifted: Bool) {
        let error = try reconstructionError(rows)
        return (error, error < lowerThreshold || error > upperThreshold)
    }

    /// ‖x − x·V·Vᵀ‖ for every centred standardized row x, with two products through `dgemm`.
    private static func rowErrors(
        _ deviations: Matrix<Double>, components: Matrix<Double>, exact: Bool
    ) throws(DriftStatisticsError) -> [Double] {
        if exact { return [Double](repeating: 0, count: deviations.rows) }
        var residual = deviations
        try withLinearAlgebra(.pcaReconstruction) { () throws(LinearAlgebraError) in
            let scores = try deviations.multiplied(by: components)
            try Matrix.gemm(alpha: -1, scores, components, transposeB: true, beta: 1, into: &residual)
        }
        return rowNorms(residual)
    }
}
