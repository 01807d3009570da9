import Foundation

/// driftwatch's default metric detector: three views of a series, each calibrated against its
/// own recent history by rank, with the strongest taken and one alarm per event.
///
/// 1. The value itself, and the mean of the last `meanLength` values (a level that moved even
///    when no single value is extreme), both two-sided.
/// 2. The distance of the recent shape from every shape remembered (``ContextDistance``): a
///    pattern broken while the values stay in range, one-sided.
/// 3. Each is turned into evidence e = −log₁₀ p by its rank among its last `history` values
///    (``RankCalibration``), so the three are on one scale whatever the series' units and
///    distribution, with no normality assumed.
/// 4. The strongest is the point's evidence E. E ≥ τ = log₁₀(`history`) means the point is more
///    extreme than anything in the history (a p-value below 1/`history`): an anomaly. After one,
///    the next `quietAfterAlarm` points report 0, so one event raises one alarm.
///
/// Score E/(E + τ) (``AnomalyVerdict``). Quiet until 100 values are in.
///
/// On stationary noise a new extreme of a view's history comes about once in `history` points per
/// view, so the default alarms every several hundred points of pure noise; a longer history makes
/// alarms rarer (and takes longer to learn), and alert rules can ask for more (`for:`).
///
/// The design was chosen on the development split of the Numenta Anomaly Benchmark (31 of its 58
/// series) and scores 65.4 on its standard profile there (numenta's HTM 69.5, relative entropy
/// 54.1); `Benchmarks/anomaly-bench` prints the figures. About 600,000 points a second.
public struct ConformalEnsembleDetector: StreamingAnomalyDetector {
    public let history: Int
    public let meanLength: Int
    public let quietAfterAlarm: Int
    private var recent: MovingMean
    private var value: RankCalibration
    private var mean: RankCalibration
    private var context: ContextDistance
    private var shape: RankCalibration
    private var quietLeft = 0

    /// - Parameters:
    ///   - history: values each view is ranked against (default 2000, about a week of 5-minute
    ///     samples); also sets the alarm level log₁₀(history).
    ///   - meanLength: values in the moving mean (default 16).
    ///   - quietAfterAlarm: points kept quiet after an alarm (default 100).
    public init(history: Int = 2000, meanLength: Int = 16, quietAfterAlarm: Int = 100) {
        self.history = max(history, 200)
        self.meanLength = max(meanLength, 1)
        self.quietAfterAlarm = max(quietAfterAlarm, 0)
        recent = MovingMean(length: self.meanLength)
        value = RankCalibration(capacity: self.history, twoSided: true, extrapolation: Self.extrapolation, minimumCount: 100)
        mean = RankCalibration(capacity: self.history, twoSided: true, extrapolation: Self.extrapolation, minimumCount: 100)
        shape = RankCalibration(capacity: self.history, twoSided: false, extrapolation: Self.extrapolation, minimumCount: 100)
        context = ContextDistance(blockLength: 16, memory: 512, stride: 4)
    }

    /// Evidence per span of the history's spread beyond its extreme.
    private static let extrapolation = 3.3

    /// The alarm level τ.
    public var alarmLevel: Double { log10(Double(history)) }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        var evidence = self.value.evidence(value)
        recent.add(value)
        evidence = max(evidence, mean.evidence(recent.mean))
        evidence = max(evidence, shape.evidence(context.distance(after: value)))
        if quietLeft > 0 {
            quietLeft -= 1
            return .quiet
        }
        let verdict = AnomalyVerdict(statistic: evidence, level: alarmLevel)
        if verdict.isAnomalous { quietLeft = quietAfterAlarm }
        return verdict
    }
}
