/// The latest `capacity` values of a series, kept in arrival order (to know which one leaves)
/// and sorted (for order statistics). Adding a value costs two binary searches and one shift of
/// the values ranked between the leaving and the arriving one; the median is O(1) and the median
/// absolute deviation O(log capacity). A sorted array beats a tree here: windows are a few
/// hundred to a few thousand values, and shifting them is a single memory move.
///
/// Saved as its capacity and values oldest first; the sorted copy is rebuilt on loading, which
/// halves what a detector's saved state weighs. Two windows are equal when they hold the same
/// values in the same arrival order.
struct SortedWindow: Sendable, Codable, Equatable {
    let capacity: Int
    /// Arrival order, a ring once full: `arrival[next]` is the oldest.
    private var arrival: [Double] = []
    private var next = 0
    private(set) var sorted: [Double] = []

    init(capacity: Int) {
        precondition(capacity > 0, "a window holds at least one value")
        self.capacity = capacity
        arrival.reserveCapacity(capacity)
        sorted.reserveCapacity(capacity)
    }

    var count: Int { sorted.count }
    var isFull: Bool { sorted.count == capacity }

    /// The values held, oldest first.
    var oldestFirst: [Double] {
        Array(arrival[next...] + arrival[..<next])
    }

    private enum CodingKeys: String, CodingKey {
        case capacity, values
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        let values = try container.decode([Double].self, forKey: .values)
        guard capacity > 0, values.count <= capacity else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "\(values.count) values in a window of \(capacity)")
        }
        self.init(capacity: capacity)
        arrival = values
        sorted = values.sorted()
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(oldestFirst, forKey: .values)
    }

    static func == (left: SortedWindow, right: SortedWindow) -> Bool {
        left.capacity == right.capacity && left.oldestFirst == right.oldestFirst
    }

    mutating func append(_ value: Double) {
        append(value, rankedAt: Self.lowerBound(of: value, in: sorted))
    }

    /// Appends `value` whose ``lowerBound(of:)`` the caller already found.
    mutating func append(_ value: Double, rankedAt into: Int) {
        guard arrival.count == capacity else {
            arrival.append(value)
            sorted.insert(value, at: into)
            return
        }
        let leaving = arrival[next]
        arrival[next] = value
        next = next + 1 == capacity ? 0 : next + 1
        // One shift of the values between where the old one leaves and the new one lands, rather
        // than a removal and an insertion that each move everything above them.
        let out = Self.lowerBound(of: leaving, in: sorted)
        sorted.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if into > out {
                (base + out).update(from: base + out + 1, count: into - 1 - out)
                base[into - 1] = value
            } else {
                (base + into + 1).update(from: base + into, count: out - into)
                base[into] = value
            }
        }
    }

    /// The index of the first value not below `value` (the count of values below it).
    func lowerBound(of value: Double) -> Int {
        Self.lowerBound(of: value, in: sorted)
    }

    /// How many values are at most `value`, given its ``lowerBound(of:)``: the values equal to
    /// it are counted by galloping from there, since ties are usually few.
    func count(atMost value: Double, lowerBound: Int) -> Int {
        var low = lowerBound
        var step = 1
        while low + step <= sorted.count, sorted[low + step - 1] <= value {
            low += step
            step *= 2
        }
        var high = min(low + step - 1, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The median (the mean of the two middle values for an even count); nil when empty.
    var median: Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median of |x − center| over the window (unscaled), found as the middle order statistic
    /// of two sorted runs — the distances below `center` walking down and those above walking up —
    /// without forming them.
    func medianAbsoluteDeviation(from center: Double) -> Double {
        let n = sorted.count
        guard n > 0 else { return 0 }
        // The center is usually the median, whose rank is known when it has no copies.
        let middle = n / 2
        let split =
            sorted[middle] >= center && (middle == 0 || sorted[middle - 1] < center)
            ? middle : Self.lowerBound(of: center, in: sorted)
        // For an even count, the two middle distances come from one search.
        let (lower, upper) = distances(ranked: n % 2 == 1 ? middle : middle - 1, center: center, split: split)
        return n % 2 == 1 ? lower : (lower + upper) / 2
    }

    /// The mean of |x − center| over the window; O(capacity), for when the median deviation is 0.
    func meanAbsoluteDeviation(from center: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted.reduce(0) { $0 + abs($1 - center) } / Double(sorted.count)
    }

    /// The `rank`-th and the next smallest (0-based) of |x − center| (the next is +∞ past the
    /// last): values below `split` give the run center − sorted[split − 1 − i], the others
    /// sorted[split + i] − center, both increasing. A binary search finds how many of the first
    /// rank + 1 come from the lower run; the next distance is then the smaller of the two runs'
    /// next ones, so an even window's median deviation costs one search, not two.
    private func distances(ranked rank: Int, center: Double, split: Int) -> (Double, Double) {
        sorted.withUnsafeBufferPointer { values in
            let lowerCount = split
            let upperCount = values.count - split
            func lower(_ i: Int) -> Double { i < lowerCount ? center - values[split - 1 - i] : .infinity }
            func upper(_ i: Int) -> Double { i < upperCount ? values[split + i] - center : .infinity }
            let wanted = rank + 1
            // The count taken from the lower run lies in low...high: the first count f for which
            // the lower run's next distance is not below the upper run's last one taken.
            let low = max(0, wanted - upperCount)
            let high = min(wanted, lowerCount)
            var base = low
            var length = high - low + 1
            while length > 1 {
                let half = length / 2
                let probe = base + half - 1
                base = lower(probe) < upper(wanted - probe - 1) ? base + half : base
                length -= half
            }
            let fromUpper = wanted - base
            let ranked = max(base > 0 ? lower(base - 1) : -.infinity, fromUpper > 0 ? upper(fromUpper - 1) : -.infinity)
            return (ranked, min(lower(base), upper(fromUpper)))
        }
    }

    @inline(__always)
    private static func lowerBound(of value: Double, in values: [Double]) -> Int {
        values.withUnsafeBufferPointer { buffer in
            // Branch-free halving: the comparison only moves the base, which the processor can
            // compute without predicting it.
            var base = 0
            var length = buffer.count
            while length > 1 {
                let half = length / 2
                base = buffer[base + half - 1] < value ? base + half : base
                length -= half
            }
            return length == 1 && buffer[base] < value ? base + 1 : base
        }
    }
}
