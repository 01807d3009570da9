/// The binary confusion matrix of one window — true/false positives and negatives — and the
/// metrics scikit-learn derives from it: `accuracy_score`, and `precision_score`,
/// `recall_score`, `f1_score` with the default `average='binary'`, `pos_label=1` (sklearn 1.9.1,
/// no sample weights).
///
/// **Convention.** A label is the ground truth (sklearn's `y_true`, true = the positive class 1);
/// a prediction is the model's hard decision (`y_pred`). From scores, the prediction is positive
/// when `score >= threshold` (default 0.5): `roc_auc_score` and the metric functions take no
/// threshold, and this is the rule sklearn itself applies when it thresholds scores
/// (`FixedThresholdClassifier`, `TunedThresholdClassifierCV`), so a score exactly at the
/// threshold counts as positive.
///
/// **Zero division.** Precision is `tp/(tp+fp)`, recall `tp/(tp+fn)`, F1 `2tp/(2tp+fp+fn)`
/// (sklearn's formulation, not the harmonic mean of rounded precision and recall). When a
/// denominator is 0 the metric returns `zeroDivision` — 0 by default, which is the value sklearn's
/// default `zero_division="warn"` returns (with a warning); 1 and NaN mirror `zero_division=1.0`
/// and `np.nan`. F1 divides by zero only when there are no positive labels and no positive
/// predictions.
///
/// **Merging.** The counts are exact integers, so windows merge exactly: the matrix of
/// concatenated windows equals the merge of their matrices in any order. An empty matrix (all
/// zero) is the identity of `merge(_:)`. Every metric throws `.emptySample(.current)` on an empty
/// matrix, as sklearn raises on empty arrays.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    /// Positive labels predicted positive.
    public private(set) var truePositives: Int
    /// Negative labels predicted positive.
    public private(set) var falsePositives: Int
    /// Negative labels predicted negative.
    public private(set) var trueNegatives: Int
    /// Positive labels predicted negative.
    public private(set) var falseNegatives: Int

    /// An empty matrix, the identity of `merge(_:)`.
    public init() {
        truePositives = 0
        falsePositives = 0
        trueNegatives = 0
        falseNegatives = 0
    }

    /// A matrix from its four counts, e.g. restored from storage.
    /// - Throws: `.invalidArgument` when a count is negative.
    public init(truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int) throws(DriftStatisticsError) {
        for (name, value) in [
            ("truePositives", truePositives), ("falsePositives", falsePositives),
            ("trueNegatives", trueNegatives), ("falseNegatives", falseNegatives),
        ] where value < 0 {
            throw .invalidArgument(name: name, reason: "a count cannot be negative, got \(value)")
        }
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// The matrix of hard predictions against labels (`sklearn.metrics.confusion_matrix`).
    /// Empty arrays give the empty matrix.
    /// - Throws: `.invalidArgument(name: "labels", …)` when the arrays differ in length.
    public init(predictions: [Bool], labels: [Bool]) throws(DriftStatisticsError) {
        try PerformanceInputs.validateLengths(predictionCount: predictions.count, labelCount: labels.count)
        self.init()
        predictions.withUnsafeBufferPointer { prediction in
            labels.withUnsafeBufferPointer { label in
                for index in 0..<prediction.count { add(prediction: prediction[index], label: label[index]) }
            }
        }
    }

    /// The matrix of scores thresholded at `threshold` (positive when `score >= threshold`)
    /// against labels. Empty arrays give the empty matrix.
    /// - Throws: `.invalidArgument` when the arrays differ in length or `threshold` is NaN;
    ///   `.nonFiniteValue(.current, index:, value:)` for the first NaN or ±∞ score (sklearn
    ///   rejects non-finite scores).
    public init(scores: [Double], labels: [Bool], threshold: Double = 0.5) throws(DriftStatisticsError) {
        try PerformanceInputs.validateLengths(predictionCount: scores.count, labelCount: labels.count)
        guard !threshold.isNaN else { throw .invalidArgument(name: "threshold", reason: "must not be NaN") }
        try PerformanceInputs.validateFinite(scores, role: .current)
        self.init()
        scores.withUnsafeBufferPointer { score in
            labels.withUnsafeBufferPointer { label in
                for index in 0..<score.count { add(prediction: score[index] >= threshold, label: label[index]) }
            }
        }
    }

    /// Counts one prediction.
    @inline(__always)
    public mutating func add(prediction: Bool, label: Bool) {
        switch (prediction, label) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
    }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: ConfusionMatrix) {
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        trueNegatives += other.trueNegatives
        falseNegatives += other.falseNegatives
    }

    /// This matrix merged with `other`; see `merge(_:)`.
    public func merging(_ other: ConfusionMatrix) -> ConfusionMatrix {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// The number of predictions counted.
    public var count: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    /// `(tp + tn) / n`: `sklearn.metrics.accuracy_score`.
    /// - Throws: `.emptySample(.current)` for an empty matrix.
    public func accuracy() throws(DriftStatisticsError) -> Double {
        let total = count
        guard total > 0 else { throw .emptySample(.current) }
        return Double(truePositives + trueNegatives) / Double(total)
    }

    /// `tp / (tp + fp)`, or `zeroDivision` when nothing was predicted positive:
    /// `sklearn.metrics.precision_score(zero_division=zeroDivision)`.
    /// - Throws: `.emptySample(.current)` for an empty matrix; `.invalidArgument` when
    ///   `zeroDivision` is outside [0, 1] and not NaN.
    public func precision(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try validate(zeroDivision)
        return PerformanceInputs.ratio(truePositives, truePositives + falsePositives, zeroDivision: zeroDivision)
    }

    /// `tp / (tp + fn)`, or `zeroDivision` when no label is positive:
    /// `sklearn.metrics.recall_score(zero_division=zeroDivision)`.
    /// - Throws: as `precision(zeroDivision:)`.
    public func recall(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try validate(zeroDivision)
        return PerformanceInputs.ratio(truePositives, truePositives + falseNegatives, zeroDivision: zeroDivision)
    }

    /// `2tp / (2tp + fp + fn)`, or `zeroDivision` when there is no positive label and no
    /// positive prediction: `sklearn.metrics.f1_score(zero_division=zeroDivision)`.
    /// - Throws: as `precision(zeroDivision:)`.
    public func f1(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try validate(zeroDivision)
        return PerformanceInputs.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives, zeroDivision: zeroDivision)
    }

    private func validate(_ zeroDivision: Double) throws(DriftStatisticsError) {
        guard count > 0 else { throw .emptySample(.current) }
        try PerformanceInputs.validateZeroDivision(zeroDivision)
    }

    private enum CodingKeys: String, CodingKey { case truePositives, falsePositives, trueNegatives, falseNegatives }

    /// Decodes a persisted matrix, rejecting negative counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let truePositives = try container.decode(Int.self, forKey: .truePositives)
        let falsePositives = try container.decode(Int.self, forKey: .falsePositives)
        let trueNegatives = try container.decode(Int.self, forKey: .trueNegatives)
        let falseNegatives = try container.decode(Int.self, forKey: .falseNegatives)
        do {
            try self.init(
                truePositives: truePositives, falsePositives: falsePositives,
                trueNegatives: trueNegatives, falseNegatives: falseNegatives
            )
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent ConfusionMatrix state: \(error)")
            )
        }
    }
}
