/// The verdict of one univariate drift test on one feature.
public struct UnivariateDriftResult: Sendable, Equatable, Codable {
    /// The test's result; `result.method` names the method that was run (also under `auto`).
    public var result: TwoSampleResult
    /// The threshold the verdict was taken against.
    public var threshold: DriftThreshold
    /// Whether the result counts as drift under `threshold`.
    public var drifted: Bool
    /// Whether the method was chosen by `method: auto`.
    public var automatic: Bool
}

/// Compares one feature's current values with its reference values by a named method, or by
/// Evidently's `auto` rule when `method` is `nil`, and takes the verdict against a threshold
/// (Evidently's default for the method unless one is given).
///
/// How each method sees the data:
/// - numeric tests and distances (`ks`, `anderson`, `cvm`, `mannwhitney`, `ttest`,
///   `wasserstein`, `wasserstein_normed`, `energy`) run on the raw values;
/// - the binned divergences (`psi`, `kl`, `js`, `hellinger`, `tv`) run on reference-frozen bins:
///   `NumericBinning` quantile bins (`bins`, 10 by default) for numeric data with more than 5
///   distinct values, and one bin per distinct value otherwise (Evidently also treats such
///   columns as discrete), `CategoricalBinning` (top-`maxCategories` + other + unseen) for
///   categories;
/// - the categorical tests (`chi2`, `z`, `fisher`) count categories — numeric values are taken as
///   categories. `chi2` uses the 2×k table of `CategoricalBinning` counts, categories unseen in
///   the baseline as their own column. `z` and `fisher` need at most two distinct values in
///   reference and current together; "success" is the most frequent reference value.
///
/// - Throws: `.invalidArgument` when a method does not apply to the data (a numeric-only test on
///   categories, a multivariate method, `z`/`fisher` on more than two values) or the samples are
///   of different kinds; otherwise whatever the method throws (empty samples, non-finite values,
///   degenerate data), unchanged.
public func univariateDrift(
    reference: FeatureValues,
    current: FeatureValues,
    method: DriftMethod? = nil,
    threshold: DriftThreshold? = nil,
    bins: Int = 10,
    maxCategories: Int = 100
) throws(DriftStatisticsError) -> UnivariateDriftResult {
    let chosen: DriftMethod
    switch (reference, current) {
    case (.numeric(let r), .numeric(let c)):
        if let method { chosen = method } else { chosen = try automaticDriftMethod(reference: r, current: c) }
    case (.categorical(let r), .categorical(let c)):
        if let method { chosen = method } else { chosen = try automaticDriftMethod(reference: r, current: c) }
    default:
        throw .invalidArgument(name: "current", reason: "the reference is \(reference.kindName) but the current sample is \(current.kindName)")
    }
    guard let verdictThreshold = threshold ?? DriftThreshold.evidentlyDefault(for: chosen) else {
        throw .invalidArgument(name: "method", reason: "\(chosen.rawValue) is a multivariate method, not a univariate test")
    }
    let result = try runUnivariate(chosen, reference: reference, current: current, bins: bins, maxCategories: maxCategories)
    return UnivariateDriftResult(
        result: result, threshold: verdictThreshold, drifted: verdictThreshold.isDrift(result), automatic: method == nil
    )
}

private extension FeatureValues {
    var kindName: String {
        switch self {
        case .numeric: return "numeric"
        case .categorical: return "categorical"
        }
    }

    /// Categories as text; numeric values by `FeatureValues.categoryName(of:)`.
    var categories: [String] {
        switch self {
        case .categorical(let values): return values
        case .numeric(let values): return values.map(FeatureValues.categoryName(of:))
        }
    }
}

private func runUnivariate(
    _ method: DriftMethod, reference: FeatureValues, current: FeatureValues, bins: Int, maxCategories: Int
) throws(DriftStatisticsError) -> TwoSampleResult {
    switch method {
    case .ks, .anderson, .cvm, .mannwhitney, .ttest, .wasserstein, .normedWasserstein, .energy:
        guard case .numeric(let r) = reference, case .numeric(let c) = current else {
            throw .invalidArgument(name: "method", reason: "\(method.rawValue) needs numeric values")
        }
        switch method {
        case .ks: return try kolmogorovSmirnovTest(reference: r, current: c)
        case .anderson: return try andersonDarlingTest(reference: r, current: c)
        case .cvm: return try cramerVonMisesTest(reference: r, current: c)
        case .mannwhitney: return try mannWhitneyUTest(reference: r, current: c)
        case .ttest: return try welchTTest(reference: r, current: c)
        case .wasserstein: return try wassersteinDistance(reference: r, current: c)
        case .normedWasserstein: return try normedWassersteinDistance(reference: r, current: c)
        default: return try energyDistance(reference: r, current: c)
        }
    case .psi, .kl, .js, .hellinger, .totalVariation:
        let (r, c) = try binnedCounts(reference: reference, current: current, bins: bins, maxCategories: maxCategories)
        switch method {
        case .psi: return try populationStabilityIndex(referenceCounts: r, currentCounts: c)
        case .kl: return try kullbackLeiblerDivergence(referenceCounts: r, currentCounts: c)
        case .js: return try jensenShannonDistance(referenceCounts: r, currentCounts: c)
        case .hellinger: return try hellingerDistance(referenceCounts: r, currentCounts: c)
        default: return try totalVariationDistance(referenceCounts: r, currentCounts: c)
        }
    case .chi2:
        let binning = try CategoricalBinning(reference: reference.categories, maxCategories: maxCategories)
        return try chiSquareHomogeneityTest(
            referenceCounts: binning.counts(of: reference.categories), currentCounts: binning.counts(of: current.categories)
        )
    case .z, .fisher:
        let referenceCategories = reference.categories
        let currentCategories = current.categories
        if referenceCategories.isEmpty { throw .emptySample(.reference) }
        if currentCategories.isEmpty { throw .emptySample(.current) }
        let distinct = Set(referenceCategories).union(currentCategories)
        guard distinct.count <= 2 else {
            throw .invalidArgument(name: "method", reason: "\(method.rawValue) compares two values, but the samples hold \(distinct.count)")
        }
        let binning = try CategoricalBinning(reference: referenceCategories, maxCategories: 1)
        let success = binning.categories[0]
        let referenceSuccesses = referenceCategories.reduce(0) { $0 + ($1 == success ? 1 : 0) }
        let currentSuccesses = currentCategories.reduce(0) { $0 + ($1 == success ? 1 : 0) }
        if method == .z {
            return try twoProportionZTest(
                referenceSuccesses: referenceSuccesses, referenceCount: referenceCategories.count,
                currentSuccesses: currentSuccesses, currentCount: currentCategories.count
            )
        }
        return try fisherExactTest(
            referenceSuccesses, referenceCategories.count - referenceSuccesses,
            currentSuccesses, currentCategories.count - currentSuccesses
        )
    case .mmd, .pcaReconstruction, .hotelling, .mahalanobis:
        throw .invalidArgument(name: "method", reason: "\(method.rawValue) is a multivariate method, not a univariate test")
    }
}

/// Counts over reference-frozen bins: quantile bins for continuous numeric data, one bin per
/// distinct value for numeric data with at most 5 distinct values, categorical bins otherwise.
private func binnedCounts(
    reference: FeatureValues, current: FeatureValues, bins: Int, maxCategories: Int
) throws(DriftStatisticsError) -> ([Int], [Int]) {
    if case .numeric(let r) = reference, case .numeric(let c) = current {
        try validateSample(r, role: .reference, method: .psi)
        try validateSample(c, role: .current, method: .psi)
        if distinctValueCount(r, c, upTo: 6) > 5 {
            let (binning, referenceCounts) = try NumericBinning.fitted(to: r, bins: bins)
            return (referenceCounts, binning.counts(of: c))
        }
    }
    let binning = try CategoricalBinning(reference: reference.categories, maxCategories: maxCategories)
    return (binning.counts(of: reference.categories), binning.counts(of: current.categories))
}
