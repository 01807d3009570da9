/// The confusion matrix of class predictions in one window, keyed by class name, and the metrics
/// scikit-learn derives from it: `accuracy_score`, and `precision_score`, `recall_score`,
/// `f1_score` with `average='macro'` (sklearn 1.9.1, no sample weights).
///
/// **Convention.** A label is the ground-truth class (sklearn's `y_true`), a prediction the
/// predicted class (`y_pred`); class names are compared as exact strings. The classes averaged
/// over are the union of the labels and the predictions seen (sklearn's `unique_labels`, used
/// when `labels=None`), so a class that was only predicted, or only labelled, counts. The macro
/// average is the unweighted mean of the per-class values, taken in sklearn's class order (code
/// point order) with NumPy's summation order; macro F1 is the mean of the per-class F1
/// `2tp/(2tp+fp+fn)`, not the F1 of the macro precision and recall.
///
/// **Zero division.** A class never predicted has precision 0/0, a class never labelled recall
/// 0/0; that class's value is `zeroDivision` (0 by default, the value of sklearn's default
/// `zero_division="warn"`; 1 as `zero_division=1.0`). With `zeroDivision = .nan` such classes
/// are left out of the mean, as sklearn's `zero_division=np.nan` does; the mean is NaN only when
/// every class is undefined. F1 is never 0/0 here, since every class was labelled or predicted.
///
/// **Merging.** The counts are exact integers: the matrix of concatenated windows equals the
/// merge of their matrices in any order. Only positive counts are stored, so two matrices of the
/// same predictions compare equal however they were built. An empty matrix is the identity of
/// `merge(_:)`; every metric throws `.emptySample(.current)` on it, as sklearn raises on empty
/// arrays.
public struct MulticlassConfusionMatrix: Sendable, Hashable, Codable {
    /// `counts[label][prediction]`: how often a value of class `label` was predicted as
    /// `prediction`. Only positive counts are present.
    public private(set) var counts: [String: [String: Int]]

    /// An empty matrix, the identity of `merge(_:)`.
    public init() { counts = [:] }

    /// The matrix of `predictions` against `labels` (`sklearn.metrics.confusion_matrix`). Empty
    /// arrays give the empty matrix.
    /// - Throws: `.invalidArgument(name: "labels", …)` when the arrays differ in length.
    public init(predictions: [String], labels: [String]) throws(DriftStatisticsError) {
        try PerformanceInputs.validateLengths(predictionCount: predictions.count, labelCount: labels.count)
        self.init()
        for (prediction, label) in zip(predictions, labels) { add(prediction: prediction, label: label) }
    }

    /// Counts one prediction.
    public mutating func add(prediction: String, label: String) {
        counts[label, default: [:]][prediction, default: 0] += 1
    }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: MulticlassConfusionMatrix) {
        for (label, row) in other.counts {
            for (prediction, count) in row { counts[label, default: [:]][prediction, default: 0] += count }
        }
    }

    /// This matrix merged with `other`; see `merge(_:)`.
    public func merging(_ other: MulticlassConfusionMatrix) -> MulticlassConfusionMatrix {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// How often a value of class `label` was predicted as `prediction`.
    public func count(label: String, prediction: String) -> Int { counts[label]?[prediction] ?? 0 }

    /// The number of predictions counted.
    public var count: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

    /// Every class labelled or predicted, in code point order (sklearn's sorted `unique_labels`).
    public var classes: [String] { Self.ordered(Set(counts.keys).union(counts.values.flatMap(\.keys))) }

    /// The share of predictions equal to their label: `sklearn.metrics.accuracy_score`.
    /// - Throws: `.emptySample(.current)` for an empty matrix.
    public func accuracy() throws(DriftStatisticsError) -> Double {
        let total = count
        guard total > 0 else { throw .emptySample(.current) }
        let correct = counts.reduce(0) { $0 + ($1.value[$1.key] ?? 0) }
        return Double(correct) / Double(total)
    }

    /// The mean over classes of `tp/(tp+fp)`:
    /// `sklearn.metrics.precision_score(average='macro', zero_division=zeroDivision)`.
    /// - Throws: `.emptySample(.current)` for an empty matrix; `.invalidArgument` when
    ///   `zeroDivision` is outside [0, 1] and not NaN.
    public func macroPrecision(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try macroAverage(zeroDivision) { PerformanceInputs.ratio($0.truePositives, $0.predicted, zeroDivision: zeroDivision) }
    }

    /// The mean over classes of `tp/(tp+fn)`:
    /// `sklearn.metrics.recall_score(average='macro', zero_division=zeroDivision)`.
    /// - Throws: as `macroPrecision(zeroDivision:)`.
    public func macroRecall(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try macroAverage(zeroDivision) { PerformanceInputs.ratio($0.truePositives, $0.labelled, zeroDivision: zeroDivision) }
    }

    /// The mean over classes of `2tp/(2tp+fp+fn)`:
    /// `sklearn.metrics.f1_score(average='macro', zero_division=zeroDivision)`.
    /// - Throws: as `macroPrecision(zeroDivision:)`.
    public func macroF1(zeroDivision: Double = 0) throws(DriftStatisticsError) -> Double {
        try macroAverage(zeroDivision) {
            PerformanceInputs.ratio(2 * $0.truePositives, $0.labelled + $0.predicted, zeroDivision: zeroDivision)
        }
    }

    private struct ClassCounts {
        var truePositives = 0
        /// tp + fn: how often the class was the label.
        var labelled = 0
        /// tp + fp: how often the class was predicted.
        var predicted = 0
    }

    /// sklearn's `_nanaverage` of the per-class values: NumPy's mean, ignoring NaN values.
    private func macroAverage(_ zeroDivision: Double, _ perClass: (ClassCounts) -> Double) throws(DriftStatisticsError) -> Double {
        guard !counts.isEmpty else { throw .emptySample(.current) }
        try PerformanceInputs.validateZeroDivision(zeroDivision)
        var byClass: [String: ClassCounts] = [:]
        for (label, row) in counts {
            for (prediction, count) in row {
                byClass[label, default: ClassCounts()].labelled += count
                byClass[prediction, default: ClassCounts()].predicted += count
                if prediction == label { byClass[label, default: ClassCounts()].truePositives += count }
            }
        }
        let values = Self.ordered(Set(byClass.keys)).map { perClass(byClass[$0] ?? ClassCounts()) }
        let defined = values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        guard defined > 0 else { return .nan }
        let total = numpyPairwiseSum(count: values.count) { values[$0].isNaN ? 0 : values[$0] }
        return total / Double(defined)
    }

    /// Class names in Python's string order (by Unicode code point), which fixes the summation
    /// order of the macro averages as sklearn's.
    private static func ordered(_ classes: Set<String>) -> [String] {
        classes.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    private enum CodingKeys: String, CodingKey { case counts }

    /// Decodes a persisted matrix, rejecting negative counts and dropping zero ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let decoded = try container.decode([String: [String: Int]].self, forKey: .counts)
        guard decoded.values.allSatisfy({ $0.values.allSatisfy { $0 >= 0 } }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent MulticlassConfusionMatrix state: a negative count")
            )
        }
        counts = decoded.compactMapValues { row in
            let positive = row.filter { $0.value > 0 }
            return positive.isEmpty ? nil : positive
        }
    }
}
