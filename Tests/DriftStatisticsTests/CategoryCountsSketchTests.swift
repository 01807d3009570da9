import Foundation
import Testing
@testable import DriftStatistics

@Suite struct CategoryCountsSketchTests {
    private static func binning(maxCategories: Int = 3) throws -> CategoricalBinning {
        try CategoricalBinning(
            reference: ["red", "red", "red", "green", "green", "blue", "teal", "teal", "plum"],
            maxCategories: maxCategories
        )
    }

    @Test func countsMatchTheBinning() throws {
        let binning = try Self.binning()
        let values = ["red", "blue", "plum", "new", "red", "newer", "new", "teal"]
        let sketch = try CategoryCountsSketch(binning: binning, values: values)
        #expect(sketch.counts == binning.counts(of: values))
        #expect(sketch.counts[binning.otherBin] == 2)
        #expect(sketch.counts[binning.unseenBin] == 3)
        #expect(sketch.total == values.count)
        #expect(sketch.unseenRatio == 3.0 / 8.0)
        #expect(sketch.unseenCategories.counters == ["new": 2, "newer": 1])
        #expect(sketch.unseenCategories.total == 3)
        #expect(try CategoryCountsSketch(binning: binning).unseenRatio == nil)
    }

    /// A stream mixing the kept, other and many unseen names, skewed so some unseen names are heavy.
    private static func stream(count: Int, using generator: inout SplitMix64) -> [String] {
        let known = ["red", "green", "blue", "teal", "plum"]
        return (0..<count).map { _ in
            if generator.nextOpenUnit() < 0.5 { return known[Int.random(in: 0..<known.count, using: &generator)] }
            let u = generator.nextOpenUnit()
            return "unseen\(Int(60 * u * u * u))"
        }
    }

    @Test func mergingPartsEqualsTheWhole() throws {
        var generator = SplitMix64(seed: 41)
        let binning = try Self.binning()
        for trial in 0..<150 {
            let values = Self.stream(count: Int.random(in: 20...1500, using: &generator), using: &generator)
            let capacity = Int.random(in: 1...25, using: &generator)
            let whole = try CategoryCountsSketch(binning: binning, values: values, unseenCapacity: capacity)
            let parts = SketchMergeOrders.split(values, parts: Int.random(in: 2...10, using: &generator), using: &generator)
            let sketches = try parts.map { part throws(DriftStatisticsError) in
                try CategoryCountsSketch(binning: binning, values: part, unseenCapacity: capacity)
            }
            let sequential = try SketchMergeOrders.sequentially(sketches, using: &generator) { try $0.merging($1) }
            let tree = try SketchMergeOrders.asTree(sketches, using: &generator) { try $0.merging($1) }
            let unseenStream = values.filter { binning.binIndex(of: $0) == binning.unseenBin }
            for (label, merged) in [("sequential", sequential), ("tree", tree)] {
                let context = "trial \(trial) \(label) of \(parts.count) parts, k=\(capacity)"
                // The bin counts merge exactly; the unseen summary keeps its error bound.
                #expect(merged.counts == whole.counts, "\(context)")
                #expect(merged.unseenCategories.total == merged.counts[binning.unseenBin], "\(context)")
                MisraGriesSummaryTests.checkGuarantee(merged.unseenCategories, stream: unseenStream, context)
                if Set(unseenStream).count <= capacity {
                    #expect(merged == whole, "\(context): few unseen names, so the whole sketch is exact")
                }
            }
        }
    }

    @Test func emptySketchIsTheIdentityOfMerge() throws {
        let binning = try Self.binning()
        let sketch = try CategoryCountsSketch(binning: binning, values: ["red", "new", "plum"])
        #expect(try sketch.merging(CategoryCountsSketch(binning: binning)) == sketch)
        #expect(try CategoryCountsSketch(binning: binning).merging(sketch) == sketch)
    }

    @Test func rejectsMergingDifferentBinnings() throws {
        var sketch = try CategoryCountsSketch(binning: Self.binning(), values: ["red"])
        let before = sketch
        let others = [
            try CategoryCountsSketch(binning: Self.binning(maxCategories: 2), values: ["red"]),
            try CategoryCountsSketch(binning: CategoricalBinning(reference: ["red", "red", "green", "blue", "teal"], maxCategories: 3)),
        ]
        for other in others {
            do {
                try sketch.merge(other)
                Issue.record("merged sketches over different binnings")
            } catch {
                guard case .invalidArgument(name: "other", _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
            }
        }
        #expect(sketch == before)
        #expect(throws: DriftStatisticsError.self) { try CategoryCountsSketch(binning: Self.binning(), unseenCapacity: 0) }
    }

    @Test func codableRoundTrip() throws {
        var generator = SplitMix64(seed: 42)
        let binning = try Self.binning()
        let sketch = try CategoryCountsSketch(binning: binning, values: Self.stream(count: 500, using: &generator), unseenCapacity: 5)
        let data = try JSONEncoder().encode(sketch)
        #expect(try JSONDecoder().decode(CategoryCountsSketch.self, from: data) == sketch)

        // An unseen bin that disagrees with the unseen summary is corrupt.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var counts = try #require(object["counts"] as? [Int])
        counts[binning.unseenBin] += 1
        object["counts"] = counts
        let corrupt = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CategoryCountsSketch.self, from: corrupt) }
    }
}
