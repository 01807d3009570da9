/// Checks shared by the performance metrics, which all take predictions paired with ground-truth
/// labels.
///
/// In errors the labels (the ground truth the predictions are judged against) take the
/// `.reference` role and the predictions or scores the `.current` role, so a caller can tell which
/// array held a NaN.
enum PerformanceInputs {
    /// Throws unless there is one label per prediction.
    static func validateLengths(predictionCount: Int, labelCount: Int) throws(DriftStatisticsError) {
        guard predictionCount == labelCount else {
            throw .invalidArgument(
                name: "labels",
                reason: "\(labelCount) labels for \(predictionCount) predictions; they must be paired one to one"
            )
        }
    }

    /// Throws unless there is one label per prediction and at least one pair.
    static func validatePairs(predictionCount: Int, labelCount: Int) throws(DriftStatisticsError) {
        try validateLengths(predictionCount: predictionCount, labelCount: labelCount)
        guard predictionCount > 0 else { throw .emptySample(.current) }
    }

    /// Throws `.nonFiniteValue` naming the first NaN or ±∞ in `values`.
    static func validateFinite(_ values: [Double], role: SampleRole) throws(DriftStatisticsError) {
        let bad = values.withUnsafeBufferPointer { buffer -> Int? in
            // NaN and ±∞ are the values whose exponent bits are all ones: the largest exponent
            // field (an integer maximum, which the compiler vectorises) finds whether one is
            // present; only then is the first one looked for.
            let exponentMask: UInt64 = 0x7FF0_0000_0000_0000
            var largestExponent: UInt64 = 0
            for value in buffer { largestExponent = Swift.max(largestExponent, value.bitPattern & exponentMask) }
            guard largestExponent == exponentMask else { return nil }
            return buffer.firstIndex { !$0.isFinite }
        }
        if let index = bad { throw .nonFiniteValue(role, index: index, value: values[index]) }
    }

    /// Throws unless `zeroDivision` is a value scikit-learn accepts for `zero_division`: a number
    /// in [0, 1] (sklearn offers 0 and 1) or NaN.
    static func validateZeroDivision(_ zeroDivision: Double) throws(DriftStatisticsError) {
        guard zeroDivision.isNaN || (0...1).contains(zeroDivision) else {
            throw .invalidArgument(name: "zeroDivision", reason: "must be in [0, 1] or NaN, got \(zeroDivision)")
        }
    }

    /// The error for a metric that is undefined on the data (e.g. ROC AUC with one class).
    ///
    /// `DriftStatisticsError.degenerateData` names a `DriftMethod`, and performance metrics are
    /// not drift methods, so this is reported as an invalid `labels` argument.
    static func undefined(_ metric: PerformanceMetric, reason: String) -> DriftStatisticsError {
        .invalidArgument(name: "labels", reason: "\(metric.rawValue) is undefined: \(reason)")
    }

    /// `numerator / denominator`, or `zeroDivision` when the denominator is 0, as scikit-learn's
    /// precision/recall/F-score division.
    @inline(__always)
    static func ratio(_ numerator: Int, _ denominator: Int, zeroDivision: Double) -> Double {
        denominator == 0 ? zeroDivision : Double(numerator) / Double(denominator)
    }
}
