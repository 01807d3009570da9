import Testing
@testable import DriftStatistics

@Suite struct SortedSearchTests {
    @Test("counts below and at or below agree with a linear count, ties and extremes included")
    func agreesWithLinearCount() {
        var generator = SplitMix64(seed: 7)
        let values = (generator.normals(500).map { ($0 * 10).rounded() / 10 }
            + [-.greatestFiniteMagnitude, .greatestFiniteMagnitude, -0.0, 0]).sortedAscending()
        let probes = values + values.map(\.nextUp) + values.map(\.nextDown) + [-.infinity, .infinity]
        values.withUnsafeBufferPointer { buffer in
            for probe in probes {
                let below = values.count { $0 < probe }
                let atOrBelow = values.count { $0 <= probe }
                #expect(values.countBelow(probe) == below, "\(probe)")
                #expect(values.countAtOrBelow(probe) == atOrBelow, "\(probe)")
                #expect(buffer.countBelow(probe) == below, "\(probe)")
                #expect(buffer.countAtOrBelow(probe) == atOrBelow, "\(probe)")
            }
        }
    }

    @Test("a slice counts from its own start")
    func sliceCountsFromItsStart() {
        let slice = [1.0, 2, 2, 3, 4][2...]
        #expect(slice.countBelow(3) == 1)
        #expect(slice.countAtOrBelow(3) == 2)
        #expect(slice.countAtOrBelow(0) == 0)
        #expect(slice.countBelow(9) == 3)
    }

    @Test("empty collections and NaN probes count nothing")
    func emptyAndNaN() {
        let empty: [Double] = []
        #expect(empty.countBelow(1) == 0 && empty.countAtOrBelow(1) == 0)
        #expect([1.0, 2].countBelow(.nan) == 0 && [1.0, 2].countAtOrBelow(.nan) == 0)
    }
}
