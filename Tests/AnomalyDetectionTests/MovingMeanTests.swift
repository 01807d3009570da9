import Testing

@testable import AnomalyDetection

@Suite struct MovingMeanTests {
    @Test func averagesTheLatestValues() {
        var mean = MovingMean(length: 3)
        #expect(mean.mean == 0 && mean.count == 0)
        let means = [1.0, 2, 6, 10, -2, 4, 4].map { value -> Double in
            mean.add(value)
            return mean.mean
        }
        #expect(means == [1, 1.5, 3, 6, 14.0 / 3, 4, 2])
    }

    /// A large value that has left leaves no rounding residue behind once the lap is summed afresh.
    @Test func roundingDoesNotPileUp() {
        var mean = MovingMean(length: 4)
        for value in [1e17, 1, 1, 1] { mean.add(value) }
        for _ in 0..<4 { mean.add(0.1) }
        #expect(mean.mean == [0.1, 0.1, 0.1, 0.1].reduce(0, +) / 4)
    }
}
