/// A window's outlier counts against its baseline's ``MahalanobisOutlierModel``: the rows scored
/// (every numeric feature present and finite) and those whose squared distance passed the
/// threshold. Counts add when windows merge.
public struct WindowOutliers: Sendable, Equatable, Codable {
    /// The detector name in `driftwatch_outlier_ratio{detector=...}`.
    public static let detector = "mahalanobis"

    public let model: MahalanobisOutlierModel
    public private(set) var scored: Int
    public private(set) var above: Int

    init(model: MahalanobisOutlierModel) {
        self.model = model
        scored = 0
        above = 0
    }

    mutating func count(outlier: Bool) {
        scored += 1
        if outlier { above += 1 }
    }

    mutating func merge(_ other: WindowOutliers) {
        scored += other.scored
        above += other.above
    }

    /// `above / scored`, nil when no row was scored.
    public var ratio: Double? { scored == 0 ? nil : Double(above) / Double(scored) }
}
