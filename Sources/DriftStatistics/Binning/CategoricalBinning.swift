/// Bins for one categorical feature, frozen on the baseline (design.md, "Statistics conventions").
///
/// The `maxCategories` most frequent reference categories (ties broken by name, so the choice is
/// deterministic) each get a bin; then come two fixed bins: **other**, for categories the
/// baseline saw but did not keep, and **unseen**, for categories the baseline never saw. Unseen
/// categories are counted apart rather than dropped, so a new category shows up as drift and in
/// `driftwatch_feature_unseen_category_ratio`. To tell "other" from "unseen" the binning remembers
/// up to `knownLimit` reference category names; past that limit, an unknown name counts as other.
public struct CategoricalBinning: Sendable, Equatable, Codable {
    /// The kept categories, most frequent first; category `categories[i]` is bin `i`.
    public let categories: [String]
    /// Every reference category name, when there were at most `knownLimit` of them.
    private let known: Set<String>
    /// Whether `known` holds every reference category.
    public let knowsAllReferenceCategories: Bool
    private let indexOfCategory: [String: Int]

    /// Index of the bin for reference categories beyond the kept ones.
    public var otherBin: Int { categories.count }
    /// Index of the bin for categories the baseline never saw.
    public var unseenBin: Int { categories.count + 1 }
    /// Number of bins: kept categories, other, unseen.
    public var binCount: Int { categories.count + 2 }

    /// Freezes bins on a reference sample of category names.
    /// - Parameters:
    ///   - reference: the baseline values, at least one.
    ///   - maxCategories: how many categories keep a bin of their own (top-K), at least 1.
    ///   - knownLimit: how many reference names are remembered to recognise unseen ones.
    public init(reference: [String], maxCategories: Int = 100, knownLimit: Int = 10_000) throws(DriftStatisticsError) {
        guard maxCategories >= 1 else {
            throw .invalidArgument(name: "maxCategories", reason: "must be at least 1, got \(maxCategories)")
        }
        guard !reference.isEmpty else { throw .emptySample(.reference) }
        var frequency: [String: Int] = [:]
        for value in reference { frequency[value, default: 0] += 1 }
        let ranked = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        categories = ranked.prefix(maxCategories).map(\.key)
        knowsAllReferenceCategories = frequency.count <= knownLimit
        known = knowsAllReferenceCategories ? Set(frequency.keys) : []
        indexOfCategory = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    }

    /// The bin of `value`.
    public func binIndex(of value: String) -> Int {
        if let index = indexOfCategory[value] { return index }
        if !knowsAllReferenceCategories || known.contains(value) { return otherBin }
        return unseenBin
    }

    /// Counts of `values` per bin.
    public func counts(of values: [String]) -> [Int] {
        var counts = [Int](repeating: 0, count: binCount)
        for value in values { counts[binIndex(of: value)] += 1 }
        return counts
    }
}
