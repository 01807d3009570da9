/// `rocAUC(scores:labels:)` computed from a stream of (score, label) pairs that arrives in
/// ascending score order — as a database returns them with `ORDER BY score` — in O(1) memory.
///
/// **Convention.** Identical to `rocAUC(scores:labels:)` (sklearn's `roc_auc_score`, ties
/// counting one half): each group of equal scores with `p` positives and `q` negatives, above
/// `below` negatives with lower scores, adds `p·(2·below + q)` to the integer `2U`, and the AUC is
/// `2U / (2·P·N)` — the same exact integer and the same final division as `rocAUC`, so the two
/// return the same double. `-0.0` and `+0.0` are one tie group.
///
/// **Merging** is not offered: the walk needs every score in order; two streams are combined by
/// feeding their merged order.
public struct SortedROCAUCAccumulator: Sendable, Equatable {
    private var twiceU = 0
    private var negativesBelow = 0
    private var positives = 0
    private var negatives = 0
    private var groupScore: Double?
    private var groupPositives = 0
    private var groupNegatives = 0

    /// An empty accumulator.
    public init() {}

    /// The pairs added so far.
    public var count: Int { positives + negatives + groupPositives + groupNegatives }

    /// Adds one pair; `score` must not be below the previous one.
    /// - Throws: `.nonFiniteValue(.current, index:, value:)` for NaN or ±∞ (index = the pair's
    ///   position in the stream); `.invalidArgument(name: "scores", …)` when the score is below
    ///   the previous one. The accumulator is then unchanged.
    public mutating func add(score: Double, label: Bool) throws(DriftStatisticsError) {
        guard score.isFinite else { throw .nonFiniteValue(.current, index: count, value: score) }
        if let current = groupScore {
            guard score >= current else {
                throw .invalidArgument(name: "scores", reason: "must arrive in ascending order, got \(score) after \(current)")
            }
            if score > current { closeGroup() }
        }
        groupScore = score
        if label { groupPositives += 1 } else { groupNegatives += 1 }
    }

    private mutating func closeGroup() {
        twiceU += groupPositives * (2 * negativesBelow + groupNegatives)
        negativesBelow += groupNegatives
        positives += groupPositives
        negatives += groupNegatives
        groupPositives = 0
        groupNegatives = 0
    }

    /// The ROC AUC of the pairs added.
    /// - Throws: `.emptySample(.current)` when none was added; `.invalidArgument(name: "labels", …)`
    ///   when only one class is present, as `rocAUC(scores:labels:)`.
    public func rocAUC() throws(DriftStatisticsError) -> Double {
        var closed = self
        closed.closeGroup()
        guard closed.count > 0 else { throw .emptySample(.current) }
        guard closed.positives > 0, closed.negatives > 0 else {
            throw PerformanceInputs.undefined(
                .rocAUC,
                reason: "only one class is present in the labels (\(closed.positives) positive, \(closed.negatives) negative)")
        }
        return Double(closed.twiceU) / (2 * Double(closed.positives) * Double(closed.negatives))
    }
}
