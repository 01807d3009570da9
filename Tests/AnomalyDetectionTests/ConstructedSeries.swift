import AnomalyDetection
import DriftStatistics
import Foundation

/// Series built for the detector tests, from a seeded generator so each test sees the same data.
enum ConstructedSeries {
    /// Normal noise around `level` with deviation `spread`.
    static func noise(_ count: Int, level: Double = 10, spread: Double = 1, seed: UInt64 = 1) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return generator.normals(count, mean: level, standardDeviation: spread)
    }

    /// Noise that jumps by `height` at `at` and stays there.
    static func step(_ count: Int, at: Int, height: Double, seed: UInt64 = 2) -> [Double] {
        noise(count, seed: seed).enumerated().map { $0.offset >= at ? $0.element + height : $0.element }
    }

    /// Noise with one value raised by `height` at `at`.
    static func spike(_ count: Int, at: Int, height: Double, seed: UInt64 = 3) -> [Double] {
        var values = noise(count, seed: seed)
        values[at] += height
        return values
    }

    /// A sine of `period` points and amplitude 10 over noise of deviation `spread`, whose season
    /// starting at `brokenAt` (if any) stays flat at the mean instead.
    static func seasonal(_ count: Int, period: Int, spread: Double = 0.3, brokenAt: Int? = nil, seed: UInt64 = 4) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { index in
            if let broken = brokenAt, (broken..<(broken + period)).contains(index) { return 50 + spread * generator.nextNormal() }
            return 50 + 10 * sin(2 * Double.pi * Double(index) / Double(period)) + spread * generator.nextNormal()
        }
    }

    /// Noise whose level rises by `perPoint` every point.
    static func drift(_ count: Int, perPoint: Double, seed: UInt64 = 5) -> [Double] {
        noise(count, seed: seed).enumerated().map { $0.element + perPoint * Double($0.offset) }
    }
}

/// Feeds `values` (one per second) to `detector` and returns each verdict.
func verdicts<Detector: StreamingAnomalyDetector>(_ detector: inout Detector, _ values: [Double]) -> [AnomalyVerdict] {
    values.enumerated().map { detector.observe($0.element, at: Double($0.offset)) }
}

/// The indices of the anomalous verdicts.
func flagged(_ verdicts: [AnomalyVerdict]) -> [Int] {
    verdicts.indices.filter { verdicts[$0].isAnomalous }
}

/// Checks the detector contract on `values` for a fresh `detector`: scores in [0, 1] with the
/// verdict at 0.5; a NaN leaves the state alone; and a copy saved to JSON halfway and restored
/// goes on exactly like the original.
func checkContract<Detector: StreamingAnomalyDetector>(_ detector: Detector, on values: [Double]) throws -> (Bool, String) {
    var original = detector
    let all = verdicts(&original, values)
    if let bad = all.firstIndex(where: { !($0.score >= 0 && $0.score <= 1) || $0.isAnomalous != ($0.score >= 0.5) }) {
        return (false, "verdict \(bad): \(all[bad])")
    }
    var withGaps = detector
    var gapped: [AnomalyVerdict] = []
    for (index, value) in values.enumerated() {
        if index % 97 == 50 {
            let missing = withGaps.observe(.nan, at: Double(index))
            if missing != .quiet { return (false, "a NaN at \(index) was judged \(missing)") }
        }
        gapped.append(withGaps.observe(value, at: Double(index)))
    }
    if gapped != all { return (false, "NaNs changed the verdicts") }
    var first = detector
    let half = values.count / 2
    _ = verdicts(&first, Array(values[..<half]))
    var restored = try JSONDecoder().decode(Detector.self, from: try JSONEncoder().encode(first))
    if restored != first { return (false, "the restored state differs") }
    let rest = values[half...].enumerated().map { restored.observe($0.element, at: Double(half + $0.offset)) }
    if Array(all[half...]) != rest { return (false, "the restored detector judged differently") }
    return (true, "")
}
