/// SPOT and DSPOT (Siffer et al., "Anomaly Detection in Streams with Extreme Value Theory",
/// KDD 2017): alarm thresholds set by extreme value theory for a stated risk q — the probability
/// of a normal value being flagged — instead of by hand, on both tails (``SPOTTail``).
/// The first `calibration` values set the initial thresholds at their `level` quantile and fit
/// the tails; after that each value is judged, then learned.
///
/// With `depth` d > 0 this is DSPOT: each value is first taken relative to the mean of the last d
/// values that were not alarms, so the thresholds follow a drifting level.
///
/// One departure from the paper: alarms are learned by the tail models too. The paper leaves
/// them out, which truncates the peaks at the alarm threshold; the fit then underestimates the
/// tail and lowers the threshold, which truncates more. On pure normal noise that made the alarm
/// rate 4 to 23 times the risk; learning every peak keeps it near the risk, at the cost of a
/// genuine anomaly raising the threshold a little until it leaves the kept peaks. It also ends
/// the paper's lock-in after a level shift, which it would flag for ever: the shift is flagged,
/// its values become peaks, and it soon is the normal. DSPOT's moving mean still leaves alarms
/// out, so a spike does not move it.
///
/// Score e/(e + 1), e the larger tail's evidence, 1 at the alarm threshold (``AnomalyVerdict``).
/// Quiet during calibration.
public struct SPOTDetector: StreamingAnomalyDetector {
    public let risk: Double
    public let calibration: Int
    public let level: Double
    public let depth: Int
    public let maximumPeaks: Int
    private var pending: [Double] = []
    private var upper: SPOTTail?
    private var lower: SPOTTail?
    /// The mean of the last `depth` normal values (DSPOT).
    private var recent: MovingMean

    /// - Parameters:
    ///   - risk: q, the probability of flagging a normal value (default 1e-4).
    ///   - calibration: values the initial thresholds and fits come from (default 1000; with the
    ///     default level, 20 peaks per tail to start from).
    ///   - level: quantile of the calibration values taken as the initial threshold t (default 0.98).
    ///   - depth: d, values in the moving mean DSPOT subtracts; 0 for SPOT (default 0).
    ///   - maximumPeaks: peaks kept per tail (default 500).
    public init(risk: Double = 1e-4, calibration: Int = 1000, level: Double = 0.98, depth: Int = 0, maximumPeaks: Int = 500) {
        self.risk = min(max(risk, 1e-12), 0.5)
        self.calibration = max(calibration, 20)
        self.level = min(max(level, 0.5), 0.999)
        self.depth = max(depth, 0)
        self.maximumPeaks = max(maximumPeaks, 10)
        recent = MovingMean(length: max(depth, 1))
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        guard let upper, let lower else {
            calibrate(with: value)
            return .quiet
        }
        let relative = value - baseline
        let evidence = max(upper.evidence(relative), lower.evidence(-relative))
        let verdict = AnomalyVerdict(statistic: evidence, level: 1)
        self.upper?.learn(relative)
        self.lower?.learn(-relative)
        if !verdict.isAnomalous { remember(value) }
        return verdict
    }

    /// The mean DSPOT subtracts (0 for SPOT).
    private var baseline: Double {
        depth == 0 ? 0 : recent.mean
    }

    private mutating func calibrate(with value: Double) {
        if depth > 0, recent.count < depth {
            remember(value)
            return
        }
        pending.append(value - baseline)
        remember(value)
        guard pending.count >= calibration else { return }
        upper = SPOTTail(calibration: pending, level: level, risk: risk, capacity: maximumPeaks)
        lower = SPOTTail(calibration: pending.map { -$0 }, level: level, risk: risk, capacity: maximumPeaks)
        pending = []
    }

    private mutating func remember(_ value: Double) {
        if depth > 0 { recent.add(value) }
    }
}
