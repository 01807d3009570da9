import DriftStatistics
import LinearAlgebra

/// A baseline's multivariate outlier detector over its numeric features: the reference mean μ,
/// the Cholesky factor L of the reference covariance Σ = L·Lᵀ (`MahalanobisScorer`, ddof = 1)
/// and a threshold on the squared Mahalanobis distance d²(x) = (x − μ)ᵀ Σ⁻¹ (x − μ).
///
/// **Rows.** Only rows with every numeric feature present and finite are fitted and scored; a
/// row with a missing (null, absent, NaN) or ±Inf numeric feature is left out, and a window
/// reports how many rows it scored.
///
/// **Threshold.** The 0.99 quantile (NumPy's default linear `np.quantile`) of the baseline rows'
/// own squared distances — the reference-quantile convention of NannyML and alibi-detect — so on
/// data like the baseline about 1 % of rows are above it whatever the features' distribution. The
/// χ²_d quantile would assume multivariate normality, which skewed features such as amounts
/// break: it would flag far more than 1 % of baseline-like rows. The in-sample distances are
/// slightly smaller than out-of-sample ones (each row helped fit μ and Σ), so the expected share
/// on fresh baseline-like rows is a little above 1 %. A row is an outlier when d² > threshold.
///
/// **Fitting needs** at least ``minimumRows`` complete rows (so the 0.99 quantile lies below the
/// largest distance) and more rows than features, and a covariance that is not singular (no
/// constant feature, none a linear combination of others); otherwise the baseline keeps the
/// reason instead of a model (``OutlierBaseline/skipped(reason:)``). No regularisation: a
/// ridge would change the distances' meaning, and a baseline this degenerate is better reported.
///
/// **Cost.** Scoring one row is one forward substitution, O(d²) with d(d+1)/2 multiply-adds,
/// done in place in a caller-provided buffer (no allocation per row).
public struct MahalanobisOutlierModel: Sendable, Equatable, Codable {
    /// The quantile of the baseline's squared distances used as the threshold.
    public static let thresholdQuantile = 0.99
    /// The fewest complete baseline rows a model is fitted on.
    public static let minimumRows = 100

    /// The numeric features, in schema order.
    public let features: [String]
    /// The position of each of ``features`` among the schema's (and the profiles') features.
    public let featurePositions: [Int]
    /// The reference mean of each feature.
    public let mean: [Double]
    /// L, lower triangular, packed by rows: row i holds L[i, 0...i] from offset i(i+1)/2.
    public let packedFactor: [Double]
    /// The squared-distance threshold.
    public let threshold: Double
    /// The complete baseline rows the model was fitted on.
    public let referenceRows: Int

    /// The number of features.
    public var dimension: Int { mean.count }

    /// Fits the model on the baseline events' numeric features (see the type), or says why not.
    public static func fit(schema features: [FeatureSpec], events: [PredictionEvent]) -> OutlierBaseline {
        var rows = CompleteNumericRows(schema: features)
        for event in events { rows.add(event) }
        return fit(rows)
    }

    /// Fits the model on rows already collected from the baseline events (see the type).
    public static func fit(_ rows: CompleteNumericRows) -> OutlierBaseline {
        let names = rows.names
        if names.isEmpty { return .skipped(reason: "the schema has no numeric features") }
        let needed = max(minimumRows, names.count + 1)
        guard rows.count >= needed else {
            return .skipped(
                reason: "\(rows.count) baseline rows have every numeric feature present, \(needed) needed "
                    + "(at least \(minimumRows), and more than the \(names.count) numeric features)")
        }
        let scorer: MahalanobisScorer
        let squares: [Double]
        do {
            var columnMajor = [Double](repeating: 0, count: rows.count * names.count)
            for row in 0..<rows.count {
                for column in 0..<names.count {
                    columnMajor[row + column * rows.count] = rows.values[row * names.count + column]
                }
            }
            let matrix = try Matrix(rows: rows.count, columns: names.count, columnMajor: columnMajor)
            scorer = try MahalanobisScorer(reference: matrix)
            squares = try scorer.scores(matrix).map { $0 * $0 }
        } catch {
            return .skipped(reason: "\(error)")
        }
        let order = names.count
        var packed: [Double] = []
        packed.reserveCapacity(order * (order + 1) / 2)
        for row in 0..<order {
            for column in 0...row { packed.append(scorer.covarianceFactor.lower[row, column]) }
        }
        let threshold = NumericBinning.linearQuantile(sorted: squares.sortedAscending(), probability: thresholdQuantile)
        return .fitted(
            MahalanobisOutlierModel(
                features: names, featurePositions: rows.positions, mean: scorer.mean, packedFactor: packed,
                threshold: threshold, referenceRows: rows.count))
    }

    /// The squared Mahalanobis distance of the row in `values` (``dimension`` finite values, in
    /// ``features`` order), by forward substitution z = L⁻¹(x − μ), d² = ‖z‖². Overwrites
    /// `values` with z.
    @inline(__always)
    public func squaredDistance(overwriting values: UnsafeMutableBufferPointer<Double>) -> Double {
        mean.withUnsafeBufferPointer { mean in
            packedFactor.withUnsafeBufferPointer { factor in
                var sum = 0.0
                var offset = 0
                for row in 0..<mean.count {
                    var residual = values[row] - mean[row]
                    for column in 0..<row { residual -= factor[offset + column] * values[column] }
                    let z = residual / factor[offset + row]
                    values[row] = z
                    sum += z * z
                    offset += row + 1
                }
                return sum
            }
        }
    }
}

/// What a baseline holds for outlier scoring: a fitted model, or why none could be fitted.
public enum OutlierBaseline: Sendable, Equatable, Codable {
    case fitted(MahalanobisOutlierModel)
    case skipped(reason: String)

    /// The model, when fitted.
    public var model: MahalanobisOutlierModel? {
        if case .fitted(let model) = self { return model }
        return nil
    }
}
