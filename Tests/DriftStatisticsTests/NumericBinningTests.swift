import Testing
@testable import DriftStatistics

@Suite struct NumericBinningTests {
    @Test func edgesAndCountsMatchNumPy() throws {
        let cases = try DistancesFixture.cases("numeric_binned")
        #expect(cases.count >= 30)
        for testCase in cases {
            let reference = try testCase.doubles("reference")
            let binning = try NumericBinning(reference: reference, bins: try testCase.int("bins"))
            // Edges are written as Python repr strings: the Swift parse of those is correctly
            // rounded, which JSON numbers are not on Linux, and edges must match bit for bit.
            let expectedEdges = try testCase.strings("edges").map { Double($0) }
            #expect(binning.edges == expectedEdges, "\(testCase) edges")
            #expect(binning.counts(of: reference) == (try testCase.ints("reference_counts")), "\(testCase) reference counts")
            #expect(binning.counts(of: try testCase.doubles("current")) == (try testCase.ints("current_counts")),
                    "\(testCase) current counts")
        }
    }

    @Test func binsAreLeftClosedAndOpenAtBothEnds() throws {
        let binning = try NumericBinning(edges: [0, 1, 2])
        #expect(binning.binCount == 4)
        #expect(binning.counts(of: [-1e300, 0, 0.5, 1, 2, 1e300]) == [1, 2, 1, 2])
    }

    @Test func rejectsBadInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) { try NumericBinning(reference: []) }
        #expect(throws: DriftStatisticsError.self) { try NumericBinning(reference: [1, .nan]) }
        #expect(throws: DriftStatisticsError.self) { try NumericBinning(reference: [1], bins: 0) }
        #expect(throws: DriftStatisticsError.self) { try NumericBinning(edges: [1, 1]) }
        #expect(throws: DriftStatisticsError.self) { try NumericBinning(edges: [.infinity]) }
    }

    @Test func constantReferenceHasOneEdge() throws {
        let binning = try NumericBinning(reference: Array(repeating: 3.0, count: 20))
        #expect(binning.edges == [3])
        #expect(binning.counts(of: [2, 3, 4]) == [1, 2])
    }

    /// Small samples are counted by binary search, large ones through the 16-bit prefix table;
    /// both must put every value — edges, both zeros, subnormals and extreme magnitudes included —
    /// in the bin `binIndex(of:)` names, and `fitted` must count the reference as `counts` does.
    @Test(arguments: [1, 2, 10, 17, 40], [5_000, 50_000])
    func countsAgreeWithBinIndexOnBothPaths(bins: Int, size: Int) throws {
        var generator = SplitMix64(seed: UInt64(bins * size))
        let reference = generator.normals(size).map { ($0 * 100).rounded() / 100 }
        let (binning, referenceCounts) = try NumericBinning.fitted(to: reference, bins: bins)
        #expect(referenceCounts == binning.counts(of: reference))
        #expect(try NumericBinning(reference: reference, bins: bins) == binning)
        let extremes: [Double] = [-0.0, 0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, -1e308, 1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        let nearEdges = binning.edges.flatMap { [$0.nextDown, $0, $0.nextUp] }
        let values = generator.normals(size, standardDeviation: 2) + nearEdges + extremes
        var expected = [Int](repeating: 0, count: binning.binCount)
        for value in values { expected[binning.binIndex(of: value)] += 1 }
        #expect(binning.counts(of: values) == expected)
        #expect(expected.reduce(0, +) == values.count)
    }
}
