import Foundation

/// Turns a feature stream into evidence on one common scale: a feature value's rank among the
/// feature's last `capacity` values gives the conformal p-value p = (k + 1)/(n + 1), k the
/// values at least as extreme (Vovk, Gammerman & Shafer, "Algorithmic Learning in a Random
/// World", 2005), and the evidence is −log₁₀ p. Ranks stop at the window's extreme, so a value
/// beyond it earns `extrapolation`·(distance past the extreme)/(extreme − median), at most 10
/// such spans, on top: that keeps far outliers apart from merely new extremes.
///
/// Two-sided features count extremes on the nearer side; one-sided ones (distances) only above.
/// No evidence until `minimumCount` values are in.
struct RankCalibration: Sendable, Codable, Equatable {
    let twoSided: Bool
    let extrapolation: Double
    let minimumCount: Int
    private var window: SortedWindow

    init(capacity: Int, twoSided: Bool, extrapolation: Double, minimumCount: Int) {
        window = SortedWindow(capacity: capacity)
        self.twoSided = twoSided
        self.extrapolation = extrapolation
        self.minimumCount = minimumCount
    }

    /// The evidence against `feature` from the values before it; then `feature` joins them.
    mutating func evidence(_ feature: Double) -> Double {
        let rank = window.lowerBound(of: feature)
        defer { window.append(feature, rankedAt: rank) }
        let n = window.count
        guard n >= minimumCount else { return 0 }
        let atLeast = n - rank
        let atMost = twoSided ? window.count(atMost: feature, lowerBound: rank) : n + 1
        let extreme = min(atLeast, atMost)
        var evidence = -log10(Double(extreme + 1) / Double(n + 1))
        guard extreme == 0, extrapolation > 0 else { return evidence }
        let sorted = window.sorted
        let median = sorted[n / 2]
        if atLeast == 0 {
            let largest = sorted[n - 1]
            if largest > median { evidence += extrapolation * min((feature - largest) / (largest - median), 10) }
        } else {
            let smallest = sorted[0]
            if median > smallest { evidence += extrapolation * min((smallest - feature) / (median - smallest), 10) }
        }
        return evidence
    }
}
