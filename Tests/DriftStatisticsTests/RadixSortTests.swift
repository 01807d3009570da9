import Testing
@testable import DriftStatistics

@Suite struct RadixSortTests {
    @Test(arguments: [0, 1, 511, 512, 513, 10_000, 200_000])
    func matchesComparisonSort(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let values = (0..<count).map { index -> Double in
            switch index % 5 {
            case 0: return Double.random(in: -1e300...1e300, using: &generator)
            case 1: return Double.random(in: -1...1, using: &generator)
            case 2: return Double(Int.random(in: -3...3, using: &generator))
            case 3: return Double.random(in: -1e-300...1e-300, using: &generator)
            default: return [0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude][index % 5]
            }
        }
        #expect(values.sortedAscending() == values.sorted())
    }

    @Test func keepsInfinitiesAtTheEnds() {
        let values = [3.0, -.infinity, 0, .infinity, -2] + Array(repeating: 1.0, count: 600)
        let sorted = values.sortedAscending()
        #expect(sorted.first == -.infinity)
        #expect(sorted.last == .infinity)
        #expect(sorted == values.sorted())
    }
}
