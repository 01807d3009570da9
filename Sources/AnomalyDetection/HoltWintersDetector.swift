/// Additive Holt-Winters forecasting with Brutlag's confidence bands (Brutlag, "Aberrant Behavior
/// Detection in Time Series for Network Monitoring", LISA 2000; RRDtool's HWPREDICT and
/// DEVPREDICT). With season length m, the forecast is ŷ = ℓ + b + s₋ₘ and after each value y:
///
///     ℓ ← α(y − s₋ₘ) + (1 − α)(ℓ + b)
///     b ← β(ℓ_new − ℓ) + (1 − β)b
///     s ← γ(y − ℓ − b) + (1 − γ)s₋ₘ          (ℓ, b before the update)
///     d ← γ|y − ŷ| + (1 − γ)d₋ₘ
///
/// and y is anomalous outside ŷ ± δ·√(π/2)·d₋ₘ: d is a mean absolute residual, which for normal
/// residuals is √(2/π) standard deviations, so δ counts standard deviations as the other
/// detectors' bands do (Brutlag's own bands are ±δ·d, 20 % narrower). The season is configured, or found from the first
/// `inferencePoints` values (``SeasonalPeriod``); without one the model is Holt's linear trend
/// with a single running deviation. Those first values also seed the state (level and trend from
/// the first two seasons, the seasonal profile from the first, deviations from the fit) and are
/// replayed through the updates; the detector is quiet until then.
///
/// Score r/(r + δ) with r = |y − ŷ|/(√(π/2)·d₋ₘ) (``AnomalyVerdict``). Differences below 1e-9 of the
/// forecast's magnitude count as none, so a noiseless series does not alarm on rounding.
public struct HoltWintersDetector: StreamingAnomalyDetector {
    public let alpha: Double
    public let beta: Double
    public let gamma: Double
    public let bandWidth: Double
    public let inferencePoints: Int
    /// The configured season length; nil to infer it.
    public let configuredSeason: Int?
    /// The season in use once learned (1: none).
    public private(set) var season: Int?
    private var pending: [Double] = []
    private var level = 0.0
    private var trend = 0.0
    private var seasonal: [Double] = []
    private var deviation: [Double] = []
    private var phase = 0

    /// - Parameters:
    ///   - alpha, beta, gamma: smoothing of level, trend and season (defaults 0.1, 0.01, 0.1).
    ///   - bandWidth: δ, the band's half-width in deviations (default 3).
    ///   - season: the season length in points; nil to infer it.
    ///   - inferencePoints: values learned before judging, which must hold two seasons when the
    ///     season is given (default 600: two days of 5-minute samples).
    public init(
        alpha: Double = 0.1, beta: Double = 0.01, gamma: Double = 0.1, bandWidth: Double = 3, season: Int? = nil,
        inferencePoints: Int = 600
    ) {
        self.alpha = min(max(alpha, 0), 1)
        self.beta = min(max(beta, 0), 1)
        self.gamma = min(max(gamma, 0), 1)
        self.bandWidth = bandWidth
        configuredSeason = season.map { max($0, 1) }
        self.inferencePoints = max(inferencePoints, 2 * (configuredSeason ?? 4))
    }

    public mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict {
        guard value.isFinite else { return .quiet }
        guard season != nil else {
            pending.append(value)
            if pending.count >= inferencePoints { start() }
            return .quiet
        }
        return update(with: value)
    }

    /// The forecast for the next value and its band.
    public var forecast: (value: Double, band: ClosedRange<Double>)? {
        guard season != nil else { return nil }
        let predicted = level + trend + seasonal[phase]
        let half = bandWidth * Self.meanDeviationToStandard * deviation[phase]
        return (predicted, (predicted - half)...(predicted + half))
    }

    /// √(π/2): a normal variable's standard deviation over its mean absolute deviation.
    private static let meanDeviationToStandard = (Double.pi / 2).squareRoot()

    private mutating func start() {
        let m = configuredSeason ?? SeasonalPeriod.estimate(pending) ?? 1
        season = m
        let first = pending.prefix(m)
        let firstMean = first.reduce(0, +) / Double(first.count)
        if m > 1, pending.count >= 2 * m {
            let second = pending[m..<(2 * m)]
            trend = (second.reduce(0, +) / Double(m) - firstMean) / Double(m)
        }
        level = firstMean
        seasonal = m > 1 ? first.map { $0 - firstMean } : [0]
        let startDeviation = pending.reduce(0) { $0 + abs($1 - firstMean) } / Double(pending.count)
        deviation = [Double](repeating: startDeviation, count: m)
        phase = 0
        let replay = pending
        pending = []
        for value in replay { _ = update(with: value) }
    }

    private mutating func update(with value: Double) -> AnomalyVerdict {
        let m = seasonal.count
        let seasonalPast = seasonal[phase]
        let predicted = level + trend + seasonalPast
        var residual = value - predicted
        if abs(residual) <= 1e-9 * max(abs(predicted), abs(value)) { residual = 0 }
        let spread = deviation[phase]
        let scale = Self.meanDeviationToStandard * spread
        let verdict: AnomalyVerdict =
            if residual == 0 {
                .quiet
            } else if scale > 0 {
                AnomalyVerdict(statistic: abs(residual) / scale, level: bandWidth)
            } else {
                AnomalyVerdict(statistic: .infinity, level: bandWidth)
            }
        let previousLevel = level
        level = alpha * (value - seasonalPast) + (1 - alpha) * (level + trend)
        if m > 1 { seasonal[phase] = gamma * (value - previousLevel - trend) + (1 - gamma) * seasonalPast }
        trend = beta * (level - previousLevel) + (1 - beta) * trend
        deviation[phase] = gamma * abs(residual) + (1 - gamma) * spread
        phase = phase + 1 == m ? 0 : phase + 1
        return verdict
    }
}
