import Foundation
import Testing

@testable import AnomalyDetection

@Suite struct AnomalyDetectorSpecTests {
    @Test func parametersAreCheckedByNameAndRange() throws {
        #expect(throws: AnomalyDetectorSpecError(parameter: "window", message: "ewma has no parameter 'window'; it has band_width, lambda, warm_up")) {
            try AnomalyDetectorSpec(kind: .ewma, parameters: ["window": 10])
        }
        #expect(throws: AnomalyDetectorSpecError(parameter: "history", message: "150.5 is outside the whole numbers 200…1000000")) {
            try AnomalyDetectorSpec(kind: .conformalEnsemble, parameters: ["history": 150.5])
        }
        #expect(throws: AnomalyDetectorSpecError(parameter: "depth", message: "spot has no parameter 'depth'; it has calibration, level, maximum_peaks, risk")) {
            try AnomalyDetectorSpec(kind: .spot, parameters: ["depth": 5])
        }
        #expect(throws: AnomalyDetectorSpecError(parameter: "risk", message: "nan is outside (0, 0.5]")) {
            try AnomalyDetectorSpec(kind: .dspot, parameters: ["risk": .nan])
        }
    }

    /// Each kind builds its own detector with the parameters given and the defaults for the rest.
    @Test func buildsTheDetectorWithItsParameters() throws {
        let values = ConstructedSeries.spike(1500, at: 1200, height: 9)
        let times = values.indices.map(Double.init)
        let cases: [(AnomalyDetectorSpec, () -> [AnomalyVerdict])] = [
            (try AnomalyDetectorSpec(kind: .ewma, parameters: ["lambda": 0.2, "warm_up": 10]), {
                var detector = EWMADetector(lambda: 0.2, warmUp: 10)
                return verdicts(&detector, values)
            }),
            (try AnomalyDetectorSpec(kind: .holtWinters, parameters: ["season": 24, "band_width": 4]), {
                var detector = HoltWintersDetector(bandWidth: 4, season: 24)
                return verdicts(&detector, values)
            }),
            (try AnomalyDetectorSpec(kind: .dspot, parameters: ["calibration": 300]), {
                var detector = SPOTDetector(calibration: 300, depth: 10)
                return verdicts(&detector, values)
            }),
            (try AnomalyDetectorSpec(kind: .conformalEnsemble, parameters: ["history": 500, "quiet_after_alarm": 10]), {
                var detector = ConformalEnsembleDetector(history: 500, quietAfterAlarm: 10)
                return verdicts(&detector, values)
            }),
        ]
        for (spec, expected) in cases {
            var erased = spec.makeDetector()
            #expect(erased.observe(values: values, times: times) == expected(), "\(spec.kind)")
        }
    }

    @Test func oneAtATimeOrInABatchTheVerdictsAreTheSame() throws {
        let values = ConstructedSeries.step(800, at: 600, height: 5)
        for kind in AnomalyDetectorKind.allCases {
            var batch = AnomalyDetectorSpec.defaults(kind).makeDetector()
            var single = AnomalyDetectorSpec.defaults(kind).makeDetector()
            let together = batch.observe(values: values, times: values.indices.map(Double.init))
            let apart = values.enumerated().map { single.observe($0.element, at: Double($0.offset)) }
            #expect(together == apart && batch == single, "\(kind)")
        }
    }

    @Test func theErasedDetectorSavesAndRestoresWithItsKind() throws {
        var detector = AnomalyDetectorSpec.defaults(.holtWinters).makeDetector()
        _ = detector.observe(values: ConstructedSeries.seasonal(700, period: 50), times: (0..<700).map(Double.init))
        let restored = try JSONDecoder().decode(AnyAnomalyDetector.self, from: JSONEncoder().encode(detector))
        #expect(restored == detector)
        guard case .holtWinters(let inner) = restored else {
            Issue.record("restored as \(restored)")
            return
        }
        #expect(inner.season == 50)
    }
}
