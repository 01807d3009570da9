import Foundation

/// One tail of SPOT (Siffer et al., "Anomaly Detection in Streams with Extreme Value Theory",
/// KDD 2017): excesses ("peaks") over an initial threshold t are modelled by a generalized Pareto
/// distribution, which puts the alarm threshold z_q where the probability of exceeding it is the
/// risk q: z_q = t + GPD quantile at q·n/Nₜ (n observations, Nₜ peaks). A value above z_q is an
/// alarm; every value above t is a new peak (``SPOTDetector`` says why alarms are peaks too).
/// The fit is redone after each new peak while there are fewer than 20, then after every 5 % more:
/// one more peak barely moves a fit to hundreds, and each fit costs a pass over all of them per
/// step of the root search.
///
/// Memory is bounded: at most `capacity` peaks are kept, the oldest dropped first, and n then
/// counts the observations since the last dropped peak, so Nₜ/n stays the rate of peaks over the
/// span the kept peaks cover.
struct SPOTTail: Sendable, Codable, Equatable {
    let threshold: Double
    let risk: Double
    let capacity: Int
    /// Excesses over `threshold` in arrival order (a ring once full) and the observation count at
    /// each one's arrival.
    private var peaks: [Double] = []
    private var arrivals: [Int] = []
    private var oldest = 0
    private var observations: Int
    /// The observation count at the last dropped peak (0 before any).
    private var spanStart = 0
    private var fit: GeneralizedParetoFit?
    private var peaksSinceFit = 0
    private(set) var alarm: Double

    /// Calibrates on `values`: t is their `level` quantile, their excesses over it the first peaks.
    init(calibration values: [Double], level: Double, risk: Double, capacity: Int) {
        let sorted = values.sorted()
        let position = min(max(Int((level * Double(sorted.count)).rounded(.down)), 0), sorted.count - 1)
        threshold = sorted[position]
        self.risk = risk
        self.capacity = max(capacity, 2)
        observations = 0
        alarm = .infinity
        for value in values {
            observations += 1
            if value > threshold { remember(value - threshold) }
        }
        refit()
    }

    /// The rate of peaks over the observations their span covers.
    private var peakRate: Double {
        Double(peaks.count) / Double(max(observations - spanStart, 1))
    }

    /// How far `value` is into the tail: 0 at or below t, 1 at the alarm threshold (probability
    /// q of being exceeded), in between and beyond by the log of the tail probability.
    func evidence(_ value: Double) -> Double {
        guard value > threshold else { return 0 }
        guard let fit, !peaks.isEmpty else { return value > alarm ? .infinity : 0 }
        let rate = peakRate
        guard rate > risk else { return value > alarm ? .infinity : 0 }
        let probability = rate * fit.survival(value - threshold)
        guard probability > 0 else { return .infinity }
        return max(0, log(rate / probability) / log(rate / risk))
    }

    /// Learns a value.
    mutating func learn(_ value: Double) {
        observations += 1
        guard value > threshold else { return }
        remember(value - threshold)
        peaksSinceFit += 1
        if peaksSinceFit >= max(1, peaks.count / 20) { refit() }
    }

    private mutating func remember(_ excess: Double) {
        if peaks.count < capacity {
            peaks.append(excess)
            arrivals.append(observations)
        } else {
            spanStart = arrivals[oldest]
            peaks[oldest] = excess
            arrivals[oldest] = observations
            oldest = (oldest + 1) % capacity
        }
    }

    private mutating func refit() {
        peaksSinceFit = 0
        fit = GeneralizedParetoFit(excesses: peaks)
        let rate = peakRate
        if let fit, rate > risk {
            alarm = threshold + fit.quantile(exceededWith: risk / rate)
        } else {
            alarm = peaks.isEmpty ? threshold : threshold + (peaks.max() ?? 0)
        }
    }
}
