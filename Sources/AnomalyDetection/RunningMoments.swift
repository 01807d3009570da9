/// Count, mean and population variance of the values seen, updated one value at a time
/// (Welford, "Note on a Method for Calculating Corrected Sums of Squares and Products", 1962).
struct RunningMoments: Sendable, Codable, Equatable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var squares = 0.0

    mutating func add(_ value: Double) {
        count += 1
        let deviation = value - mean
        mean += deviation / Double(count)
        squares += deviation * (value - mean)
    }

    var variance: Double { count > 0 ? squares / Double(count) : 0 }
    var standardDeviation: Double { variance.squareRoot() }

    /// Learns `value` while fewer than `warmUp` values are in, answering nil; after that, leaves
    /// the moments as they are and answers `value` standardised by them: a reference learned once.
    mutating func standardizedAfterLearning(_ value: Double, warmUp: Int) -> Double? {
        guard count >= warmUp else {
            add(value)
            return nil
        }
        return standardized(value)
    }

    /// (value − mean)/deviation; ±∞ for a change from values that never varied.
    func standardized(_ value: Double) -> Double {
        let deviation = value - mean
        let scale = standardDeviation
        if scale > 0 { return deviation / scale }
        return deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity)
    }
}
