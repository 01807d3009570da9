/// One field's drift outcome and data quality in a window.
public struct FeatureDriftReport: Sendable, Equatable, Codable {
    public var field: ProfileField
    public var type: FeatureType
    public var outcome: FeatureDriftOutcome
    public var quality: DataQualityReport
    /// Non-missing values compared on each side.
    public var referenceCount: Int
    public var currentCount: Int

    public init(
        field: ProfileField, type: FeatureType, outcome: FeatureDriftOutcome, quality: DataQualityReport,
        referenceCount: Int, currentCount: Int
    ) {
        self.field = field
        self.type = type
        self.outcome = outcome
        self.quality = quality
        self.referenceCount = referenceCount
        self.currentCount = currentCount
    }

    public var drifted: Bool { outcome.drifted }
}
