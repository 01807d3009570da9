import AnomalyDetection
import Monitoring
import Testing

@testable import DriftwatchServer

/// `kind: metric-anomaly` entries of detector files (``MetricAnomalySpec``).
@Suite struct DetectorFileParserMetricAnomalyTests {
    private func problems(_ yaml: String) -> [String] {
        do {
            let file = try DetectorFileParser.parse(yaml: yaml, path: "detectors/ops.yaml")
            Issue.record("parsed: \(file)")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func aFileOfMetricAnomalyDetectorsNeedsNoModel() throws {
        let file = try DetectorFileParser.parse(
            yaml: """
                detectors:
                  - name: latency
                    kind: metric-anomaly
                    series: endpoint_latency_ms{endpoint=~"fraud|churn", region!="test"}
                    detector: robust-zscore
                    parameters: {window: 100, threshold: 4}
                    hold: 10m
                    max_series: 20
                  - name: drift-share
                    kind: metric-anomaly
                    series: driftwatch_dataset_drift_share{detector="feature-drift"}
                rules:
                  - alert: LatencyAnomaly
                    expr: driftwatch_metric_anomalous{detector="latency"} == 1
                """, path: "detectors/ops.yaml")
        #expect(file.detectors.isEmpty && file.models.patterns.isEmpty && !file.models.matches("fraud"))
        #expect(file.metricAnomalies.map(\.name) == ["latency", "drift-share"])
        let latency = file.metricAnomalies[0]
        #expect(latency.metricName == "endpoint_latency_ms" && !latency.watchesWindows)
        #expect(latency.detector == (try AnomalyDetectorSpec(kind: .robustZScore, parameters: ["window": 100, "threshold": 4])))
        #expect(latency.hold == 600 && latency.maxSeries == 20 && latency.place == SourcePlace(file: "detectors/ops.yaml", line: 2, column: 5))
        #expect(latency.selector.matches(SeriesLabels([("__name__", "endpoint_latency_ms"), ("endpoint", "churn")])))
        #expect(!latency.selector.matches(SeriesLabels([("__name__", "endpoint_latency_ms"), ("endpoint", "churn"), ("region", "test")])))
        let share = file.metricAnomalies[1]
        #expect(share.watchesWindows && share.detector == .defaults(.conformalEnsemble) && share.hold == MetricAnomalySpec.defaultHold)
        #expect(share.maxSeries == MetricAnomalySpec.defaultMaxSeries)
        #expect(file.rules.map(\.name) == ["LatencyAnomaly"])
    }

    @Test func aModelFileCarriesBothKindsOfDetector() throws {
        let file = try DetectorFileParser.parse(
            yaml: """
                model: fraud
                detectors:
                  - name: feature-drift
                    kind: univariate
                  - name: fraud-latency
                    kind: metric-anomaly
                    series: endpoint_latency_ms{endpoint="fraud"}
                """, path: "detectors/fraud.yaml")
        #expect(file.detectors.map(\.name) == ["feature-drift"] && file.metricAnomalies.map(\.name) == ["fraud-latency"])
        #expect(DetectorSet(files: [file]).plan(for: "fraud").detectors.map(\.name) == ["feature-drift"])
    }

    @Test func eachBadFieldIsNamedAtItsPlace() {
        let found = problems(
            """
            detectors:
              - name: a
                kind: metric-anomaly
                series: latency{endpoint="x"
              - name: b
                kind: metric-anomaly
                series: '{endpoint="x"}'
              - name: c
                kind: metric-anomaly
                series: max(latency)
              - name: d
                kind: metric-anomaly
                series: driftwatch_predictions_ingested_total
              - name: e
                kind: metric-anomaly
                series: latency
                detector: prophet
              - name: f
                kind: metric-anomaly
                series: latency
                detector: ewma
                parameters: {lambda: 1.5, history: 10, warm_up: 30}
              - name: g
                kind: metric-anomaly
                series: latency
                hold: soon
                window: 1h
                max_series: 0
              - name: a
                kind: metric-anomaly
              - name: h
                kind: metric-anomaly
                series: latency
                parameters: [1, 2]
            """)
        let expected = [
            "detectors/ops.yaml:4:33: detectors[0].series: expected '}' to close the label matchers",
            "detectors/ops.yaml:7:13: detectors[1].series: expected one metric's selector",
            "detectors/ops.yaml:10:13: detectors[2].series: expected one metric's selector",
            "detectors/ops.yaml:13:13: detectors[3].series: 'driftwatch_predictions_ingested_total' is not a window series",
            "detectors/ops.yaml:17:15: detectors[4].detector: unknown value 'prophet' (one of: conformal-ensemble, robust-zscore",
            "detectors/ops.yaml:22:26: detectors[5].parameters.lambda: 1.5 is outside (0, 1]",
            "detectors/ops.yaml:22:40: detectors[5].parameters.history: ewma has no parameter 'history'; it has band_width, lambda, warm_up",
            "detectors/ops.yaml:26:11: detectors[6].hold: invalid duration 'soon'",
            "detectors/ops.yaml:27:5: detectors[6]: unknown key 'window'",
            "detectors/ops.yaml:28:17: detectors[6].max_series: ",
            "detectors/ops.yaml:29:5: detectors[7]: a metric-anomaly detector needs 'name' and 'series'",
            "detectors/ops.yaml:34:17: detectors[8].parameters: expected a mapping of parameter names to numbers",
        ]
        #expect(found.count == expected.count, "\(found)")
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "no problem starting '\(prefix)' in \(found)")
        }
    }

    @Test func aFileWithModelDetectorsStillNeedsItsModels() {
        let found = problems(
            """
            detectors:
              - name: drift
                kind: univariate
              - name: latency
                kind: metric-anomaly
                series: latency
            """)
        #expect(found.count == 1 && found[0].hasPrefix("detectors/ops.yaml:1:1: file: 'model' (a name) or 'models'"), "\(found)")
        #expect(found.first?.contains("only a file of metric-anomaly detectors may leave it out") == true)
    }

    @Test func namesAreUniqueAcrossKindsAndTheUnknownKindListsMetricAnomaly() {
        let found = problems(
            """
            model: fraud
            detectors:
              - name: drift
                kind: univariate
              - name: drift
                kind: metric-anomaly
                series: latency
              - name: other
                kind: anomaly
            """)
        #expect(found.contains { $0.hasPrefix("detectors/ops.yaml:5:5: detector 'drift' is defined twice") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("detectors/ops.yaml:9:11: detectors[2].kind: unknown value 'anomaly'") && $0.hasSuffix("outliers, metric-anomaly)") }, "\(found)")
    }
}
