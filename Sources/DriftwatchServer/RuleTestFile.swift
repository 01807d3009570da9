import Foundation
import Monitoring
import Yams

/// Reads a `driftwatch rules test` file: the format of `promtool test rules`, with detector files
/// where promtool has rule files.
///
/// ```yaml
/// rule_files: [../detectors/fraud-detector.yaml]   # relative to this file
/// evaluation_interval: 1m
/// tests:
///   - interval: 1m
///     input_series:
///       - series: 'driftwatch_dataset_drift_share{model="fraud-detector", detector="feature-drift"}'
///         values: '0.1x4 0.6x10 0.1x20'
///     alert_rule_test:
///       - eval_time: 10m
///         alertname: DatasetDrift
///         exp_alerts:
///           - exp_labels: {model: fraud-detector, detector: feature-drift, severity: warning}
///             exp_annotations: {summary: "..."}
///     promql_expr_test:
///       - expr: driftwatch_dataset_drift_share > 0.5
///         eval_time: 10m
///         exp_samples:
///           - labels: 'driftwatch_dataset_drift_share{model="fraud-detector", detector="feature-drift"}'
///             value: 0.6
/// ```
public struct RuleTestFile: Sendable {
    public let path: String
    public let rules: [AlertRule]
    public let evaluationInterval: Double
    public let tests: [RuleTestCase]

    /// Reads the file and the detector files it names; every problem is listed with its place.
    public static func load(_ path: String) throws(DetectorSetError) -> RuleTestFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DetectorSetError([DetectorFileError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(yaml: text, path: path)
    }

    static func parse(yaml: String, path: String) throws(DetectorSetError) -> RuleTestFile {
        var reader = YAMLMappingReader(file: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw DetectorSetError([DetectorFileParser.syntaxError(error, file: path)])
        } catch {
            throw DetectorSetError([DetectorFileError(file: path, line: 1, column: 1, message: "YAML: \(error)")])
        }
        guard let root else { throw DetectorSetError([DetectorFileError(file: path, line: 1, column: 1, message: "the file is empty")]) }
        let fields = reader.fields(root, known: ["rule_files", "evaluation_interval", "tests"], context: "file")
        let directory = (path as NSString).deletingLastPathComponent
        var files: [DetectorFile] = []
        if let node = fields["rule_files"], let entries = reader.sequence(node, "rule_files") {
            for (index, entry) in entries.enumerated() {
                guard let name = reader.text(entry, "rule_files[\(index)]") else { continue }
                let filePath = name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
                do {
                    files.append(try DetectorFileParser.parse(yaml: String(contentsOfFile: filePath, encoding: .utf8), path: filePath))
                } catch let error as DetectorSetError {
                    reader.absorb(error.errors)
                } catch {
                    reader.fail(entry, "rule_files[\(index)]: cannot read \(filePath): \(error.localizedDescription)")
                }
            }
        } else {
            reader.fail(root, "file: 'rule_files' (the detector files whose rules are tested) is required")
        }
        let interval = fields["evaluation_interval"].flatMap { reader.duration($0, "evaluation_interval", allowingZero: false) } ?? 60
        var tests: [RuleTestCase] = []
        if let node = fields["tests"], let entries = reader.sequence(node, "tests") {
            for (index, entry) in entries.enumerated() {
                if let test = Self.test(entry, "tests[\(index)]", &reader) { tests.append(test) }
            }
        }
        guard reader.errors.isEmpty else { throw DetectorSetError(reader.errors) }
        return RuleTestFile(path: path, rules: files.flatMap(\.rules), evaluationInterval: interval, tests: tests)
    }

    private static func test(_ node: Node, _ context: String, _ reader: inout YAMLMappingReader) -> RuleTestCase? {
        let fields = reader.fields(node, known: ["interval", "input_series", "alert_rule_test", "promql_expr_test"], context: context)
        let step = fields["interval"].flatMap { reader.duration($0, "\(context).interval", allowingZero: false) } ?? 60
        var series: [SeriesHistory.Series] = []
        for (index, entry) in (fields["input_series"].flatMap { reader.sequence($0, "\(context).input_series") } ?? []).enumerated() {
            let place = "\(context).input_series[\(index)]"
            let entryFields = reader.fields(entry, known: ["series", "values"], context: place)
            guard let seriesNode = entryFields["series"], let valuesNode = entryFields["values"] else {
                reader.fail(entry, "\(place): 'series' and 'values' are required")
                continue
            }
            let labels = Self.labels(seriesNode, "\(place).series", &reader)
            var points: [SeriesValuesNotation.Point]?
            if let text = reader.text(valuesNode, "\(place).values") {
                do {
                    points = try SeriesValuesNotation.parse(text)
                } catch {
                    reader.fail(valuesNode, "\(place).values: \(error)")
                }
            }
            if let labels, let points { series.append(SeriesHistory.Series(labels: labels, points: points)) }
        }
        var alertChecks: [RuleTestCase.AlertCheck] = []
        for (index, entry) in (fields["alert_rule_test"].flatMap { reader.sequence($0, "\(context).alert_rule_test") } ?? []).enumerated() {
            let place = "\(context).alert_rule_test[\(index)]"
            let check = reader.fields(entry, known: ["eval_time", "alertname", "exp_alerts"], context: place)
            guard let timeNode = check["eval_time"], let nameNode = check["alertname"],
                let time = reader.duration(timeNode, "\(place).eval_time", allowingZero: true),
                let name = reader.text(nameNode, "\(place).alertname")
            else {
                if check["eval_time"] == nil || check["alertname"] == nil { reader.fail(entry, "\(place): 'eval_time' and 'alertname' are required") }
                continue
            }
            var expected: [RuleTestCase.ExpectedAlert] = []
            for (alertIndex, alert) in (check["exp_alerts"].flatMap { reader.sequence($0, "\(place).exp_alerts") } ?? []).enumerated() {
                let alertPlace = "\(place).exp_alerts[\(alertIndex)]"
                let alertFields = reader.fields(alert, known: ["exp_labels", "exp_annotations"], context: alertPlace)
                let labels = alertFields["exp_labels"].flatMap { reader.stringMapping($0, "\(alertPlace).exp_labels") } ?? [:]
                let annotations = alertFields["exp_annotations"].flatMap { reader.stringMapping($0, "\(alertPlace).exp_annotations") } ?? [:]
                expected.append(RuleTestCase.ExpectedAlert(labels: SeriesLabels(labels.map { ($0.key, $0.value) }), annotations: annotations))
            }
            alertChecks.append(RuleTestCase.AlertCheck(evalTime: time, alertName: name, expected: expected, place: reader.place(of: entry)))
        }
        var expressionChecks: [RuleTestCase.ExpressionCheck] = []
        for (index, entry) in (fields["promql_expr_test"].flatMap { reader.sequence($0, "\(context).promql_expr_test") } ?? []).enumerated() {
            let place = "\(context).promql_expr_test[\(index)]"
            let check = reader.fields(entry, known: ["expr", "eval_time", "exp_samples"], context: place)
            guard let exprNode = check["expr"], let timeNode = check["eval_time"],
                let text = reader.text(exprNode, "\(place).expr"),
                let time = reader.duration(timeNode, "\(place).eval_time", allowingZero: true)
            else { continue }
            let expression: RuleExpression
            do {
                expression = try RuleExpressionParser.parse(text)
            } catch {
                reader.fail(exprNode, "\(place).expr: \(error)")
                continue
            }
            var samples: [RuleSample] = []
            for (sampleIndex, sample) in (check["exp_samples"].flatMap { reader.sequence($0, "\(place).exp_samples") } ?? []).enumerated() {
                let samplePlace = "\(place).exp_samples[\(sampleIndex)]"
                let sampleFields = reader.fields(sample, known: ["labels", "value"], context: samplePlace)
                guard let labelsNode = sampleFields["labels"], let valueNode = sampleFields["value"],
                    let labels = Self.labels(labelsNode, "\(samplePlace).labels", &reader)
                else { continue }
                let value = valueNode.string.flatMap { ["nan": Double.nan, "+inf": .infinity, "inf": .infinity, "-inf": -.infinity][$0.lowercased()] }
                    ?? reader.number(valueNode, "\(samplePlace).value")
                if let value { samples.append(RuleSample(labels: labels, value: value)) }
            }
            expressionChecks.append(RuleTestCase.ExpressionCheck(
                expression: expression, text: text, evalTime: time, expected: samples, place: reader.place(of: entry)))
        }
        return RuleTestCase(history: SeriesHistory(series: series, step: step), alertChecks: alertChecks, expressionChecks: expressionChecks)
    }

    /// A series written as a selector with `=` matchers only: `name{label="value", …}`.
    private static func labels(_ node: Node, _ context: String, _ reader: inout YAMLMappingReader) -> SeriesLabels? {
        guard let text = reader.text(node, context) else { return nil }
        if text.trimmingCharacters(in: .whitespaces) == "{}" { return SeriesLabels() }
        guard case .selector(let selector) = try? RuleExpressionParser.parse(text),
            selector.matchers.allSatisfy({ $0.operation == .equal })
        else {
            reader.fail(node, "\(context): expected a series such as name{label=\"value\"}, got '\(text)'")
            return nil
        }
        return SeriesLabels(selector.matchers.map { ($0.name, $0.value) })
    }
}
