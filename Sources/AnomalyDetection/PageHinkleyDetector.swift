/// Two-sided Page-Hinkley change detection (Page, "Continuous Inspection Schemes", 1954; the
/// streaming form with a forgetting factor used by river's `drift.PageHinkley`): with x̄ the
/// running mean since the last change, U ← α·U + (z − x̄ − δ) and D ← α·D + (x̄ − z − δ), and a
/// change is signalled when U or D rises more than λ above its running minimum.
///
/// Thresholds in the series' own units do not carry from one metric to another, so the values
/// are first standardised by a mean and deviation learned over `warmUp` values, and δ and λ are
/// in deviations. river's δ = 0.005 suits its error-rate streams, whose values vary far less than
/// one: on standardised values U is a random walk of unit steps drifting down by δ, which rises λ
/// above its minimum with probability about e^{−2δλ} per excursion, so the default δ is 0.05
/// (e^{−5} at λ = 50) while a shift of one deviation still shows after about λ/(1 − δ) ≈ 53
/// values and one of three after about 17. After a change everything starts over.
///
/// Score m/(m + λ), m the larger rise (``AnomalyVerdict``). Quiet while the reference is learned.
public struct PageHinkleyDetector: StreamingAnomalyDetector {
    public let delta: Double
    public let threshold: Double
    public let alpha: Double
    public let warmUp: Int
    private var reference = RunningMoments()
    private var since = RunningMoments()
    private var up = 0.0
    private var lowestUp = 0.0
    private var down = 0.0
    private var lowestDown = 0.0

    /// - Parameters:
    ///   - delta: δ, the drift tolerated per value, in reference deviations (default 0.05).
    ///   - threshold: λ, in reference deviations (default 50).
    ///   - alpha: α, the forgetting factor of the sums (default 0.9999).
    ///   - warmUp: values the reference is learned from (default 30, river's `min_instances`).
    public init(delta: Double = 0.05, threshold: Double = 50, alpha: Double = 0.9999, warmUp: Int = 30) {
        self.delta = delta
        self.threshold = threshold
        self.alpha = alpha
        self.warmUp = max(warmUp, 2)
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        guard let z = reference.standardizedAfterLearning(value, warmUp: warmUp) else { return .quiet }
        guard z.isFinite else {
            self = PageHinkleyDetector(delta: delta, threshold: threshold, alpha: alpha, warmUp: warmUp)
            return AnomalyVerdict(statistic: .infinity, level: threshold)
        }
        since.add(z)
        up = alpha * up + (z - since.mean - delta)
        down = alpha * down + (since.mean - z - delta)
        lowestUp = min(lowestUp, up)
        lowestDown = min(lowestDown, down)
        let verdict = AnomalyVerdict(statistic: max(up - lowestUp, down - lowestDown), level: threshold)
        if verdict.isAnomalous {
            self = PageHinkleyDetector(delta: delta, threshold: threshold, alpha: alpha, warmUp: warmUp)
        }
        return verdict
    }
}
