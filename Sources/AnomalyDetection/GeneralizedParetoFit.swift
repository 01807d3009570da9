import Foundation

/// Maximum-likelihood fit of a generalized Pareto distribution to excesses over a threshold,
/// by Grimshaw's reduction to one equation ("Computing Maximum Likelihood Estimates for the
/// Generalized Pareto Distribution", Technometrics 35, 1993), as SPOT uses it (Siffer et al.,
/// KDD 2017): every stationary point of the likelihood has γ = v(x) − 1 and σ = γ/x for a root
/// x of u(x)·v(x) = 1, where u(x) = mean 1/(1 + x·Y) and v(x) = 1 + mean log(1 + x·Y). Roots lie
/// in (−1/max Y, 0) and (0, 2(Ȳ − min Y)/min Y²); they are bracketed on a grid spaced evenly in
/// logarithm and refined by regula falsi, and the candidate with the highest likelihood wins,
/// the exponential (γ = 0, σ = Ȳ) included.
struct GeneralizedParetoFit: Sendable, Equatable, Codable {
    /// γ, the shape (ξ in some texts).
    var shape: Double
    /// σ, the scale.
    var scale: Double

    /// Fits `excesses` (all > 0); nil when there are fewer than two.
    init?(excesses: some Collection<Double>) {
        guard excesses.count >= 2 else { return nil }
        let n = Double(excesses.count)
        var sum = 0.0
        var smallest = Double.infinity
        var largest = 0.0
        for excess in excesses {
            sum += excess
            smallest = min(smallest, excess)
            largest = max(largest, excess)
        }
        let mean = sum / n
        guard largest > 0, smallest > 0 else { return nil }

        func means(_ x: Double) -> (u: Double, v: Double) {
            var u = 0.0
            var v = 0.0
            for excess in excesses {
                let s = 1 + x * excess
                u += 1 / s
                v += log(s)
            }
            return (u / n, 1 + v / n)
        }
        func equation(_ x: Double) -> Double {
            let (u, v) = means(x)
            return u * v - 1
        }
        func logLikelihood(shape: Double, scale: Double) -> Double {
            guard scale > 0 else { return -.infinity }
            if shape == 0 { return -n * log(scale) - sum / scale }
            var total = 0.0
            for excess in excesses {
                let s = 1 + shape * excess / scale
                guard s > 0 else { return -.infinity }
                total += log(s)
            }
            return -n * log(scale) - (1 + 1 / shape) * total
        }

        var best = (shape: 0.0, scale: mean, likelihood: logLikelihood(shape: 0, scale: mean))
        let epsilon = 1e-8 / mean
        let left = -1 / largest
        let right = 2 * (mean - smallest) / (smallest * smallest)
        for grid in [Self.grid(from: epsilon, to: right), Self.grid(from: epsilon, to: -left).map { -$0 }.reversed()] {
            for root in Self.roots(of: equation, on: grid) {
                let shape = means(root).v - 1
                guard shape != 0 else { continue }
                let scale = shape / root
                let likelihood = logLikelihood(shape: shape, scale: scale)
                if likelihood > best.likelihood { best = (shape, scale, likelihood) }
            }
        }
        shape = best.shape
        scale = best.scale
    }

    init(shape: Double, scale: Double) {
        self.shape = shape
        self.scale = scale
    }

    /// P(Y > y) for an excess y ≥ 0.
    func survival(_ excess: Double) -> Double {
        if shape == 0 { return exp(-excess / scale) }
        let base = 1 + shape * excess / scale
        return base <= 0 ? 0 : pow(base, -1 / shape)
    }

    /// The excess exceeded with probability `probability` (in (0, 1]).
    func quantile(exceededWith probability: Double) -> Double {
        if shape == 0 { return -scale * log(probability) }
        return scale / shape * (pow(probability, -shape) - 1)
    }

    /// Points from `low` to just short of `high` (both > 0), spaced evenly in logarithm, so roots
    /// near 0 are bracketed however wide the interval, with more close to `high`, where the
    /// equation's pole lies for the negative interval.
    private static func grid(from low: Double, to high: Double) -> [Double] {
        guard high > low else { return [] }
        let steps = 32
        var points = (0...steps).map { low * pow(high / low, Double($0) / Double(steps)) }
        points.removeLast()
        points += (1...8).map { high * (1 - pow(10, -Double($0))) }
        return points.sorted()
    }

    /// Sign changes of `function` between consecutive points of `grid`, each refined by the
    /// Illinois variant of regula falsi (Dowell & Jarratt, BIT 11, 1971), which keeps the bracket
    /// and converges superlinearly.
    private static func roots(of function: (Double) -> Double, on grid: [Double]) -> [Double] {
        var roots: [Double] = []
        guard var previous = grid.first.map({ (x: $0, y: function($0)) }) else { return [] }
        for x in grid.dropFirst() {
            let y = function(x)
            if previous.y == 0 {
                roots.append(previous.x)
            } else if previous.y.sign != y.sign, y.isFinite, previous.y.isFinite {
                roots.append(refine(function, (previous.x, previous.y), (x, y)))
            }
            previous = (x, y)
        }
        return roots
    }

    private static func refine(_ function: (Double) -> Double, _ low: (Double, Double), _ high: (Double, Double)) -> Double {
        var (a, fa) = low
        var (b, fb) = high
        var side = 0
        var last = a
        for _ in 0..<100 {
            let c = (a * fb - b * fa) / (fb - fa)
            let fc = function(c)
            if fc == 0 || abs(c - last) <= 1e-15 * abs(c) { return c }
            last = c
            if fc.sign == fb.sign {
                (b, fb) = (c, fc)
                if side == -1 { fa /= 2 }
                side = -1
            } else {
                (a, fa) = (c, fc)
                if side == 1 { fb /= 2 }
                side = 1
            }
        }
        return (a * fb - b * fa) / (fb - fa)
    }
}
