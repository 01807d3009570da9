/// Two-sided tabular CUSUM (Page, "Continuous Inspection Schemes", 1954; the form of Montgomery,
/// "Introduction to Statistical Quality Control", §9.1): on values standardised by a reference
/// mean and deviation learned over `warmUp` values, S⁺ ← max(0, S⁺ + z − k) and
/// S⁻ ← max(0, S⁻ − z − k) accumulate evidence of a shift up or down of more than k deviations,
/// and a change is signalled when either passes h. After a signal the sums and the reference
/// start over, so the new level becomes the reference once learned.
///
/// The textbook h of 4–5 deviations gives an in-control average run length of a few hundred
/// values per side, an alarm every few hours on 1-minute samples of pure noise; the default h = 8
/// puts it near 19,000 per side (Siegmund's approximation (e^{2k(h+1.166)} − 2k(h+1.166) − 1)/2k²)
/// while a shift of one deviation still shows after about (h + 1.166)/(1 − k) ≈ 18 values.
///
/// Score max(S⁺, S⁻)/(max(S⁺, S⁻) + h) (``AnomalyVerdict``). Quiet while the reference is learned.
public struct CUSUMDetector: StreamingAnomalyDetector {
    public let allowance: Double
    public let decisionInterval: Double
    public let warmUp: Int
    private var reference = RunningMoments()
    private var upper = 0.0
    private var lower = 0.0

    /// - Parameters:
    ///   - allowance: k, in reference deviations (default 0.5: tuned to a shift of one deviation).
    ///   - decisionInterval: h, in reference deviations (default 8).
    ///   - warmUp: values the reference mean and deviation are learned from (default 100).
    public init(allowance: Double = 0.5, decisionInterval: Double = 8, warmUp: Int = 100) {
        self.allowance = max(allowance, 0)
        self.decisionInterval = decisionInterval
        self.warmUp = max(warmUp, 2)
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        guard let z = reference.standardizedAfterLearning(value, warmUp: warmUp) else { return .quiet }
        upper = max(0, upper + z - allowance)
        lower = max(0, lower - z - allowance)
        let verdict = AnomalyVerdict(statistic: max(upper, lower), level: decisionInterval)
        if verdict.isAnomalous {
            reference = RunningMoments()
            upper = 0
            lower = 0
        }
        return verdict
    }
}
