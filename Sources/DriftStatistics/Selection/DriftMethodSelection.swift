/// The method `method: auto` uses for one feature, following Evidently's default rule
/// (`_get_default_stattest` in `legacy/calculations/stattests/registry.py`):
///
/// | Feature | reference ≤ 1000 values | reference > 1000 values |
/// |---|---|---|
/// | numeric, ≤ 5 distinct values | `.chi2` if > 2 distinct, else `.z` | `.js` |
/// | numeric, > 5 distinct values | `.ks` | `.normedWasserstein` |
/// | categorical | `.chi2` if > 2 distinct, else `.z` | `.js` |
///
/// - Parameters:
///   - kind: the feature kind.
///   - referenceCount: the number of non-missing reference values (Evidently drops NaN and ±Inf
///     before choosing).
///   - distinctValueCount: the number of distinct values in the reference and current samples
///     together (pandas `nunique` of the concatenation).
/// - Throws: `.emptySample(.reference)` when `referenceCount` is 0, `.invalidArgument` for a
///   negative count or a `distinctValueCount` below 1.
public func automaticDriftMethod(
    kind: FeatureKind, referenceCount: Int, distinctValueCount: Int
) throws(DriftStatisticsError) -> DriftMethod {
    guard referenceCount >= 0 else {
        throw .invalidArgument(name: "referenceCount", reason: "must be non-negative, got \(referenceCount)")
    }
    if referenceCount == 0 { throw .emptySample(.reference) }
    guard distinctValueCount >= 1 else {
        throw .invalidArgument(name: "distinctValueCount", reason: "must be at least 1, got \(distinctValueCount)")
    }
    let smallReference = referenceCount <= 1000
    let fewValues = kind == .categorical || distinctValueCount <= 5
    switch (fewValues, smallReference) {
    case (true, true): return distinctValueCount > 2 ? .chi2 : .z
    case (true, false): return .js
    case (false, true): return .ks
    case (false, false): return .normedWasserstein
    }
}

/// `method: auto` for a numeric feature, from its samples (see
/// `automaticDriftMethod(kind:referenceCount:distinctValueCount:)` for the rule). Only whether
/// there are more than 5 distinct values matters, so counting stops at 6.
///
/// - Throws: `.emptySample` for an empty sample, `.nonFiniteValue` for NaN or ±Inf (missing
///   values are removed and counted by the caller, as everywhere in `DriftStatistics`).
public func automaticDriftMethod(
    reference: [Double], current: [Double]
) throws(DriftStatisticsError) -> DriftMethod {
    try validateSample(reference, role: .reference, method: .ks)
    try validateSample(current, role: .current, method: .ks)
    let distinct = distinctValueCount(reference, current, upTo: 6)
    return try automaticDriftMethod(kind: .numeric, referenceCount: reference.count, distinctValueCount: distinct)
}

/// The number of distinct values in two samples together, counting no further than `limit`
/// (a small number, so a linear list beats hashing). −0 and +0 are one value.
func distinctValueCount(_ first: [Double], _ second: [Double], upTo limit: Int) -> Int {
    var distinct: [Double] = []
    distinct.reserveCapacity(limit)
    for sample in [first, second] {
        for value in sample where !distinct.contains(value) {
            distinct.append(value)
            if distinct.count >= limit { return distinct.count }
        }
    }
    return distinct.count
}

/// `method: auto` for a categorical feature, from its samples (see
/// `automaticDriftMethod(kind:referenceCount:distinctValueCount:)` for the rule). Only whether
/// there are more than 2 distinct values matters, so counting stops at 3.
///
/// - Throws: `.emptySample` for an empty sample.
public func automaticDriftMethod(
    reference: [String], current: [String]
) throws(DriftStatisticsError) -> DriftMethod {
    if reference.isEmpty { throw .emptySample(.reference) }
    if current.isEmpty { throw .emptySample(.current) }
    var distinct: Set<String> = []
    search: for sample in [reference, current] {
        for value in sample {
            distinct.insert(value)
            if distinct.count > 2 { break search }
        }
    }
    return try automaticDriftMethod(kind: .categorical, referenceCount: reference.count, distinctValueCount: distinct.count)
}
