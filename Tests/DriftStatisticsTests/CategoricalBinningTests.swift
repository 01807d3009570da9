import Testing
@testable import DriftStatistics

@Suite struct CategoricalBinningTests {
    @Test func categoriesAndCountsMatchTheFixture() throws {
        let cases = try DistancesFixture.cases("categorical_binned")
        #expect(cases.count >= 10)
        for testCase in cases {
            let reference = try testCase.strings("reference")
            let binning = try CategoricalBinning(
                reference: reference, maxCategories: try testCase.int("max_categories"),
                knownLimit: try testCase.int("known_limit")
            )
            #expect(binning.categories == (try testCase.strings("categories")), "\(testCase) categories")
            #expect(binning.counts(of: reference) == (try testCase.ints("reference_counts")), "\(testCase) reference counts")
            #expect(binning.counts(of: try testCase.strings("current")) == (try testCase.ints("current_counts")),
                    "\(testCase) current counts")
        }
    }

    @Test func otherAndUnseenBins() throws {
        let binning = try CategoricalBinning(reference: ["a", "a", "a", "b", "b", "c"], maxCategories: 2)
        #expect(binning.categories == ["a", "b"])
        #expect(binning.binIndex(of: "c") == binning.otherBin)
        #expect(binning.binIndex(of: "z") == binning.unseenBin)
        #expect(binning.counts(of: ["a", "c", "z", "z"]) == [1, 0, 1, 2])
    }

    @Test func rejectsBadInput() {
        #expect(throws: DriftStatisticsError.emptySample(.reference)) { try CategoricalBinning(reference: []) }
        #expect(throws: DriftStatisticsError.self) { try CategoricalBinning(reference: ["a"], maxCategories: 0) }
    }
}
