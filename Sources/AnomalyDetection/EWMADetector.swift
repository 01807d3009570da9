/// Exponentially weighted moving average with bands: the mean m and variance v of the series
/// are tracked with weight λ on the newest value (m ← m + λd, v ← (1 − λ)(v + λd²) with
/// d = x − m, the incremental EWMV of Finch, "Incremental calculation of weighted mean and
/// variance", 2009), and a point outside m ± L·√v is anomalous. Each point is judged against the
/// state before it, then learned, so a level shift stands out and is then absorbed at rate λ.
///
/// Score z/(z + L) with z = |x − m|/√v (``AnomalyVerdict``). Quiet for the first `warmUp` values,
/// which seed m and v.
public struct EWMADetector: StreamingAnomalyDetector {
    public let lambda: Double
    public let bandWidth: Double
    public let warmUp: Int
    private var mean = 0.0
    private var variance = 0.0
    private var seen = 0

    /// - Parameters:
    ///   - lambda: weight of the newest value, in (0, 1] (default 0.05; 0.05–0.25 is usual).
    ///   - bandWidth: L, the band's half-width in standard deviations (default 3).
    ///   - warmUp: values learned before judging (default 30).
    public init(lambda: Double = 0.05, bandWidth: Double = 3, warmUp: Int = 30) {
        self.lambda = min(max(lambda, 1e-6), 1)
        self.bandWidth = bandWidth
        self.warmUp = max(warmUp, 2)
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        seen += 1
        if seen == 1 {
            mean = value
            return .quiet
        }
        let deviation = value - mean
        let verdict: AnomalyVerdict
        if seen <= warmUp {
            verdict = .quiet
        } else if variance > 0 {
            verdict = AnomalyVerdict(statistic: abs(deviation) / variance.squareRoot(), level: bandWidth)
        } else {
            verdict = AnomalyVerdict(statistic: deviation == 0 ? 0 : .infinity, level: bandWidth)
        }
        // The warm-up weighs its values equally (weight 1/n), so the seed is their plain mean and variance.
        let weight = seen <= warmUp ? 1 / Double(seen) : lambda
        mean += weight * deviation
        variance = (1 - weight) * (variance + weight * deviation * deviation)
        return verdict
    }

    /// The band the next value is judged against.
    public var band: ClosedRange<Double>? {
        guard seen >= warmUp else { return nil }
        let half = bandWidth * variance.squareRoot()
        return (mean - half)...(mean + half)
    }
}
