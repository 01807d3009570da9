import DriftStatistics

/// The share of `simulations` seeded draws whose p-value falls below `alpha`: under no drift, a
/// test's actual size, which the calibration tests compare with the nominal α.
///
/// `draw` receives the one generator shared by all simulations and the simulation's index, and
/// returns that simulation's p-value (`nil` counts as no rejection).
func rejectionRate(
    simulations: Int, seed: UInt64, alpha: Double = 0.05,
    _ draw: (inout SplitMix64, Int) throws -> Double?
) rethrows -> Double {
    var generator = SplitMix64(seed: seed)
    var rejections = 0
    for simulation in 0..<simulations {
        if let p = try draw(&generator, simulation), p < alpha { rejections += 1 }
    }
    return Double(rejections) / Double(simulations)
}
