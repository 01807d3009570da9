/// Finds a series' season length, in points, from a prefix of it: the lag of the highest peak of
/// the autocorrelation function (lags 2…count/2, each lag's products averaged over the pairs it
/// has, so long lags are not tilted down), preferring the shortest lag whose peak comes within
/// 10 % of it (a season's multiples peak too), placed between lags by a parabola through the peak
/// and its neighbours, and only when that autocorrelation is at least `minimumCorrelation`.
/// Cost O(count²/2), paid once.
public enum SeasonalPeriod {
    /// The season length, or nil when no lag correlates enough (no season to model).
    public static func estimate(_ values: [Double], minimumCorrelation: Double = 0.3) -> Int? {
        let n = values.count
        guard n >= 8 else { return nil }
        let mean = values.reduce(0, +) / Double(n)
        let centered = values.map { $0 - mean }
        let variance = centered.reduce(0) { $0 + $1 * $1 }
        guard variance > 0 else { return nil }
        let maximumLag = n / 2
        var correlation = [Double](repeating: 0, count: maximumLag + 2)
        for lag in 1...(maximumLag + 1) {
            var sum = 0.0
            for index in 0..<(n - lag) { sum += centered[index] * centered[index + lag] }
            correlation[lag] = sum / Double(n - lag) / (variance / Double(n))
        }
        var peaks: [(lag: Int, value: Double)] = []
        for lag in 2...maximumLag where correlation[lag] > correlation[lag - 1] && correlation[lag] >= correlation[lag + 1] {
            peaks.append((lag, correlation[lag]))
        }
        guard let highest = peaks.map(\.value).max(), highest >= minimumCorrelation else { return nil }
        guard let peak = peaks.first(where: { $0.value >= 0.9 * highest })?.lag else { return nil }
        let (before, at, after) = (correlation[peak - 1], correlation[peak], correlation[peak + 1])
        let curvature = before - 2 * at + after
        let offset = curvature < 0 ? 0.5 * (before - after) / curvature : 0
        return peak + Int(offset.rounded())
    }
}
