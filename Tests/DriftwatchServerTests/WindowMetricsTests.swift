import DriftStatistics
import Foundation
import Monitoring
import Storage
import Testing

@testable import DriftwatchServer

/// The window series come from the detectors' reports, each labelled with its detector's name,
/// and the performance series follow the performance detector's `min_rows`.
@Suite struct WindowMetricsTests {
    static let schema = try! ModelSchema(
        features: [FeatureSpec(name: "x", type: .numeric), FeatureSpec(name: "y", type: .numeric), FeatureSpec(name: "tier", type: .categorical)],
        prediction: PredictionSpec(type: .score))

    static func events(_ count: Int, seed: UInt64, shift: Double) -> [PredictionEvent] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let x = random.nextNormal() + shift
            return PredictionEvent(
                id: "\(seed)-\(index)",
                features: [
                    "x": .number(x), "y": .number(0.8 * x + 0.6 * random.nextNormal()),
                    "tier": index % 10 == 0 ? .missing : .string(index % 2 == 0 ? "gold" : "basic"),
                ],
                prediction: .number(random.nextOpenUnit()))
        }
    }

    static func lines(_ set: MetricSet) -> [String] {
        ExpositionFormat.prometheusText.render(set).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test func everyDetectorExportsUnderItsOwnName() throws {
        let baseline = try BaselineProfile(name: "ref", schema: Self.schema, events: Self.events(500, seed: 1, shift: 0))
        var window = try WindowProfile(baseline: baseline, windowIndex: 4)
        for event in Self.events(300, seed: 2, shift: 0.5) { window.add(event) }
        let detectors = [
            DetectorSpec(name: "inputs", kind: .univariate, features: .named(["x"]), method: .psi),
            DetectorSpec(name: "joint", kind: .multivariate, method: .hotelling),
            DetectorSpec(name: "scores", kind: .prediction, method: .ks),
            DetectorSpec(name: "rows-far", kind: .outliers),
            DetectorSpec(name: "quality", kind: .dataQuality, features: .named(["tier"])),
        ]
        let report = try evaluate(window: window, against: baseline, detectors: detectors)
        var set = MetricSet()
        try WindowMetrics.add(model: "m", window: ClosedWindow(index: 4, start: 0, end: 3600, closedAt: 3601, report: report), to: &set)
        let lines = Self.lines(set)

        guard case let .univariate(features, share) = report.detectors[0].outcome,
            let psi = features.first?.outcome.result,
            case .multivariate(let joint) = report.detectors[1].outcome, let t2 = joint.outcome.result
        else {
            Issue.record("\(report.detectors)")
            return
        }
        #expect(psi.method == .psi && psi.drifted && share == 1)
        #expect(lines.contains(#"driftwatch_feature_drift_score{model="m",detector="inputs",feature="x",method="psi"} \#(PrometheusNumber.text(psi.statistic))"#))
        #expect(lines.contains(#"driftwatch_feature_drift_detected{model="m",detector="inputs",feature="x",method="psi"} 1"#))
        #expect(lines.contains(#"driftwatch_dataset_drift_share{model="m",detector="inputs"} 1"#))
        #expect(!lines.contains { $0.contains(#"feature="y""#) && $0.hasPrefix("driftwatch_feature_drift") }, "y is not selected")
        #expect(lines.contains(#"driftwatch_multivariate_drift_score{model="m",detector="joint",method="hotelling"} \#(PrometheusNumber.text(t2.statistic))"#))
        #expect(lines.contains(#"driftwatch_multivariate_drift_p_value{model="m",detector="joint",method="hotelling"} \#(PrometheusNumber.text(t2.pValue ?? .nan))"#))
        #expect(lines.contains { $0.hasPrefix(#"driftwatch_prediction_drift_score{model="m",method="ks"} "#) })
        #expect(lines.contains { $0.hasPrefix(#"driftwatch_outlier_ratio{model="m",detector="rows-far"} "#) })
        #expect(lines.contains(#"driftwatch_feature_missing_ratio{model="m",feature="tier"} 0.1"#))
        #expect(!lines.contains { $0.hasPrefix(#"driftwatch_feature_missing_ratio{model="m",feature="x"}"#) }, "x is not a quality feature")
        #expect(lines.contains(#"driftwatch_window_rows{model="m"} 300"#))

        // Without detectors a window exports its rows and end only.
        var bare = MetricSet()
        let silent = try evaluate(window: window, against: baseline, detectors: [])
        try WindowMetrics.add(model: "m", window: ClosedWindow(index: 4, start: 0, end: 3600, closedAt: 3601, report: silent), to: &bare)
        #expect(Self.lines(bare) == [#"driftwatch_window_end_timestamp_seconds{model="m"} 3600"#, #"driftwatch_window_rows{model="m"} 300"#])
    }

    @Test func performanceNeedsItsDetectorAndMinRows() throws {
        let performance = WindowPerformance(
            labeledRows: 150, labelsPastTTL: 0, unusablePairs: 0, unsupported: nil,
            versions: [
                VersionPerformance(version: "1", labeledRows: 120, metrics: ["accuracy": 0.9], undefined: [:]),
                VersionPerformance(version: "2", labeledRows: 30, metrics: ["accuracy": 0.5], undefined: [:]),
            ])
        func exported(_ detector: DetectorSpec?) throws -> [String] {
            var set = MetricSet()
            try WindowMetrics.add(model: "m", performance: performance, detector: detector, to: &set)
            return Self.lines(set)
        }
        #expect(try exported(DetectorSpec(name: "p", kind: .performance)) == [
            #"driftwatch_model_performance{model="m",version="1",metric="accuracy"} 0.9"#
        ])
        #expect(try exported(DetectorSpec(name: "p", kind: .performance, minRows: 30)).count == 2)
        #expect(try exported(nil).isEmpty)
    }
}
