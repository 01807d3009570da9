@testable import DriftStatistics
import Testing

@Suite struct SortedSamplesTests {
    /// Above the concurrency threshold the samples are sorted on separate threads; the result
    /// must be exactly each sample's own sort, in the input order of the samples.
    @Test func equalsSortingEachSample() {
        var generator = SplitMix64(seed: 0x5052_5453)
        for sizes in [[3, 5], [40_000, 30_000], [20_000, 1, 50_000]] {
            let samples = sizes.map { generator.normals($0) }
            #expect(sortedSamples(samples) == samples.map { $0.sorted() })
        }
    }
}
