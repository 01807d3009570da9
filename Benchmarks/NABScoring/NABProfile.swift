/// One of NAB's scoring profiles: how much a detected window earns and what a false positive
/// and a missed window cost. NAB v1.1 ships three (`profiles.json`): `standard`,
/// `reward_low_FP_rate` (false positives cost twice as much) and `reward_low_FN_rate` (misses
/// cost twice as much). NAB's true-negative weight is unused by its scorer and not kept.
public struct NABProfile: Sendable, Equatable {
    public var name: String
    public var truePositiveWeight: Double
    public var falsePositiveWeight: Double
    public var falseNegativeWeight: Double

    public init(name: String, truePositiveWeight: Double, falsePositiveWeight: Double, falseNegativeWeight: Double) {
        self.name = name
        self.truePositiveWeight = truePositiveWeight
        self.falsePositiveWeight = falsePositiveWeight
        self.falseNegativeWeight = falseNegativeWeight
    }
}
