/// One field's data quality in a window, with the ratios of design.md's metrics.
public struct DataQualityReport: Sendable, Equatable, Codable {
    public var counts: DataQualityCounts
    /// Values in the unseen-category bin (0 for numeric fields).
    public var unseen: Int
    /// `driftwatch_feature_missing_ratio`: missing / window rows; nil for an empty window.
    public var missingRatio: Double?
    /// `driftwatch_feature_out_of_range_ratio`: values outside the baseline's [min, max] (±Inf
    /// included) / present values; nil for categorical fields or when no value is present.
    public var outOfRangeRatio: Double?
    /// `driftwatch_feature_unseen_category_ratio`: unseen / present values; nil for numeric
    /// fields or when no value is present.
    public var unseenCategoryRatio: Double?

    public init(profile: FeatureWindowProfile, rows: Int) {
        counts = profile.quality
        unseen = profile.unseenCount
        missingRatio = rows == 0 ? nil : Double(counts.missing) / Double(rows)
        let present = counts.present
        outOfRangeRatio = profile.numeric == nil || present == 0 ? nil : Double(counts.outOfRange) / Double(present)
        unseenCategoryRatio = profile.categorical == nil || present == 0 ? nil : Double(unseen) / Double(present)
    }
}
