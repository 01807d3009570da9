/// The area under the ROC curve of binary scores: `sklearn.metrics.roc_auc_score(labels, scores)`
/// (scikit-learn 1.9.1, no sample weights, no `max_fpr`).
///
/// **Convention.** `labels[i]` is the ground truth of `scores[i]` (true = the positive class,
/// sklearn's `y_true == 1`); a higher score means "more likely positive". The value is the
/// probability that a random positive scores above a random negative, a tie counting one half:
/// `AUC = (#{pos > neg} + ½·#{pos = neg}) / (P·N)`. That is exactly the trapezoid area sklearn
/// integrates under its ROC curve, whose tied scores form one threshold and hence one straight
/// (diagonal) segment: a tie group of `c` negatives and `e` positives, with `above` positives
/// scoring higher, contributes the trapezoid `c·(2·above + e) / 2` in units of `1/(P·N)`. Here
/// the area is accumulated as an exact integer and divided once, so it is the correctly rounded
/// rational value; sklearn's floating trapezoid sum is within 3e-16 relative of it on every
/// committed fixture. `-0.0` and `+0.0` are one tie group, as in sklearn.
///
/// **Algorithm.** The scores are split by label and each half is sorted with `sortedAscending()`;
/// a merge walk over the two sorted halves counts, for each group of equal negative scores, the
/// positives above and tied with it. O(n) besides the sorts; no comparison sort of pairs.
///
/// **Edge cases.**
/// - Empty input: `.emptySample(.current)` (sklearn raises `ValueError`).
/// - `scores.count != labels.count`: `.invalidArgument(name: "labels", …)`.
/// - NaN or ±∞ among the scores: `.nonFiniteValue(.current, index:, value:)` for the first one
///   (sklearn raises `ValueError: Input contains NaN/infinity`).
/// - Only one class in `labels` (including n = 1): the AUC is undefined; sklearn 1.9.1 warns
///   (`UndefinedMetricWarning`) and returns NaN. This throws
///   `.invalidArgument(name: "labels", reason: "roc_auc is undefined: …")` instead of returning NaN.
/// - All scores equal: 0.5. Perfect ranking: 1; inverted: 0.
/// - Magnitudes are irrelevant (only the order of the scores matters): 1e-300 and 1e300 work.
///
/// The integer accumulator holds at most `2·P·N ≤ n²/2`, which fits an `Int` for any array that
/// fits in memory (n < 4·10⁹).
public func rocAUC(scores: [Double], labels: [Bool]) throws(DriftStatisticsError) -> Double {
    try PerformanceInputs.validatePairs(predictionCount: scores.count, labelCount: labels.count)
    try PerformanceInputs.validateFinite(scores, role: .current)
    let positiveCount = labels.withUnsafeBufferPointer { buffer in
        var count = 0
        for label in buffer { count &+= label ? 1 : 0 }
        return count
    }
    let negativeCount = labels.count - positiveCount
    guard positiveCount > 0, negativeCount > 0 else {
        throw PerformanceInputs.undefined(
            .rocAUC, reason: "only one class is present in the labels (\(positiveCount) positive, \(negativeCount) negative)"
        )
    }
    let (positives, negatives) = ScoresByLabel.split(scores, labels, positiveCount: positiveCount)
    let sortedPositives = positives.sortedAscending()
    let sortedNegatives = negatives.sortedAscending()
    let twiceArea = sortedPositives.withUnsafeBufferPointer { positive in
        sortedNegatives.withUnsafeBufferPointer { negative in
            ScoresByLabel.twiceMannWhitneyU(sortedPositives: positive, sortedNegatives: negative)
        }
    }
    return Double(twiceArea) / (2 * Double(positiveCount) * Double(negativeCount))
}

private enum ScoresByLabel {
    /// The scores of the positives and of the negatives, each in input order.
    static func split(_ scores: [Double], _ labels: [Bool], positiveCount: Int) -> (positives: [Double], negatives: [Double]) {
        let negativeCount = scores.count - positiveCount
        var positives = [Double]()
        let negatives = [Double](unsafeUninitializedCapacity: negativeCount) { negativeBuffer, negativeInitialized in
            positives = [Double](unsafeUninitializedCapacity: positiveCount) { positiveBuffer, positiveInitialized in
                scores.withUnsafeBufferPointer { score in
                    labels.withUnsafeBufferPointer { label in
                        var positiveSlot = 0
                        var negativeSlot = 0
                        for index in 0..<score.count {
                            if label[index] {
                                positiveBuffer.initializeElement(at: positiveSlot, to: score[index])
                                positiveSlot &+= 1
                            } else {
                                negativeBuffer.initializeElement(at: negativeSlot, to: score[index])
                                negativeSlot &+= 1
                            }
                        }
                    }
                }
                positiveInitialized = positiveCount
            }
            negativeInitialized = negativeCount
        }
        return (positives, negatives)
    }

    /// `2·U`, twice the number of (positive, negative) pairs ranked correctly with ties counting
    /// one half, by one walk over both sorted arrays.
    static func twiceMannWhitneyU(
        sortedPositives positive: UnsafeBufferPointer<Double>, sortedNegatives negative: UnsafeBufferPointer<Double>
    ) -> Int {
        let positiveCount = positive.count
        let negativeCount = negative.count
        var twiceU = 0
        var below = 0
        var index = 0
        while index < negativeCount {
            let value = negative[index]
            var groupEnd = index &+ 1
            while groupEnd < negativeCount && negative[groupEnd] == value { groupEnd &+= 1 }
            while below < positiveCount && positive[below] < value { below &+= 1 }
            var tiedEnd = below
            while tiedEnd < positiveCount && positive[tiedEnd] == value { tiedEnd &+= 1 }
            let tied = tiedEnd &- below
            let above = positiveCount &- tiedEnd
            twiceU += (groupEnd &- index) * (2 &* above &+ tied)
            below = tiedEnd
            index = groupEnd
        }
        return twiceU
    }
}
