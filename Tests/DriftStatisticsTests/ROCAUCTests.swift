import Testing
@testable import DriftStatistics

@Suite struct PerformanceROCAUCTests {
    @Test func matchesScikitLearnOnEveryFixtureCase() throws {
        let cases = try PerformanceFixture.cases("roc_auc")
        #expect(cases.count >= 30)
        for fixtureCase in cases {
            let scores = try fixtureCase.doubles("scores")
            let labels = try PerformanceFixture.booleans(fixtureCase, "labels")
            let expected = try fixtureCase.double("auc")
            if expected.isNaN {
                // sklearn warns and returns NaN for one class; we throw.
                #expect(throws: DriftStatisticsError.self, "\(fixtureCase)") { try rocAUC(scores: scores, labels: labels) }
                continue
            }
            expectClose(try rocAUC(scores: scores, labels: labels), expected, "\(fixtureCase)")
        }
    }

    /// The definition by all pairs, O(n²): a tie counts one half.
    private static func pairwiseAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        var twiceU = 0
        var pairs = 0
        for (positive, isPositive) in zip(scores, labels) where isPositive {
            for (negative, isNegative) in zip(scores, labels.map { !$0 }) where isNegative {
                twiceU += positive > negative ? 2 : (positive == negative ? 1 : 0)
                pairs += 1
            }
        }
        return Double(twiceU) / Double(2 * pairs)
    }

    @Test func equalsThePairwiseDefinitionWithManyTies() throws {
        var generator = SplitMix64(seed: 7)
        for trial in 0..<200 {
            let n = Int.random(in: 2...120, using: &generator)
            let levels = Int.random(in: 1...12, using: &generator)
            let scores = (0..<n).map { _ in Double(Int.random(in: 0..<levels, using: &generator)) * 0.1 - 0.3 }
            var labels = (0..<n).map { _ in generator.nextOpenUnit() < 0.4 }
            labels[0] = true
            labels[n - 1] = false
            #expect(try rocAUC(scores: scores, labels: labels) == Self.pairwiseAUC(scores, labels), "trial \(trial)")
        }
    }

    @Test func edgeCases() throws {
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try rocAUC(scores: [], labels: []) }
        #expect(throws: DriftStatisticsError.self) { try rocAUC(scores: [0.1, 0.2], labels: [true]) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try rocAUC(scores: [0.1, .infinity, 0.3], labels: [true, false, true])
        }
        #expect(throws: DriftStatisticsError.self) { try rocAUC(scores: [0.1, .nan], labels: [true, false]) }
        #expect(throws: DriftStatisticsError.self) { try rocAUC(scores: [0.4], labels: [true]) }
        #expect(throws: DriftStatisticsError.self) { try rocAUC(scores: [0.4, 0.5], labels: [false, false]) }
        #expect(try rocAUC(scores: [1, 1, 1, 1], labels: [true, false, false, true]) == 0.5)
        #expect(try rocAUC(scores: [0.1, 0.9], labels: [false, true]) == 1)
        #expect(try rocAUC(scores: [0.1, 0.9], labels: [true, false]) == 0)
        #expect(try rocAUC(scores: [-0.0, 0.0], labels: [true, false]) == 0.5)
        #expect(try rocAUC(scores: [1e-300, 2e-300, 1e300, -1e300], labels: [false, true, true, false]) == 1)
    }

    @Test func largeInputsAreExact() throws {
        var generator = SplitMix64(seed: 11)
        let n = 200_000
        let labels = (0..<n).map { _ in generator.nextOpenUnit() < 0.3 }
        // Scores on 1 000 levels: every pair's outcome is known from the level counts.
        let levels = (0..<n).map { index in Int(generator.nextOpenUnit() * 1000) + (labels[index] ? 40 : 0) }
        var positivesAt = [Int](repeating: 0, count: 1040)
        var negativesAt = [Int](repeating: 0, count: 1040)
        for (level, label) in zip(levels, labels) {
            if label { positivesAt[level] += 1 } else { negativesAt[level] += 1 }
        }
        var twiceU = 0
        var positivesBelow = 0
        let positives = positivesAt.reduce(0, +)
        for level in 0..<1040 {
            twiceU += negativesAt[level] * (2 * (positives - positivesBelow - positivesAt[level]) + positivesAt[level])
            positivesBelow += positivesAt[level]
        }
        let expected = Double(twiceU) / (2 * Double(positives) * Double(n - positives))
        #expect(try rocAUC(scores: levels.map { Double($0) / 7 }, labels: labels) == expected)
    }
}
