@testable import DriftStatistics
import Testing

@Suite struct TieGroupWalkTests {
    private func groups(_ first: [Double], _ second: [Double]) -> [[Int]] {
        var result: [[Int]] = []
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                forEachTieGroup(a, b) { result.append([$0, $1]) }
            }
        }
        return result
    }

    @Test func countsEachDistinctValueInBothSamples() {
        #expect(groups([1, 2, 2, 5], [2, 3, 5, 5, 7]) == [[1, 0], [2, 1], [0, 1], [1, 2], [0, 1]])
        #expect(groups([], [4, 4]) == [[0, 2]])
        #expect(groups([-0.0, 0.0], [0.0]) == [[2, 1]])
        #expect(groups([3], []) == [[1, 0]])
    }
}
