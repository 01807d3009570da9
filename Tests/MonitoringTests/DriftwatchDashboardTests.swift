import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing

/// `dashboards/driftwatch-overview.json` against what driftwatch exports and against Grafana's
/// dashboard model, so a renamed metric or a malformed panel fails here rather than in Grafana.
@Suite("Grafana dashboard")
struct DriftwatchDashboardTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dashboard = repository.appendingPathComponent("dashboards/driftwatch-overview.json")

    static func load() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard)) as? [String: Any])
    }

    /// Every panel, rows' nested panels included.
    static func panels(_ dashboard: [String: Any]) -> [[String: Any]] {
        let top = dashboard["panels"] as? [[String: Any]] ?? []
        return top + top.flatMap { $0["panels"] as? [[String: Any]] ?? [] }
    }

    /// Every PromQL expression: panel targets and template variable queries.
    static func expressions(_ dashboard: [String: Any]) -> [String] {
        let targets = panels(dashboard).flatMap { $0["targets"] as? [[String: Any]] ?? [] }.compactMap { $0["expr"] as? String }
        let variables = ((dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? [])
            .filter { $0["type"] as? String == "query" }.compactMap { $0["query"] as? String }
        return targets + variables
    }

    /// The metric names an expression uses (driftwatch's namespace only).
    static func metricNames(in expression: String) -> [String] {
        expression.matches(of: /driftwatch_[a-zA-Z0-9_]+/).map { String($0.output) }
    }

    @Test("every metric the dashboard queries is one driftwatch exports")
    func metricNamesAreExported() throws {
        let dashboard = try Self.load()
        let exported = Dictionary(uniqueKeysWithValues: DriftwatchMetrics.all.map { ($0.name, $0.type) })
        let used = Set(Self.expressions(dashboard).flatMap(Self.metricNames))
        #expect(used.count >= 20)
        for name in used.sorted() {
            let histogram = ["_bucket", "_sum", "_count"].compactMap { suffix in
                name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : nil
            }.first { exported[$0] == .histogram }
            #expect(exported[name] != nil || histogram != nil, "\(name) is not among DriftwatchMetrics.all")
        }
        for required in [
            "driftwatch_feature_drift_score", "driftwatch_feature_drift_detected", "driftwatch_dataset_drift_share",
            "driftwatch_prediction_drift_score", "driftwatch_feature_missing_ratio", "driftwatch_feature_out_of_range_ratio",
            "driftwatch_feature_unseen_category_ratio", "driftwatch_model_performance", "driftwatch_outlier_ratio",
            "driftwatch_predictions_ingested_total", "driftwatch_ingest_rejected_total", "driftwatch_late_events_total",
            "driftwatch_http_request_duration_seconds_bucket", "driftwatch_alerts", "driftwatch_metric_anomaly_score",
            "driftwatch_metric_anomalous",
        ] {
            #expect(used.contains(required), "the dashboard has no panel on \(required)")
        }
    }

    @Test("queries go through the ${datasource} variable and model panels filter on $model")
    func variables() throws {
        let dashboard = try Self.load()
        let variables = try #require((dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]])
        let datasource = try #require(variables.first { $0["name"] as? String == "datasource" })
        #expect(datasource["type"] as? String == "datasource")
        #expect(datasource["query"] as? String == "prometheus")
        let model = try #require(variables.first { $0["name"] as? String == "model" })
        #expect(model["query"] as? String == "label_values(driftwatch_window_rows, model)")
        #expect(model["multi"] as? Bool == true)
        #expect(model["includeAll"] as? Bool == true)

        let queried = Self.panels(dashboard).filter { $0["type"] as? String != "row" }
        #expect(queried.count >= 15)
        for panel in queried {
            let title = panel["title"] as? String ?? "?"
            #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "\(title)")
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                #expect((target["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "\(title)")
                let expression = target["expr"] as? String ?? ""
                // Series labelled by model are filtered by the variable; service-wide ones and the
                // metric anomaly series (labelled by the watched series' own labels) carry no model label.
                let unlabelled = ["driftwatch_alerts", "driftwatch_actions_total", "driftwatch_metric_anomaly_score", "driftwatch_metric_anomalous"]
                let modelLabelled = Self.metricNames(in: expression).contains { !$0.hasPrefix("driftwatch_http_") && !unlabelled.contains($0) }
                if modelLabelled { #expect(expression.contains(#"model=~"$model""#), "\(title): \(expression)") }
            }
        }
    }

    @Test("the dashboard fits Grafana's dashboard model (grafana-foundation-sdk)")
    func grafanaModel() throws {
        let python = try #require(ExternalTool.locate("python3"), "python3 is not on PATH")
        let script = Self.repository.appendingPathComponent("scripts/dashboards/validate_dashboard.py").path
        var arguments = [script, Self.dashboard.path]
        // A local copy of the SDK's dashboard.jsonschema.json (not shipped in its package) adds JSON Schema validation.
        if let schema = ProcessInfo.processInfo.environment["GRAFANA_DASHBOARD_SCHEMA"] { arguments += ["--schema", schema] }
        let run = try ExternalTool.run(python, arguments)
        try #require(run.status != 3, "python3 -m pip install 'grafana-foundation-sdk==1769699379!11.6.0'\n\(run.output)")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.hasSuffix("driftwatch-overview.json: valid (\(Self.panels(try Self.load()).count) panels)\n"), "\(run.output)")
    }

    @Test("the validator reports unknown fields and wrong types by path")
    func validatorCatchesMistakes() throws {
        let python = try #require(ExternalTool.locate("python3"), "python3 is not on PATH")
        var dashboard = try Self.load()
        var panels = try #require(dashboard["panels"] as? [[String: Any]])
        panels[1]["bogus"] = true
        panels[1]["gridPos"] = ["h": 8, "w": "wide", "x": 0, "y": 1]
        dashboard["panels"] = panels
        dashboard["graphTooltip"] = 5
        let file = try ExternalTool.temporaryFile(
            String(decoding: try JSONSerialization.data(withJSONObject: dashboard), as: UTF8.self), suffix: ".json")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try ExternalTool.run(python, [Self.repository.appendingPathComponent("scripts/dashboards/validate_dashboard.py").path, file.path])
        try #require(run.status != 3, "python3 -m pip install 'grafana-foundation-sdk==1769699379!11.6.0'\n\(run.output)")
        #expect(run.status == 1)
        #expect(run.output.contains("/panels/1/bogus: not a field of Grafana's dashboard model"), "\(run.output)")
        #expect(run.output.contains("/panels/1/grid_pos/w: expected an integer, got 'wide'"), "\(run.output)")
        #expect(run.output.contains("/graph_tooltip: expected one of [0, 1, 2], got 5"), "\(run.output)")
    }
}
