import Foundation
import Testing
@testable import DriftStatistics

@Suite struct BinnedDivergenceTests {
    @Test func matchesTheReferenceImplementationOnEveryFixtureCase() throws {
        let cases = try DistancesFixture.cases("numeric_binned", "categorical_binned", "counts")
        #expect(cases.count >= 60)
        for testCase in cases {
            let reference = try testCase.ints("reference_counts")
            let current = try testCase.ints("current_counts")
            let psi = try populationStabilityIndex(referenceCounts: reference, currentCounts: current)
            #expect(psi.method == .psi)
            expectClose(psi.statistic, try testCase.double("psi"), "\(testCase) psi")
            let kl = try kullbackLeiblerDivergence(referenceCounts: reference, currentCounts: current)
            #expect(kl.method == .kl)
            expectClose(kl.statistic, try testCase.double("kl"), "\(testCase) kl")
            let js = try jensenShannonDistance(referenceCounts: reference, currentCounts: current)
            #expect(js.method == .js)
            expectClose(js.statistic, try testCase.double("js"), "\(testCase) js")
            let js2 = try jensenShannonDistance(referenceCounts: reference, currentCounts: current, base: 2)
            expectClose(js2.statistic, try testCase.double("js_base2"), "\(testCase) js base 2")
            let hellinger = try hellingerDistance(referenceCounts: reference, currentCounts: current)
            #expect(hellinger.method == .hellinger)
            expectClose(hellinger.statistic, try testCase.double("hellinger"), "\(testCase) hellinger")
            let tv = try totalVariationDistance(referenceCounts: reference, currentCounts: current)
            #expect(tv.method == .totalVariation)
            expectClose(tv.statistic, try testCase.double("tv"), "\(testCase) tv")
        }
    }

    @Test func identicalProportionsGiveExactlyZero() throws {
        let reference = [30, 0, 60, 90, 0, 120]
        let current = [1, 0, 2, 3, 0, 4]
        #expect(try populationStabilityIndex(referenceCounts: reference, currentCounts: current).statistic == 0)
        #expect(try kullbackLeiblerDivergence(referenceCounts: reference, currentCounts: current).statistic == 0)
        #expect(try jensenShannonDistance(referenceCounts: reference, currentCounts: current).statistic == 0)
        #expect(try hellingerDistance(referenceCounts: reference, currentCounts: current).statistic == 0)
        #expect(try totalVariationDistance(referenceCounts: reference, currentCounts: current).statistic == 0)
    }

    @Test func disjointHistogramsReachTheMaxima() throws {
        let reference = [5, 0]
        let current = [0, 7]
        expectClose(try jensenShannonDistance(referenceCounts: reference, currentCounts: current).statistic,
                    log(2.0).squareRoot(), "js natural max √ln2")
        expectClose(try jensenShannonDistance(referenceCounts: reference, currentCounts: current, base: 2).statistic,
                    1, "js base-2 max")
        expectClose(try hellingerDistance(referenceCounts: reference, currentCounts: current).statistic, 1, "hellinger max")
        expectClose(try totalVariationDistance(referenceCounts: reference, currentCounts: current).statistic, 1, "tv max")
    }

    @Test func epsilonIsAParameter() throws {
        // Reference ½, ½; current 1, 0 floored to ε = 1e-2 (no renormalisation).
        let psi = try populationStabilityIndex(referenceCounts: [1, 1], currentCounts: [2, 0], epsilon: 1e-2)
        let expected = (1.0 - 0.5) * log(1.0 / 0.5) + (0.01 - 0.5) * log(0.01 / 0.5)
        expectClose(psi.statistic, expected, relative: 1e-14, "psi with epsilon 1e-2")
    }

    @Test func rejectsInvalidInput() {
        #expect(throws: DriftStatisticsError.self) {
            try populationStabilityIndex(referenceCounts: [1, 2], currentCounts: [1])
        }
        #expect(throws: DriftStatisticsError.invalidArgument(
            name: "currentCounts[1]", reason: "counts must be non-negative, got -1"
        )) {
            try kullbackLeiblerDivergence(referenceCounts: [1, 2], currentCounts: [1, -1])
        }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try jensenShannonDistance(referenceCounts: [0, 0], currentCounts: [1, 2])
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try hellingerDistance(referenceCounts: [3, 0], currentCounts: [0, 0])
        }
        #expect(throws: DriftStatisticsError.emptySample(.reference)) {
            try totalVariationDistance(referenceCounts: [], currentCounts: [])
        }
        for epsilon in [0, -1e-4, 1, .nan, .infinity] {
            #expect(throws: DriftStatisticsError.self) {
                try populationStabilityIndex(referenceCounts: [1], currentCounts: [1], epsilon: epsilon)
            }
            #expect(throws: DriftStatisticsError.self) {
                try kullbackLeiblerDivergence(referenceCounts: [1], currentCounts: [1], epsilon: epsilon)
            }
        }
        for base in [0, -2, 1, .nan, .infinity] {
            #expect(throws: DriftStatisticsError.self) {
                try jensenShannonDistance(referenceCounts: [1], currentCounts: [1], base: base)
            }
        }
        #expect(throws: DriftStatisticsError.invalidArgument(name: "referenceCounts", reason: "the total count overflows Int")) {
            try totalVariationDistance(referenceCounts: [Int.max, 1], currentCounts: [1, 1])
        }
    }
}
