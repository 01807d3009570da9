import Foundation
import Testing
@testable import DriftStatistics

@Suite struct PerformanceRegressionErrorSketchTests {
    @Test func matchesScikitLearnOnEveryFixtureCase() throws {
        let cases = try PerformanceFixture.cases("regression")
        #expect(cases.count >= 15)
        for fixtureCase in cases {
            let labels = try fixtureCase.doubles("labels")
            let predictions = try fixtureCase.doubles("predictions")
            let mae = try fixtureCase.double("mae")
            let rmse = try fixtureCase.double("rmse")
            expectClose(try meanAbsoluteError(predictions: predictions, labels: labels), mae, "\(fixtureCase) MAE")
            // The brief's bar for RMSE from the sketch is 1e-12 relative, tighter than the fixtures' 1e-9.
            let sketch = try RegressionErrorSketch(predictions: predictions, labels: labels)
            expectClose(try sketch.rootMeanSquaredError(), rmse, relative: 1e-12, "\(fixtureCase) RMSE")
            expectClose(try rootMeanSquaredError(predictions: predictions, labels: labels), rmse, "\(fixtureCase) RMSE")
            #expect(sketch.count == labels.count)
        }
    }

    @Test func mergingPartsEqualsTheWhole() throws {
        var generator = SplitMix64(seed: 31)
        for trial in 0..<100 {
            let n = Int.random(in: 10...2000, using: &generator)
            let scale = [1e-150, 1, 1e6, 1e150][trial % 4]
            let labels = (0..<n).map { _ in scale * generator.nextNormal() }
            let predictions = labels.map { $0 + scale * 0.1 * generator.nextNormal() }
            let whole = try RegressionErrorSketch(predictions: predictions, labels: labels)
            let partCount = Int.random(in: 2...12, using: &generator)
            let parts = SketchMergeOrders.split(Array(zip(predictions, labels)), parts: partCount, using: &generator)
            let sketches = try parts.map { part throws(DriftStatisticsError) in
                try RegressionErrorSketch(predictions: part.map(\.0), labels: part.map(\.1))
            }
            let sequential = SketchMergeOrders.sequentially(sketches, using: &generator) { $0.merging($1) }
            let tree = SketchMergeOrders.asTree(sketches, using: &generator) { $0.merging($1) }
            // One value at a time, as a stream of late labels would arrive.
            var streamed = RegressionErrorSketch()
            for (prediction, label) in zip(predictions, labels) { try streamed.add(prediction: prediction, label: label) }
            for (name, merged) in [("sequential", sequential), ("tree", tree), ("streamed", streamed)] {
                let context = "trial \(trial) \(name) of \(parts.count) parts"
                #expect(merged.count == whole.count, "\(context)")
                expectClose(merged.sumOfAbsoluteErrors, whole.sumOfAbsoluteErrors, relative: 1e-12, context)
                expectClose(merged.sumOfSquaredErrors, whole.sumOfSquaredErrors, relative: 1e-12, context)
                expectClose(try merged.rootMeanSquaredError(), try whole.rootMeanSquaredError(), relative: 1e-12, context)
            }
        }
    }

    @Test func edgeCases() throws {
        let empty = RegressionErrorSketch()
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.meanAbsoluteError() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try empty.rootMeanSquaredError() }
        #expect(throws: DriftStatisticsError.emptySample(.current)) { try meanAbsoluteError(predictions: [], labels: []) }
        #expect(throws: DriftStatisticsError.self) { try rootMeanSquaredError(predictions: [1], labels: [1, 2]) }
        #expect(throws: DriftStatisticsError.nonFiniteValue(.current, index: 1, value: .infinity)) {
            try meanAbsoluteError(predictions: [1, .infinity], labels: [1, 2])
        }
        #expect(throws: DriftStatisticsError.self) { try meanAbsoluteError(predictions: [1, 2], labels: [.nan, 2]) }
        var sketch = try RegressionErrorSketch(predictions: [1, 2], labels: [1, 4])
        #expect(throws: DriftStatisticsError.nonFiniteValue(.reference, index: 2, value: -.infinity)) {
            try sketch.add(prediction: 0, label: -.infinity)
        }
        #expect(sketch.count == 2)
        #expect(try sketch.meanAbsoluteError() == 1)
        #expect(try sketch.rootMeanSquaredError() == 2.0.squareRoot())
        #expect(try RegressionErrorSketch(predictions: [3.5], labels: [3.5]).rootMeanSquaredError() == 0)
        // Errors past ~1e154 overflow the square, as in sklearn.
        #expect(try rootMeanSquaredError(predictions: [1e155], labels: [-1e155]) == .infinity)
        #expect(try meanAbsoluteError(predictions: [1e155], labels: [-1e155]) == 2e155)
        #expect(try meanAbsoluteError(predictions: [1.5e308], labels: [-1.5e308]) == .infinity)
    }

    @Test func codableRoundTripAndRejectsImpossibleStates() throws {
        let sketch = try RegressionErrorSketch(predictions: [0.1, 0.7, 1e-3], labels: [0.3, 0.2, 0])
        let data = try JSONEncoder().encode(sketch)
        #expect(try JSONDecoder().decode(RegressionErrorSketch.self, from: data) == sketch)
        func state(count: Int, absolute: Double, squared: Double) -> Data {
            Data(#"{"count":\#(count),"sumOfAbsoluteErrors":\#(absolute),"sumOfAbsoluteErrorsCompensation":0,"#.utf8)
                + Data(#""sumOfSquaredErrors":\#(squared),"sumOfSquaredErrorsCompensation":0}"#.utf8)
        }
        #expect(try JSONDecoder().decode(RegressionErrorSketch.self, from: state(count: 2, absolute: 3, squared: 5)).count == 2)
        let negative = state(count: 2, absolute: -1, squared: 1)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RegressionErrorSketch.self, from: negative) }
        let emptyWithSums = state(count: 0, absolute: 1, squared: 1)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RegressionErrorSketch.self, from: emptyWithSums) }
    }
}
