/// Robust z-score on a rolling window: z = (x − median)/(1.4826·MAD) over the latest `window`
/// values, the median and the median absolute deviation standing in for the mean and the
/// standard deviation so that the anomalies themselves barely move the reference (Iglewicz &
/// Hoaglin, "How to Detect and Handle Outliers", 1993: the modified z-score 0.6745(x − m)/MAD,
/// flagged above 3.5). Where more than half the window is one value, so MAD = 0, the mean absolute
/// deviation scaled by 1.2533 takes its place, as in the same convention; a series that never
/// varied makes any change infinitely anomalous.
///
/// Score |z|/(|z| + threshold) (``AnomalyVerdict``). Quiet until `minimumPoints` values are in.
public struct RobustZScoreDetector: StreamingAnomalyDetector {
    public let window: Int
    public let threshold: Double
    public let minimumPoints: Int
    private var values: SortedWindow

    /// - Parameters:
    ///   - window: values the median and MAD are taken over (default 288: a day of 5-minute samples).
    ///   - threshold: |z| at which a point is anomalous (default 3.5).
    ///   - minimumPoints: values needed before judging (default 30, at most `window`).
    public init(window: Int = 288, threshold: Double = 3.5, minimumPoints: Int = 30) {
        self.window = max(window, 3)
        self.threshold = threshold
        self.minimumPoints = min(max(minimumPoints, 3), self.window)
        values = SortedWindow(capacity: self.window)
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        defer { values.append(value) }
        guard values.count >= minimumPoints, let median = values.median else { return .quiet }
        return AnomalyVerdict(statistic: abs(zScore(value, median: median)), level: threshold)
    }

    /// (value − median)/scale, with the MAD scale or its mean-deviation fallback.
    private func zScore(_ value: Double, median: Double) -> Double {
        let deviation = value - median
        guard deviation != 0 else { return 0 }
        let mad = values.medianAbsoluteDeviation(from: median)
        if mad > 0 { return deviation / (1.482_6 * mad) }
        let meanDeviation = values.meanAbsoluteDeviation(from: median)
        return meanDeviation > 0 ? deviation / (1.253_314 * meanDeviation) : (deviation > 0 ? .infinity : -.infinity)
    }
}
