/// The mean of the last `length` values added, in O(1) per value: a ring of them and their running
/// sum, summed afresh once per lap so rounding cannot pile up over a long stream.
struct MovingMean: Sendable, Codable, Equatable {
    let length: Int
    private var values: [Double] = []
    private var oldest = 0
    private var sum = 0.0

    init(length: Int) {
        self.length = max(length, 1)
    }

    var count: Int { values.count }

    /// The mean of the values held; 0 when there are none.
    var mean: Double { values.isEmpty ? 0 : sum / Double(values.count) }

    mutating func add(_ value: Double) {
        guard values.count == length else {
            values.append(value)
            sum += value
            return
        }
        let leaving = values[oldest]
        values[oldest] = value
        oldest = oldest + 1 == length ? 0 : oldest + 1
        sum = oldest == 0 ? values.reduce(0, +) : sum + value - leaving
    }
}
