/// Checks a sample before a statistic uses it: it must hold at least `minimumCount` values and
/// every value must be finite.
///
/// - Throws: `.emptySample` for an empty sample, `.insufficientData` when fewer than
///   `minimumCount` values are given, `.nonFiniteValue` naming the first NaN or ±Inf.
@inlinable
public func validateSample(
    _ values: [Double], role: SampleRole, method: DriftMethod, minimumCount: Int = 1
) throws(DriftStatisticsError) {
    if values.isEmpty { throw .emptySample(role) }
    if values.count < minimumCount {
        throw .insufficientData(role, needed: minimumCount, got: values.count, method: method)
    }
    for (index, value) in values.enumerated() where !value.isFinite {
        throw .nonFiniteValue(role, index: index, value: value)
    }
}
