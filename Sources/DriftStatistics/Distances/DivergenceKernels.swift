#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-bin kernels of the binned divergences, written so that nearly equal distributions keep
/// full relative precision: each kernel is non-negative and of second order in the difference,
/// and it is evaluated by its Taylor series where the closed form would cancel.
enum DivergenceKernels {
    /// `r − ln(1 + r)` for `r > −1`, the per-bin kernel of KL(P‖Q) with `1 + r = Q_i/P_i`
    /// (`KL = Σ P_i·(r_i − ln(1 + r_i))` because `Σ P_i·r_i = Σ (Q_i − P_i) = 0`).
    static func logExcess(_ r: Double) -> Double {
        guard abs(r) < 0.25 else { return r - log1p(r) }
        // Σ_{k≥2} (−r)^k / k; |r| < 1/4 converges below one rounding in under 30 terms.
        var power = r * r
        var total = 0.0
        var k = 2.0
        while true {
            let term = power / k
            let updated = total + term
            if updated == total { break }
            total = updated
            power *= -r
            k += 1
        }
        return total
    }

    /// `(1 + d)·ln(1 + d) + (1 − d)·ln(1 − d)` for `|d| ≤ 1`, the per-bin Jensen–Shannon kernel:
    /// with `m = (p + q)/2` and `d = (p − q)/(p + q)`, `p·ln(p/m) + q·ln(q/m) = m·g(d)`.
    static func jensenShannon(_ d: Double) -> Double {
        let magnitude = abs(d)
        if magnitude >= 1 { return 2 * log(2.0) }
        guard magnitude < 0.5 else { return (1 + magnitude) * log1p(magnitude) + (1 - magnitude) * log1p(-magnitude) }
        // Σ_{k≥1} d^(2k) / (k·(2k − 1)); d² < 1/4 converges below one rounding in under 30 terms.
        let square = d * d
        var power = square
        var total = 0.0
        var k = 1.0
        while true {
            let updated = total + power / (k * (2 * k - 1))
            if updated == total { break }
            total = updated
            power *= square
            k += 1
        }
        return total
    }

    /// Checks a smoothing floor: finite and in (0, 1).
    static func validateEpsilon(_ epsilon: Double) throws(DriftStatisticsError) {
        guard epsilon.isFinite, epsilon > 0, epsilon < 1 else {
            throw .invalidArgument(name: "epsilon", reason: "must be in (0, 1), got \(epsilon)")
        }
    }
}
