import DriftStatistics

/// The mergeable state of one field (feature or prediction) in one window: its sketches over the
/// baseline's frozen bins (`numeric` or `categorical`, exactly one set) and its data-quality
/// counters.
public struct FeatureWindowProfile: Sendable, Equatable, Codable {
    public let field: ProfileField
    public let type: FeatureType
    public private(set) var quality: DataQualityCounts
    public private(set) var numeric: NumericWindowSketch?
    /// Category counts (with the unseen-name summary); boolean values count as `"false"`/`"true"`.
    public private(set) var categorical: CategoryCountsSketch?

    init(baseline: FeatureBaseline, capacity: Int, unseenCapacity: Int, windowSeed: UInt64)
        throws(DriftStatisticsError)
    {
        field = baseline.field
        type = baseline.type
        quality = DataQualityCounts()
        if let reference = baseline.numeric {
            numeric = try NumericWindowSketch(
                baseline: reference, capacity: capacity,
                seed: ReservoirSeed.seed(base: windowSeed, field: baseline.field))
        }
        if let reference = baseline.categorical {
            categorical = try CategoryCountsSketch(binning: reference.binning, unseenCapacity: unseenCapacity)
        }
    }

    /// Values that reached the drift sketches (finite numbers, or categories).
    public var sketchedCount: Int {
        numeric?.moments.count ?? categorical?.total ?? 0
    }

    /// Values in the unseen-category bin (0 for numeric fields).
    public var unseenCount: Int {
        guard let categorical else { return 0 }
        return categorical.counts[categorical.binning.unseenBin]
    }

    mutating func add(_ value: FeatureValue) {
        switch (type, value) {
        case (_, .missing):
            quality.missing += 1
        case (.numeric, .number(let number)):
            addNumber(number)
        case (.categorical, .string(let text)):
            addCategory(text)
        case (.boolean, .bool(let flag)):
            addCategory(flag ? "true" : "false")
        default:
            quality.typeViolations += 1
        }
    }

    mutating func addNumber(_ value: Double) {
        if value.isNaN {
            quality.missing += 1
            return
        }
        quality.present += 1
        guard value.isFinite else {
            quality.nonFinite += 1
            quality.outOfRange += 1
            return
        }
        if numeric?.add(finite: value) == true { quality.outOfRange += 1 }
    }

    mutating func addCategory(_ value: String) {
        quality.present += 1
        categorical?.add(value)
    }

    mutating func recordTypeViolation() {
        quality.typeViolations += 1
    }

    func isCompatible(with other: FeatureWindowProfile) -> Bool {
        guard field == other.field, type == other.type else { return false }
        switch (numeric, other.numeric, categorical, other.categorical) {
        case let (mine?, theirs?, nil, nil): return mine.isCompatible(with: theirs)
        case let (nil, nil, mine?, theirs?): return mine.binning == theirs.binning
        default: return false
        }
    }

    /// Merges `other`, whose compatibility the caller checked.
    mutating func merge(_ other: FeatureWindowProfile) throws(DriftStatisticsError) {
        quality.merge(other.quality)
        if let theirs = other.numeric { try numeric?.merge(theirs) }
        if let theirs = other.categorical { try categorical?.merge(theirs) }
    }
}
