import DriftStatistics
import Testing

/// The dispatcher's job is routing: which method `auto` picks, which bins or categories the
/// method sees, and which threshold decides. The methods themselves are checked against their
/// peers elsewhere, so the expectations here call them directly on the data they should receive.
@Suite struct UnivariateDriftTests {
    @Test func autoUsesKolmogorovSmirnovOnSmallContinuousSamples() throws {
        var generator = SplitMix64(seed: 1)
        let reference = generator.normals(800)
        let current = generator.normals(600, mean: 0.3)
        let verdict = try univariateDrift(reference: .numeric(reference), current: .numeric(current))
        #expect(verdict.automatic)
        #expect(verdict.result == (try kolmogorovSmirnovTest(reference: reference, current: current)))
        #expect(verdict.threshold == DriftThreshold(value: 0.05, direction: .pValueAtOrBelow))
        #expect(verdict.drifted == ((verdict.result.pValue ?? 1) <= 0.05))
        #expect(verdict.drifted, "a 0.3σ shift at 600 rows is drift")
    }

    @Test func autoUsesNormedWassersteinAboveAThousandReferenceRows() throws {
        var generator = SplitMix64(seed: 2)
        let reference = generator.normals(1001)
        let same = generator.normals(1500)
        let shifted = generator.normals(1500, mean: 0.5)
        let quiet = try univariateDrift(reference: .numeric(reference), current: .numeric(same))
        #expect(quiet.result == (try normedWassersteinDistance(reference: reference, current: same)))
        #expect(!quiet.drifted)
        let loud = try univariateDrift(reference: .numeric(reference), current: .numeric(shifted))
        #expect(loud.result.method == .normedWasserstein)
        #expect(loud.drifted)
    }

    @Test func autoUsesChiSquareOnCategoriesWithUnseenOnesAsTheirOwnColumn() throws {
        let reference = Array(repeating: "DE", count: 50) + Array(repeating: "FR", count: 30) + Array(repeating: "IT", count: 20)
        let current = Array(repeating: "DE", count: 40) + Array(repeating: "FR", count: 30) + Array(repeating: "ES", count: 30)
        let verdict = try univariateDrift(reference: .categorical(reference), current: .categorical(current))
        // Bins: DE, FR, IT, other, unseen — "ES" lands in unseen, "other" is empty in both.
        let expected = try chiSquareHomogeneityTest(referenceCounts: [50, 30, 20, 0, 0], currentCounts: [40, 30, 0, 0, 30])
        #expect(verdict.result == expected)
        #expect(verdict.drifted)
    }

    @Test func autoUsesTheZTestOnBinaryValuesWithTheReferenceModeAsSuccess() throws {
        let reference: [Double] = Array(repeating: 1, count: 70) + Array(repeating: 0, count: 30)
        let current: [Double] = Array(repeating: 1, count: 45) + Array(repeating: 0, count: 55)
        let verdict = try univariateDrift(reference: .numeric(reference), current: .numeric(current))
        let expected = try twoProportionZTest(referenceSuccesses: 70, referenceCount: 100, currentSuccesses: 45, currentCount: 100)
        #expect(verdict.result == expected)
        #expect(verdict.drifted)
        let fisher = try univariateDrift(reference: .numeric(reference), current: .numeric(current), method: .fisher)
        #expect(fisher.result == (try fisherExactTest(70, 30, 45, 55)))
        #expect(!fisher.automatic)
    }

    @Test func autoUsesJensenShannonPerDistinctValueForDiscreteNumericData() throws {
        let reference: [Double] = (0..<2000).map { Double($0 % 4) }
        let current: [Double] = (0..<1200).map { $0 % 3 == 0 ? 3 : Double($0 % 2) }
        let verdict = try univariateDrift(reference: .numeric(reference), current: .numeric(current))
        // One bin per value (0, 1, 2, 3 are equally frequent, so ties order them by name), then other, unseen.
        let referenceCounts = [500, 500, 500, 500, 0, 0]
        let currentCounts = [400, 400, 0, 400, 0, 0]
        #expect(verdict.result == (try jensenShannonDistance(referenceCounts: referenceCounts, currentCounts: currentCounts)))
        #expect(verdict.drifted)
    }

    @Test func binnedDivergencesUseReferenceQuantileBinsOnContinuousData() throws {
        var generator = SplitMix64(seed: 3)
        let reference = generator.normals(5000)
        let current = generator.normals(3000, mean: 0.2)
        let binning = try NumericBinning(reference: reference, bins: 10)
        let verdict = try univariateDrift(reference: .numeric(reference), current: .numeric(current), method: .psi)
        let expected = try populationStabilityIndex(
            referenceCounts: binning.counts(of: reference), currentCounts: binning.counts(of: current)
        )
        #expect(verdict.result == expected)
        let twenty = try univariateDrift(reference: .numeric(reference), current: .numeric(current), method: .psi, bins: 20)
        #expect(twenty.result != expected, "the bins argument reaches the binning")
    }

    @Test func anExplicitThresholdDecides() throws {
        var generator = SplitMix64(seed: 4)
        let reference = generator.normals(300)
        let current = generator.normals(300, mean: 0.1)
        let strict = DriftThreshold(value: 1e-12, direction: .pValueBelow)
        let lenient = DriftThreshold(value: 0.999_999, direction: .pValueBelow)
        #expect(!(try univariateDrift(reference: .numeric(reference), current: .numeric(current), method: .mannwhitney, threshold: strict).drifted))
        #expect(try univariateDrift(reference: .numeric(reference), current: .numeric(current), method: .mannwhitney, threshold: lenient).drifted)
    }

    @Test func refusesMethodsThatDoNotFitTheData() {
        let numbers = FeatureValues.numeric([1, 2, 3, 4])
        let words = FeatureValues.categorical(["a", "b", "c"])
        #expect(throws: DriftStatisticsError.invalidArgument(name: "method", reason: "ks needs numeric values")) {
            try univariateDrift(reference: words, current: words, method: .ks)
        }
        #expect(throws: DriftStatisticsError.invalidArgument(name: "current", reason: "the reference is numeric but the current sample is categorical")) {
            try univariateDrift(reference: numbers, current: words)
        }
        #expect(throws: DriftStatisticsError.invalidArgument(name: "method", reason: "mmd is a multivariate method, not a univariate test")) {
            try univariateDrift(reference: numbers, current: numbers, method: .mmd)
        }
        #expect(throws: DriftStatisticsError.invalidArgument(name: "method", reason: "z compares two values, but the samples hold 3")) {
            try univariateDrift(reference: words, current: words, method: .z)
        }
        #expect(throws: DriftStatisticsError.emptySample(.current)) {
            try univariateDrift(reference: numbers, current: .numeric([]))
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 1, value: .infinity)) {
            try univariateDrift(reference: .numeric([1, .infinity, 3]), current: numbers)
        }
    }
}
