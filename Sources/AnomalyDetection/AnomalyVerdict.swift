/// A detector's judgement of one point: an anomaly score in [0, 1] and whether the point is
/// anomalous at the detector's configured threshold.
///
/// Convention for every detector here: a detector compares a statistic s ≥ 0 with its alarm
/// level h and reports score = s/(s + h), so the score is 0.5 exactly at the alarm level, grows
/// towards 1 with the evidence, and `isAnomalous` is `score >= 0.5`. A score can therefore be
/// thresholded anywhere else (as NAB does in hindsight) without losing the order of the evidence.
public struct AnomalyVerdict: Sendable, Equatable, Codable {
    public var score: Double
    public var isAnomalous: Bool

    public init(score: Double, isAnomalous: Bool) {
        self.score = score
        self.isAnomalous = isAnomalous
    }

    /// The verdict of statistic `statistic` against alarm level `level` (both ≥ 0). An infinite
    /// statistic (a change in a series that never varied) scores 1.
    public init(statistic: Double, level: Double) {
        if statistic.isNaN || statistic <= 0 {
            self.init(score: 0, isAnomalous: false)
        } else if statistic == .infinity {
            self.init(score: 1, isAnomalous: true)
        } else {
            self.init(score: statistic / (statistic + level), isAnomalous: statistic >= level)
        }
    }

    /// What a detector answers while it learns, or for a missing (non-finite) value.
    public static let quiet = AnomalyVerdict(score: 0, isAnomalous: false)
}
