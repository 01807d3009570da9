/// Data-quality counters of one field in one window. Every row of the window lands in exactly one
/// of `missing`, `present` or (a value of the wrong kind in an added event) `typeViolations`;
/// `recordTypeViolation(feature:)` adds rejected lines, which are not rows of the window.
public struct DataQualityCounts: Sendable, Equatable, Codable {
    /// Null, absent or NaN values.
    public var missing: Int = 0
    /// Values of the declared kind, including ±Inf.
    public var present: Int = 0
    /// Numeric values outside the baseline's [minimum, maximum], ±Inf included.
    public var outOfRange: Int = 0
    /// ±Inf values: counted here and as out of range, never in the sketches.
    public var nonFinite: Int = 0
    /// Values of the wrong kind, in added events or recorded from the decoder's rejections.
    public var typeViolations: Int = 0

    public init() {}

    mutating func merge(_ other: DataQualityCounts) {
        missing += other.missing
        present += other.present
        outOfRange += other.outOfRange
        nonFinite += other.nonFinite
        typeViolations += other.typeViolations
    }
}
