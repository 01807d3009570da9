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
/// **Accuracy.** The mean and `M2` are held as double-double numbers (`DoubleDouble`), so
/// the first-order error a plain-double mean would feed into `δ` (ε·|mean|, large for data such
/// as 1e12 ± 1) does not reach the merged variance. `add(contentsOf:)` summarises a batch by the
/// corrected two-pass algorithm (Chan, Golub & LeVeque 1983) with blocked sums, then merges it; `add(_:)` is Welford's update, which is the pairwise
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
    private var runningMean: DoubleDouble = .zero
    private var squaredDeviations: DoubleDouble = .zero
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
        runningMean = DoubleDouble(value)
        minimum = value
        maximum = value
    }

    /// The arithmetic mean (`np.mean`), within a few ulps of the exactly rounded value; nil for
    /// an empty sketch.
    public var mean: Double? { count == 0 ? nil : runningMean.doubleValue }

    /// `M2 = Σ (xᵢ − mean)²`, 0 for an empty sketch, +∞ past the double range (see the type).
    public var sumOfSquaredDeviations: Double { squaredDeviations.doubleValue }

    /// The variance `M2 / (count − ddof)`, matching `np.var(x, ddof=…)`; nil when
    /// `count ≤ ddof` (no value at all for `.population`, fewer than two for `.sample`), where
    /// NumPy warns and returns NaN.
    public func variance(degreesOfFreedom: DeltaDegreesOfFreedom) -> Double? {
        let divisor = count - degreesOfFreedom.rawValue
        guard divisor > 0 else { return nil }
        return squaredDeviations.doubleValue / Double(divisor)
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
            // Only values beyond ~1e308/256 get here; the one-value updates never overflow the
            // mean. The block that overflowed may precede one holding a NaN, so validate first.
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(role, index: index, value: values[index])
            }
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
        let delta = other.runningMean.roundedDifference(runningMean)
        let increment: Double
        if delta.isFinite {
            runningMean = runningMean + delta * (countB / total)
            let scaled = delta * (countA * countB / total).squareRoot()
            increment = scaled * scaled
        } else {
            // Means of opposite sign near ±1.8e308: the weighted average cannot overflow.
            runningMean = DoubleDouble(runningMean.doubleValue * (countA / total) + other.runningMean.doubleValue * (countB / total))
            increment = .infinity
        }
        squaredDeviations = squaredDeviations + other.squaredDeviations + increment
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

    /// Values per block of the batch summary: each block is summed in four plain lanes (which the
    /// compiler vectorises), and the block sums are accumulated as double-doubles, so a sum's
    /// rounding error grows with the block length, not with the batch length.
    private static let blockLength = 256

    /// The corrected two-pass summary of a non-empty batch (Chan, Golub & LeVeque 1983).
    ///
    /// Pass 1 validates the values, finds the extremes and a first mean `m₀`. Pass 2 sums the
    /// deviations `dᵢ = xᵢ − m₀` and their squares; then `mean = m₀ + Σdᵢ/n` and
    /// `M2 = Σdᵢ² − (Σdᵢ)²/n`, both exact for any `m₀`, so `m₀`'s own rounding (about ε·|mean|
    /// per block) leaves only a second-order trace in `M2` and none in the mean beyond ε·spread.
    private static func summarize(_ values: UnsafeBufferPointer<Double>) -> BatchOutcome {
        let count = values.count
        var sum = DoubleDouble.zero
        var low = Double.infinity
        var high = -Double.infinity
        var blockStart = 0
        while blockStart < count {
            let blockEnd = Swift.min(blockStart + blockLength, count)
            var lanes: (Double, Double, Double, Double) = (0, 0, 0, 0)
            var lows = (Double.infinity, Double.infinity, Double.infinity, Double.infinity)
            var highs = (-Double.infinity, -Double.infinity, -Double.infinity, -Double.infinity)
            var index = blockStart
            while index + 4 <= blockEnd {
                let (a, b, c, d) = (values[index], values[index + 1], values[index + 2], values[index + 3])
                lanes = (lanes.0 + a, lanes.1 + b, lanes.2 + c, lanes.3 + d)
                lows = (Swift.min(lows.0, a), Swift.min(lows.1, b), Swift.min(lows.2, c), Swift.min(lows.3, d))
                highs = (Swift.max(highs.0, a), Swift.max(highs.1, b), Swift.max(highs.2, c), Swift.max(highs.3, d))
                index += 4
            }
            while index < blockEnd {
                lanes.0 += values[index]
                lows.0 = Swift.min(lows.0, values[index])
                highs.0 = Swift.max(highs.0, values[index])
                index += 1
            }
            let blockSum = (lanes.0 + lanes.1) + (lanes.2 + lanes.3)
            // A NaN or ±∞ makes the block sum non-finite; so does an overflowing sum of finite
            // values, which the scan tells apart.
            if !blockSum.isFinite {
                if let bad = (blockStart..<blockEnd).first(where: { !values[$0].isFinite }) { return .nonFinite(bad) }
                return .sumOverflows
            }
            sum = sum + blockSum
            low = Swift.min(low, Swift.min(Swift.min(lows.0, lows.1), Swift.min(lows.2, lows.3)))
            high = Swift.max(high, Swift.max(Swift.max(highs.0, highs.1), Swift.max(highs.2, highs.3)))
            blockStart = blockEnd
        }
        var batch = MomentsSketch()
        batch.count = count
        batch.minimum = low
        batch.maximum = high
        guard low != high else {
            batch.runningMean = DoubleDouble(low)
            return .summary(batch)
        }
        guard sum.hi.isFinite else { return .sumOverflows }
        let n = Double(count)
        let shift = (sum / n).doubleValue
        var deviations = DoubleDouble.zero
        var squares = DoubleDouble.zero
        blockStart = 0
        while blockStart < count {
            let blockEnd = Swift.min(blockStart + blockLength, count)
            var lanes: (Double, Double, Double, Double) = (0, 0, 0, 0)
            var squareLanes: (Double, Double, Double, Double) = (0, 0, 0, 0)
            var index = blockStart
            while index + 4 <= blockEnd {
                let (a, b, c, d) = (values[index] - shift, values[index + 1] - shift, values[index + 2] - shift, values[index + 3] - shift)
                lanes = (lanes.0 + a, lanes.1 + b, lanes.2 + c, lanes.3 + d)
                squareLanes = (squareLanes.0 + a * a, squareLanes.1 + b * b, squareLanes.2 + c * c, squareLanes.3 + d * d)
                index += 4
            }
            while index < blockEnd {
                let deviation = values[index] - shift
                lanes.0 += deviation
                squareLanes.0 += deviation * deviation
                index += 1
            }
            deviations = deviations + ((lanes.0 + lanes.1) + (lanes.2 + lanes.3))
            squares = squares + ((squareLanes.0 + squareLanes.1) + (squareLanes.2 + squareLanes.3))
            blockStart = blockEnd
        }
        // Deviations from a finite mean overflow only for values of both signs near ±1.8e308.
        guard deviations.hi.isFinite else { return .sumOverflows }
        batch.runningMean = DoubleDouble(shift) + deviations / n
        if squares.hi.isFinite {
            let deviationSum = deviations.doubleValue
            squares = squares + -(deviationSum * deviationSum) / n
            batch.squaredDeviations = squares.doubleValue > 0 ? squares : .zero
        } else {
            batch.squaredDeviations = DoubleDouble(.infinity)
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
        runningMean = DoubleDouble(
            try container.decode(Double.self, forKey: .mean),
            compensation: try container.decode(Double.self, forKey: .meanCompensation)
        )
        squaredDeviations = DoubleDouble(
            try container.decode(Double.self, forKey: .sumOfSquaredDeviations),
            compensation: try container.decode(Double.self, forKey: .sumOfSquaredDeviationsCompensation)
        )
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        let consistent: Bool
        if count == 0 {
            consistent = minimum == nil && maximum == nil && runningMean == .zero && squaredDeviations == .zero
        } else if let low = minimum, let high = maximum {
            consistent = count > 0 && low.isFinite && high.isFinite && low <= high
                && runningMean.hi.isFinite && !(squaredDeviations.hi < 0) && !squaredDeviations.hi.isNaN
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
        try container.encode(runningMean.hi, forKey: .mean)
        try container.encode(runningMean.lo, forKey: .meanCompensation)
        try container.encode(squaredDeviations.hi, forKey: .sumOfSquaredDeviations)
        try container.encode(squaredDeviations.lo, forKey: .sumOfSquaredDeviationsCompensation)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
    }
}
