import DriftStatistics

/// The category table of a numeric field with at most 5 distinct values, laid out exactly as
/// `univariateDrift` lays out such data (Evidently tests them as categories): one column per
/// reference value, ranked by reference count then by the value's text (`CategoricalBinning`'s
/// order), the top `maxCategories` kept, then "other" and "unseen" (window values the reference
/// never had). Same columns in the same order give bit-identical statistics.
struct DiscreteColumns {
    let reference: [Int]
    let current: [Int]
    /// The most frequent reference value's counts: the "success" of `z` and `fisher`.
    let referenceSuccesses: Int
    let currentSuccesses: Int
    let referenceTotal: Int
    let currentTotal: Int
    let distinctCount: Int

    init(reference: DiscreteValueCounts, current: DiscreteValueCounts, maxCategories: Int) {
        let ranked = zip(reference.values, reference.counts)
            .map { (value: $0, count: $1, text: FeatureValues.categoryName(of: $0)) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
        let kept = ranked.prefix(maxCategories)
        let rest = ranked.dropFirst(maxCategories)
        referenceTotal = reference.counts.reduce(0, +)
        currentTotal = current.counts.reduce(0, +)
        let keptCurrent = kept.map { current.count(of: $0.value) }
        let otherCurrent = rest.reduce(0) { $0 + current.count(of: $1.value) }
        let seenCurrent = keptCurrent.reduce(0, +) + otherCurrent
        self.reference = kept.map(\.count) + [rest.reduce(0) { $0 + $1.count }, 0]
        self.current = keptCurrent + [otherCurrent, currentTotal - seenCurrent]
        referenceSuccesses = ranked.first?.count ?? 0
        currentSuccesses = ranked.first.map { current.count(of: $0.value) } ?? 0
        distinctCount = reference.merging(current).distinctCount
    }
}
