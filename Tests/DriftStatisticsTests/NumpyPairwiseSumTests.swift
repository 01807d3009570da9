@testable import DriftStatistics
import Testing

@Suite struct NumpyPairwiseSumTests {
    /// Bit-for-bit: the point of replaying NumPy's order is to round exactly as `np.sum` does.
    /// The fixture carries these values as decimal strings, because Foundation's JSON number
    /// parser on Linux returns a neighbour of the nearest double for many 17-digit values.
    @Test func reproducesNumpySumExactly() throws {
        let cases = try RankFixtureData.cases("npsum")
        #expect(cases.count >= 5)
        for fixtureCase in cases {
            let values = try RankFixtureData.doubles(fixtureCase, "values")
            let expected = try RankFixtureData.double(fixtureCase, "sum")
            let direct = values.withUnsafeBufferPointer { numpyPairwiseSum($0) }
            #expect(direct == expected, "\(fixtureCase)")
            let streamed = numpyPairwiseSum(count: values.count) { values[$0] }
            #expect(streamed == expected, "\(fixtureCase)")
            // Summing leaf by leaf and joining gives the same bits.
            var leafSums: [Double] = []
            var start = 0
            for size in numpyPairwiseLeafSizes(count: values.count) {
                leafSums.append(values[start..<(start + size)].withUnsafeBufferPointer { numpyPairwiseLeafSum($0) })
                start += size
            }
            #expect(start == values.count)
            let joined = leafSums.withUnsafeBufferPointer { numpyPairwiseJoin(count: values.count, leafSums: $0) }
            #expect(joined == expected, "\(fixtureCase)")
        }
    }
}
