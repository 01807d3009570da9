import Testing

@testable import DriftStatistics

@Suite struct SortedROCAUCAccumulatorTests {
    private func accumulated(_ pairs: [(Double, Bool)]) throws -> Double {
        var accumulator = SortedROCAUCAccumulator()
        for (score, label) in pairs.sorted(by: { $0.0 < $1.0 }) { try accumulator.add(score: score, label: label) }
        return try accumulator.rocAUC()
    }

    @Test func equalsRocAUCBitForBitWithTies() throws {
        var generator = SplitMix64(seed: 42)
        for size in [2, 7, 50, 1000] {
            let scores = (0..<size).map { _ in (generator.nextOpenUnit() * 20).rounded() / 20 }
            var labels = (0..<size).map { _ in generator.nextOpenUnit() < 0.4 }
            labels[0] = true
            labels[1] = false
            let expected = try rocAUC(scores: scores, labels: labels)
            #expect(try accumulated(Array(zip(scores, labels))) == expected)
        }
    }

    @Test func handCheckedValue() throws {
        // Positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8 > 0.4), (0.8 > 0.1), (0.4 = 0.4: ½), (0.4 > 0.1).
        #expect(try accumulated([(0.1, false), (0.4, false), (0.4, true), (0.8, true)]) == 3.5 / 4)
        #expect(try accumulated([(-0.0, true), (0.0, false)]) == 0.5)
    }

    @Test func refusesUnorderedNonFiniteAndOneClassInput() throws {
        var accumulator = SortedROCAUCAccumulator()
        try accumulator.add(score: 0.5, label: true)
        #expect(throws: DriftStatisticsError.self) { try accumulator.add(score: 0.4, label: false) }
        #expect(throws: DriftStatisticsError.self) { try accumulator.add(score: .nan, label: false) }
        #expect(accumulator.count == 1)
        #expect(throws: DriftStatisticsError.self) { try accumulator.rocAUC() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try SortedROCAUCAccumulator().rocAUC() }
    }
}
