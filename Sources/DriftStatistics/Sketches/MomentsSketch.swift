/// Count, mean, sum of squared deviations, minimum and maximum of a stream of finite values: a
/// mergeable summary of one window of one numeric feature.
///
/// **Merge.** Two sketches combine by the pairwise update of Chan, Golub & LeVeque ("Updating
/// formulae and a pairwise algorithm for computing sample variances", COMPSTAT 1982; also
/// "Algorithms for computing the sample variance: analysis and recommendations", *The American
/// Statistician* 37(3), 1983): with `δ = meanB − meanA` and `n = nA + nB`,
/// `mean = meanA + δ·nB/n` and `M2 = M2A + M2B + δ²·nA·nB/n`. Merging is commutative and
/// associative up to rounding, and an empty sketch is its exact identity (the result is
/// bit-for-bit the other operand).
///
/// **Accuracy.** The mean and `M2` are held as double-double numbers (`CompensatedDouble`), so
/// the first-order error a plain-double mean would feed into `δ` (ε·|mean|, large for data such
/// as 1e12 ± 1) does not reach the merged variance. `add(contentsOf:)` summarises a batch by the
/// corrected two-pass algorithm (Chan, Golub & LeVeque 1983) over a compensated sum and
/// compensated squares, then merges it; `add(_:)` is Welford's update, which is the pairwise
/// update with a one-value sketch. Every path agrees with the exactly rounded mean and variance
/// to a few ulps on the committed fixtures (`scripts/fixtures/gen_sketches.py`, checked at
/// relative 1e-12). When all values are equal, the mean is that value and `M2` is exactly 0
/// (NumPy's `np.var` of `[0.1, 0.1, 0.1]` is 1.9e-34, from rounding its mean).
///
/// **Huge magnitudes.** `M2` depends only on deviations from the mean, never on squares of the
/// values, so data near 1e150 with a spread of 1e140 keep full precision although the sum of
/// their squares would overflow. The merge term is grouped as `(δ·√(nA·nB/n))²`, which overflows
/// only when the term itself exceeds the largest double. `M2` becomes +∞ when the true sum of
/// squared deviations exceeds `Double.greatestFiniteMagnitude` (≈1.8e308; e.g. deviations beyond
/// ≈1.3e154, or any two distinct values above ≈1e300, which differ by at least 1e284): that
/// value is not representable, and NumPy's `np.var` returns `inf` there too. The mean stays
/// finite for all finite input (even ±1.7e308 mixed), unlike NumPy's, whose sum overflows first.
/// A sketch whose `M2` is +∞ encodes with `Codable` only through an encoder that accepts
/// non-finite numbers (for JSON, a `nonConformingFloatEncodingStrategy`).
///
/// `Equatable` compares the stored state bit for bit: sketches of the same values built along
/// different paths agree to rounding (1e-12 relative), not necessarily exactly.
public struct MomentsSketch: Sendable, Equatable, Codable {
    /// The "delta degrees of freedom" of a variance: its divisor is `count − rawValue`, as
    /// NumPy's `ddof`.
    public enum DeltaDegreesOfFreedom: Int, Sendable, Codable, CaseIterable {
        /// Divisor `n`: the variance of the values as a population (`np.var(x)`).
        case population = 0
        /// Divisor `n − 1`: the unbiased estimate of a sampled population's variance
        /// (`np.var(x, ddof=1)`).
        case sample = 1
    }

    /// How many values the sketch summarises.
    public private(set) var count: Int = 0
    private var runningMean: CompensatedDouble = .zero
    private var squaredDeviations: CompensatedDouble = .zero
    /// The smallest value, or nil for an empty sketch.
    public private(set) var minimum: Double?
    /// The largest value, or nil for an empty sketch.
    public private(set) var maximum: Double?

    /// An empty sketch, the identity of `merge(_:)`.
    public init() {}

    /// The sketch of `values`; see `add(contentsOf:role:)`.
    public init(_ values: [Double], role: SampleRole = .current) throws(DriftStatisticsError) {
        try add(contentsOf: values, role: role)
    }

    private init(singleFinite value: Double) {
        count = 1
        runningMean = CompensatedDouble(value)
        minimum = value
        maximum = value
    }

    /// The arithmetic mean (`np.mean`), within a few ulps of the exactly rounded value; nil for
    /// an empty sketch.
    public var mean: Double? { count == 0 ? nil : runningMean.value }

    /// `M2 = Σ (xᵢ − mean)²`, 0 for an empty sketch, +∞ past the double range (see the type).
    public var sumOfSquaredDeviations: Double { squaredDeviations.value }

    /// The variance `M2 / (count − ddof)`, matching `np.var(x, ddof=…)`; nil when
    /// `count ≤ ddof` (no value at all for `.population`, fewer than two for `.sample`), where
    /// NumPy warns and returns NaN.
    public func variance(degreesOfFreedom: DeltaDegreesOfFreedom) -> Double? {
        let divisor = count - degreesOfFreedom.rawValue
        guard divisor > 0 else { return nil }
        return squaredDeviations.value / Double(divisor)
    }

    /// The square root of `variance(degreesOfFreedom:)`, matching `np.std(x, ddof=…)`; nil when
    /// the variance is.
    public func standardDeviation(degreesOfFreedom: DeltaDegreesOfFreedom) -> Double? {
        variance(degreesOfFreedom: degreesOfFreedom)?.squareRoot()
    }

    /// Adds one value.
    /// - Throws: `.nonFiniteValue(role, index: count, value:)` for NaN or ±∞ (the index is the
    ///   value's position in the sketch's stream); the sketch is then unchanged.
    public mutating func add(_ value: Double, role: SampleRole = .current) throws(DriftStatisticsError) {
        guard value.isFinite else { throw .nonFiniteValue(role, index: count, value: value) }
        merge(MomentsSketch(singleFinite: value))
    }

    /// Adds a batch of values: an empty batch changes nothing.
    /// - Throws: `.nonFiniteValue(role, index:, value:)` naming the first NaN or ±∞ by its index
    ///   in `values`; the sketch is then unchanged (a batch is added whole or not at all).
    public mutating func add(contentsOf values: [Double], role: SampleRole = .current) throws(DriftStatisticsError) {
        guard !values.isEmpty else { return }
        let outcome = values.withUnsafeBufferPointer { Self.summarize($0) }
        switch outcome {
        case .summary(let batch):
            merge(batch)
        case .nonFinite(let index):
            throw .nonFiniteValue(role, index: index, value: values[index])
        case .sumOverflows:
            // Only values beyond ~1e308/n get here; the one-value updates never overflow the mean.
            for value in values { merge(MomentsSketch(singleFinite: value)) }
        }
    }

    /// Merges `other` into this sketch (Chan, Golub & LeVeque's pairwise update).
    public mutating func merge(_ other: MomentsSketch) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let countA = Double(count)
        let countB = Double(other.count)
        let total = countA + countB
        let delta = other.runningMean.difference(runningMean)
        let increment: Double
        if delta.isFinite {
            runningMean.add(delta * (countB / total))
            let scaled = delta * (countA * countB / total).squareRoot()
            increment = scaled * scaled
        } else {
            // Means of opposite sign near ±1.8e308: the weighted average cannot overflow.
            runningMean = CompensatedDouble(runningMean.value * (countA / total) + other.runningMean.value * (countB / total))
            increment = .infinity
        }
        squaredDeviations.add(other.squaredDeviations)
        squaredDeviations.add(increment)
        count += other.count
        if let low = other.minimum, let high = other.maximum, let ownLow = minimum, let ownHigh = maximum {
            minimum = Swift.min(low, ownLow)
            maximum = Swift.max(high, ownHigh)
        }
    }

    /// This sketch merged with `other`; see `merge(_:)`.
    public func merging(_ other: MomentsSketch) -> MomentsSketch {
        var merged = self
        merged.merge(other)
        return merged
    }

    private enum BatchOutcome {
        case summary(MomentsSketch)
        case nonFinite(Int)
        case sumOverflows
    }

    /// The corrected two-pass summary of a non-empty batch: a compensated sum (Neumaier's
    /// variant of Kahan summation) gives the mean as a double-double, then the squared
    /// deviations are summed with their exact rounding errors (fused multiply–add) and corrected
    /// by `(Σ dᵢ)²/n`, which removes the first-order effect of the mean's own rounding.
    private static func summarize(_ values: UnsafeBufferPointer<Double>) -> BatchOutcome {
        var sum = 0.0
        var compensation = 0.0
        var low = Double.infinity
        var high = -Double.infinity
        for index in 0..<values.count {
            let value = values[index]
            guard value.isFinite else { return .nonFinite(index) }
            let next = sum + value
            if abs(sum) >= abs(value) {
                compensation += (sum - next) + value
            } else {
                compensation += (value - next) + sum
            }
            sum = next
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        var batch = MomentsSketch()
        batch.count = values.count
        batch.minimum = low
        batch.maximum = high
        guard low != high else {
            batch.runningMean = CompensatedDouble(low)
            return .summary(batch)
        }
        guard sum.isFinite else { return .sumOverflows }
        let count = Double(values.count)
        let mean = CompensatedDouble(high: sum, low: compensation).divided(by: count)
        let meanHigh = mean.high
        let meanLow = mean.low
        var deviationSum = 0.0
        var squares = 0.0
        var squaresCompensation = 0.0
        for value in values {
            let deviation = (value - meanHigh) - meanLow
            deviationSum += deviation
            let square = deviation * deviation
            let squareError = (-square).addingProduct(deviation, deviation)
            let next = squares + square
            if squares >= square {
                squaresCompensation += (squares - next) + square
            } else {
                squaresCompensation += (square - next) + squares
            }
            squaresCompensation += squareError
            squares = next
        }
        batch.runningMean = mean
        if squares.isFinite {
            var m2 = CompensatedDouble(high: squares, low: squaresCompensation)
            m2.add(-(deviationSum * deviationSum) / count)
            batch.squaredDeviations = m2.value > 0 ? m2 : .zero
        } else {
            batch.squaredDeviations = CompensatedDouble(.infinity)
        }
        return .summary(batch)
    }

    private enum CodingKeys: String, CodingKey {
        case count, mean, meanCompensation, sumOfSquaredDeviations, sumOfSquaredDeviationsCompensation
        case minimum, maximum
    }

    /// Decodes a persisted sketch, rejecting states no sequence of values can produce.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        runningMean = CompensatedDouble(
            normalizedHigh: try container.decode(Double.self, forKey: .mean),
            low: try container.decode(Double.self, forKey: .meanCompensation)
        )
        squaredDeviations = CompensatedDouble(
            normalizedHigh: try container.decode(Double.self, forKey: .sumOfSquaredDeviations),
            low: try container.decode(Double.self, forKey: .sumOfSquaredDeviationsCompensation)
        )
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        let consistent: Bool
        if count == 0 {
            consistent = minimum == nil && maximum == nil && runningMean == .zero && squaredDeviations == .zero
        } else if let low = minimum, let high = maximum {
            consistent = count > 0 && low.isFinite && high.isFinite && low <= high
                && runningMean.high.isFinite && !(squaredDeviations.high < 0) && !squaredDeviations.high.isNaN
        } else {
            consistent = false
        }
        guard consistent else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "inconsistent MomentsSketch state"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(runningMean.high, forKey: .mean)
        try container.encode(runningMean.low, forKey: .meanCompensation)
        try container.encode(squaredDeviations.high, forKey: .sumOfSquaredDeviations)
        try container.encode(squaredDeviations.low, forKey: .sumOfSquaredDeviationsCompensation)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
    }
}
