import Foundation
import Testing
@testable import DriftStatistics

@Suite struct HistogramSketchTests {
    @Test func countsMatchTheBinning() throws {
        let binning = try NumericBinning(edges: [-1, 0, 2.5])
        let values = [-5, -1, -0.5, 0, 1, 2.5, 2.4999, 1e300, -1e300]
        let sketch = try HistogramSketch(binning: binning, values: values)
        #expect(sketch.counts == [2, 2, 3, 2])
        #expect(sketch.counts == binning.counts(of: values))
        #expect(sketch.total == values.count)

        var oneByOne = HistogramSketch(binning: binning)
        for value in values { try oneByOne.add(value) }
        #expect(oneByOne == sketch)
    }

    @Test func batchCountsMatchTheBinningOnRandomEdges() throws {
        var generator = SplitMix64(seed: 20)
        for edgeCount in 0...40 {
            let edges = (0..<edgeCount).map { Double($0) * 0.5 - 5 }
            let binning = try NumericBinning(edges: edges)
            // Values on every edge, between edges and outside them, shuffled.
            let values = (edges + edges.map { $0 + 0.25 } + generator.normals(200, mean: 0, standardDeviation: 8) + [-1e300, 1e300])
                .shuffled(using: &generator)
            let sketch = try HistogramSketch(binning: binning, values: values)
            #expect(sketch.counts == binning.counts(of: values), "\(edgeCount) edges")
        }
    }

    @Test func mergingPartsEqualsTheWholeExactly() throws {
        var generator = SplitMix64(seed: 21)
        for trial in 0..<200 {
            let reference = generator.normals(Int.random(in: 1...300, using: &generator))
            let binning = try NumericBinning(reference: reference, bins: Int.random(in: 1...12, using: &generator))
            var values = generator.normals(Int.random(in: 10...500, using: &generator), mean: 0.3, standardDeviation: 1.5)
            // Values on the edges themselves exercise the left-closed convention.
            values += binning.edges.prefix(3)
            let whole = try HistogramSketch(binning: binning, values: values)
            let parts = SketchMergeOrders.split(values, parts: Int.random(in: 2...10, using: &generator), using: &generator)
            let sketches = try parts.map { part throws(DriftStatisticsError) in try HistogramSketch(binning: binning, values: part) }
            let sequential = try SketchMergeOrders.sequentially(sketches, using: &generator) { try $0.merging($1) }
            let tree = try SketchMergeOrders.asTree(sketches, using: &generator) { try $0.merging($1) }
            #expect(sequential == whole, "trial \(trial): sequential merge of \(parts.count) parts")
            #expect(tree == whole, "trial \(trial): tree merge of \(parts.count) parts")
        }
    }

    @Test func emptySketchIsTheIdentityOfMerge() throws {
        let binning = try NumericBinning(edges: [0, 1])
        let sketch = try HistogramSketch(binning: binning, values: [-1, 0.5, 0.7, 3])
        #expect(try sketch.merging(HistogramSketch(binning: binning)) == sketch)
        #expect(try HistogramSketch(binning: binning).merging(sketch) == sketch)
        #expect(HistogramSketch(binning: binning).total == 0)
    }

    @Test func rejectsMergingDifferentBinnings() throws {
        var sketch = try HistogramSketch(binning: NumericBinning(edges: [0, 1]), values: [0.5])
        let before = sketch
        for edges in [[0, 2.0], [0.0], [0, 1, 2.0], []] {
            let other = try HistogramSketch(binning: NumericBinning(edges: edges), values: [0.5])
            #expect(throws: DriftStatisticsError.self) { try sketch.merge(other) }
            do {
                try sketch.merge(other)
            } catch {
                guard case .invalidArgument(name: "other", _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
            }
        }
        #expect(sketch == before)
    }

    @Test func rejectsNonFiniteValuesAndStaysUnchanged() throws {
        var sketch = try HistogramSketch(binning: NumericBinning(edges: [0]), values: [1, 2])
        let before = sketch
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 2, value: -.infinity)) {
            try sketch.add(-.infinity)
        }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 2, value: .infinity)) {
            try sketch.add(contentsOf: [3, 4, .infinity], role: .reference)
        }
        #expect(sketch == before)
    }

    @Test func codableRoundTrip() throws {
        var generator = SplitMix64(seed: 5)
        let binning = try NumericBinning(reference: generator.normals(100), bins: 7)
        for sketch in [HistogramSketch(binning: binning), try HistogramSketch(binning: binning, values: generator.normals(1000))] {
            let data = try JSONEncoder().encode(sketch)
            #expect(try JSONDecoder().decode(HistogramSketch.self, from: data) == sketch)
        }
        let wrongLength = Data(#"{"binning":{"edges":[0,1]},"counts":[1,2]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HistogramSketch.self, from: wrongLength) }
        let negative = Data(#"{"binning":{"edges":[0]},"counts":[1,-2]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HistogramSketch.self, from: negative) }
    }
}
