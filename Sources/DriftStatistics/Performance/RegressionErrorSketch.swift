/// A mergeable summary of a regression's errors in one window — the count, `Σ|e|` and `Σe²` of
/// `e = prediction − label` — from which `meanAbsoluteError()` and `rootMeanSquaredError()` match
/// `sklearn.metrics.mean_absolute_error` and `root_mean_squared_error` (sklearn 1.9.1, one
/// output, no sample weights).
///
/// **Accuracy.** Both sums are kept as double-doubles (`DoubleDouble`, TwoSum per term), so
/// each is within about one rounding of the exact sum of the (rounded) terms whatever the number
/// of values or the merge order; sklearn's pairwise `np.mean` is within a few roundings, so the
/// metrics agree with it to about 1e-15 relative (checked at 1e-12 for RMSE, 1e-9 on the
/// fixtures). Each error is formed in double precision as sklearn forms it, so a prediction and
/// label of 1e12 differing by 1e-3 carry the same rounding on both sides.
///
/// **Huge magnitudes.** Errors up to about 1e154 square without overflow (errors near 1e150
/// work); beyond that `e²`, or the sum of squares, exceeds the double range and RMSE is +∞, as
/// sklearn's is (NumPy overflows in the square the same way). An error beyond the double range
/// itself (a prediction of 1.5e308 for a label of −1.5e308) makes MAE +∞ as well. A sketch whose
/// sums are +∞ encodes with `Codable` only through an encoder that accepts non-finite numbers.
///
/// **Merging.** Counts add exactly and sums to double-double rounding: the sketch of
/// concatenated windows equals the merge of their sketches to ~1e-16 relative in any order. An
/// empty sketch is the identity of `merge(_:)`; its metrics throw `.emptySample(.current)`, as
/// sklearn raises on empty arrays.
public struct RegressionErrorSketch: Sendable, Equatable, Codable {
    /// How many (prediction, label) pairs the sketch summarises.
    public private(set) var count: Int = 0
    private var absoluteErrors: DoubleDouble = .zero
    private var squaredErrors: DoubleDouble = .zero

    /// An empty sketch, the identity of `merge(_:)`.
    public init() {}

    /// The sketch of `predictions` against `labels`; see `add(predictions:labels:)`.
    public init(predictions: [Double], labels: [Double]) throws(DriftStatisticsError) {
        try add(predictions: predictions, labels: labels)
    }

    /// `Σ|prediction − label|`, rounded to a double.
    public var sumOfAbsoluteErrors: Double { absoluteErrors.doubleValue }

    /// `Σ(prediction − label)²`, rounded to a double.
    public var sumOfSquaredErrors: Double { squaredErrors.doubleValue }

    /// Adds one pair.
    /// - Throws: `.nonFiniteValue(.current, …)` for a NaN or ±∞ prediction,
    ///   `.nonFiniteValue(.reference, …)` for a NaN or ±∞ label (the index is the pair's position
    ///   in the sketch's stream); the sketch is then unchanged.
    public mutating func add(prediction: Double, label: Double) throws(DriftStatisticsError) {
        guard prediction.isFinite else { throw .nonFiniteValue(.current, index: count, value: prediction) }
        guard label.isFinite else { throw .nonFiniteValue(.reference, index: count, value: label) }
        accumulate(prediction - label)
        count += 1
    }

    /// Adds a batch of pairs; an empty batch changes nothing.
    /// - Throws: `.invalidArgument(name: "labels", …)` when the arrays differ in length;
    ///   `.nonFiniteValue(.current, index:, value:)` for the first NaN or ±∞ prediction, then
    ///   `.nonFiniteValue(.reference, …)` for the first such label (indices into the arrays); the
    ///   sketch is then unchanged (a batch is added whole or not at all).
    public mutating func add(predictions: [Double], labels: [Double]) throws(DriftStatisticsError) {
        try PerformanceInputs.validateLengths(predictionCount: predictions.count, labelCount: labels.count)
        try PerformanceInputs.validateFinite(predictions, role: .current)
        try PerformanceInputs.validateFinite(labels, role: .reference)
        predictions.withUnsafeBufferPointer { prediction in
            labels.withUnsafeBufferPointer { label in
                for index in 0..<prediction.count { accumulate(prediction[index] - label[index]) }
            }
        }
        count += predictions.count
    }

    @inline(__always)
    private mutating func accumulate(_ error: Double) {
        absoluteErrors = absoluteErrors + abs(error)
        squaredErrors = squaredErrors + error * error
    }

    /// Merges `other` into this sketch.
    public mutating func merge(_ other: RegressionErrorSketch) {
        count += other.count
        absoluteErrors = absoluteErrors + other.absoluteErrors
        squaredErrors = squaredErrors + other.squaredErrors
    }

    /// This sketch merged with `other`; see `merge(_:)`.
    public func merging(_ other: RegressionErrorSketch) -> RegressionErrorSketch {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// `Σ|e| / n`: `sklearn.metrics.mean_absolute_error`.
    /// - Throws: `.emptySample(.current)` for an empty sketch.
    public func meanAbsoluteError() throws(DriftStatisticsError) -> Double {
        guard count > 0 else { throw .emptySample(.current) }
        return (absoluteErrors / Double(count)).doubleValue
    }

    /// `Σe² / n`: `sklearn.metrics.mean_squared_error`.
    /// - Throws: `.emptySample(.current)` for an empty sketch.
    public func meanSquaredError() throws(DriftStatisticsError) -> Double {
        guard count > 0 else { throw .emptySample(.current) }
        return (squaredErrors / Double(count)).doubleValue
    }

    /// `√(Σe² / n)`: `sklearn.metrics.root_mean_squared_error`.
    /// - Throws: `.emptySample(.current)` for an empty sketch.
    public func rootMeanSquaredError() throws(DriftStatisticsError) -> Double {
        try meanSquaredError().squareRoot()
    }

    private enum CodingKeys: String, CodingKey {
        case count, sumOfAbsoluteErrors, sumOfAbsoluteErrorsCompensation, sumOfSquaredErrors, sumOfSquaredErrorsCompensation
    }

    /// Decodes a persisted sketch, rejecting states no sequence of pairs can produce.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        absoluteErrors = DoubleDouble(
            try container.decode(Double.self, forKey: .sumOfAbsoluteErrors),
            compensation: try container.decode(Double.self, forKey: .sumOfAbsoluteErrorsCompensation)
        )
        squaredErrors = DoubleDouble(
            try container.decode(Double.self, forKey: .sumOfSquaredErrors),
            compensation: try container.decode(Double.self, forKey: .sumOfSquaredErrorsCompensation)
        )
        let sums = [absoluteErrors.hi, absoluteErrors.lo, squaredErrors.hi, squaredErrors.lo]
        let consistent = count >= 0 && absoluteErrors.hi >= 0 && squaredErrors.hi >= 0
            && !sums.contains(where: \.isNaN) && (count > 0 || (absoluteErrors == .zero && squaredErrors == .zero))
        guard consistent else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent RegressionErrorSketch state")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(absoluteErrors.hi, forKey: .sumOfAbsoluteErrors)
        try container.encode(absoluteErrors.lo, forKey: .sumOfAbsoluteErrorsCompensation)
        try container.encode(squaredErrors.hi, forKey: .sumOfSquaredErrors)
        try container.encode(squaredErrors.lo, forKey: .sumOfSquaredErrorsCompensation)
    }
}

/// `mean(|prediction − label|)`: `sklearn.metrics.mean_absolute_error(labels, predictions)`;
/// the one-window form of `RegressionErrorSketch.meanAbsoluteError()` (see that type for
/// accuracy and huge magnitudes).
/// - Throws: `.emptySample(.current)` for empty arrays; `.invalidArgument(name: "labels", …)`
///   when they differ in length; `.nonFiniteValue` for a NaN or ±∞ prediction (`.current`) or
///   label (`.reference`), as sklearn rejects them.
public func meanAbsoluteError(predictions: [Double], labels: [Double]) throws(DriftStatisticsError) -> Double {
    try PerformanceInputs.validatePairs(predictionCount: predictions.count, labelCount: labels.count)
    return try RegressionErrorSketch(predictions: predictions, labels: labels).meanAbsoluteError()
}

/// `√mean((prediction − label)²)`: `sklearn.metrics.root_mean_squared_error(labels, predictions)`;
/// the one-window form of `RegressionErrorSketch.rootMeanSquaredError()` (see that type).
/// - Throws: as `meanAbsoluteError(predictions:labels:)`.
public func rootMeanSquaredError(predictions: [Double], labels: [Double]) throws(DriftStatisticsError) -> Double {
    try PerformanceInputs.validatePairs(predictionCount: predictions.count, labelCount: labels.count)
    return try RegressionErrorSketch(predictions: predictions, labels: labels).rootMeanSquaredError()
}
