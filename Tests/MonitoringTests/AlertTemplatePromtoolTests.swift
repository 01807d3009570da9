import DriftwatchTestSupport
import Foundation
@testable import Monitoring
import Testing

/// ``AlertTemplate`` checked against the real Prometheus: `promtool test rules` (Debian's 2.42)
/// evaluates alert rules whose annotations are the templates below, one rule per value, and
/// compares every annotation with what ``AlertTemplate/render(labels:value:)`` gives for the
/// same labels and value. promtool compares exactly, so one differing character fails the run
/// and its output shows the expected and the actual alert. A missing promtool is a failure with
/// instructions, never a skip.
@Suite struct AlertTemplatePromtoolTests {
    /// The labels of every test series besides `case`; Prometheus adds `__name__` to `$labels`
    /// because the rule's expression selects the series by name.
    static let seriesLabels = [
        "job": "api", "instance": "host-1.example.com:9090", "host": "db-12", "bytes": "1536",
        "ratio": "0.25", "message": "hello wORLD, don't panic", "city": "Zürich 日本",
    ]

    /// Edge values: zero, negatives, tiny and huge magnitudes, a float above 2^53, NaN, ±Inf,
    /// fractional seconds and a Unix timestamp.
    static let values: [Double] = [
        0, -1.5, 0.3, 1e6, 100_000, 123_456.789, 1e-30, 1e30, 9_007_199_254_740_994, .nan, .infinity, -.infinity,
        86_400.75, 1.5e9, 0.000123, 59.9999, -0.004,
    ]

    /// Every humanize function, `printf` verbs with flags, width and precision, label access
    /// (present, missing, via `index`, via `.Labels`), the whole label map, pipelines,
    /// parenthesized pipelines, string functions, regular expressions, literals, trim markers,
    /// comments, and `if`/`else` with comparisons (NaN among the values). Each is rendered between brackets so that an empty or space-edged result
    /// still shows.
    static let templates = [
        "{{ $value }}", "{{ .Value }}",
        "{{ humanize $value }}", "{{ humanize1024 $value }}", "{{ humanizeDuration $value }}",
        "{{ humanizePercentage $value }}", "{{ humanizeTimestamp $value }}",
        "{{ printf \"%.2f\" $value }}", "{{ $value | printf \"%.3e\" }}", "{{ printf \"%g|%G|%v\" $value $value $value }}",
        "{{ printf \"%8.3f|%-9.2e|%+.1f|% .4g\" $value $value $value $value }}", "{{ printf \"%x|%X|%.3x\" $value $value $value }}",
        "{{ printf \"%d|%s|%q\" $value $value $value }}", "{{ printf \"%v %s\" $value }}", "{{ printf \"%5.1f%%\" $value }}",
        "{{ printf \"%#g|%#.3g|%08.3f|%.0f|%.12g\" $value $value $value $value $value }}", "{{ printf \"%T %b\" $value $value }}",
        "{{ printf \"%[2]v/%[1]v\" $value \"x\" }}", "{{ printf \"%*d|%-*d|\" 6 42 4 7 }}", "{{ printf \"%d\" 1 2 }}",
        "{{ printf \"%c%c|%q|%U|%#x|%o|%b\" 65 0x1F600 233 233 255 8 5 }}", "{{ printf \"%5t|%v\" true (match \"a\" \"b\") }}",
        "{{ $labels.job }}", "{{ .Labels.instance }}", "{{ $labels.missing }}", "{{ index $labels \"job\" }}",
        "{{ index $labels \"nope\" }}", "{{ $labels }}", "{{ printf \"%q\" $labels }}", "{{ $externalLabels }}{{ $externalURL }}",
        "{{ $labels.job | toUpper }}", "{{ $value | humanize | printf \"%s!\" }}", "{{ (printf \"%.1f\" $value) | printf \"%6s\" }}",
        "{{ $labels.instance | stripPort }}", "{{ stripDomain $labels.instance }}", "{{ stripDomain \"10.0.0.1:80\" }}",
        "{{ reReplaceAll \"(.*)-(\\\\d+)\" \"$2/${1}\" $labels.host }}", "{{ reReplaceAll \"a*\" \"X\" \"baaac\" }}",
        "{{ match \"^a.i$\" $labels.job }}", "{{ title $labels.message }}", "{{ toLower \"ÀÉ\" }}|{{ toUpper $labels.city }}",
        "{{ safeHtml \"<b>bold</b>\" }}", "{{ $labels.bytes | humanize1024 }}", "{{ humanizePercentage $labels.ratio }}",
        "{{ humanize \"1.5e3\" }}|{{ humanizeDuration 3725.5 }}|{{ humanize 0.000012 }}",
        "a  {{- $labels.job -}}  b", "{{/* a comment */}}c{{- /* trimmed */ -}} d",
        "{{ 1e3 }} {{ 0x1F }} {{ 'a' }} {{ 1_000 }} {{ -0.5 }} {{ true }}", "{{ \"tab\\there\" | printf \"%q\" }} {{ `raw \\n` }}",
        "{{ if gt $value 100.0 }}big{{ else if lt $value 0.0 }}negative{{ else }}small{{ end }}",
        "{{ if $value }}nonzero{{ else }}zero{{ end }}|{{ if and (eq $labels.job \"api\") (ge $value 0.3) }}page{{ end }}",
        "{{ if $labels.missing }}x{{ else }}{{ or $labels.missing \"default\" }}{{ end }}|{{ not (match \"^a\" $labels.job) }}",
    ]

    @Test func annotationsMatchPrometheus() throws {
        let promtool = try ExpositionParsers.promtool()
        let scratch = try ScratchDirectory()
        var failures: [(rule: String, template: String, labels: [String: String], value: Double, rendered: String)] = []
        var rules: [[String: Any]] = []
        var series: [[String: String]] = []
        var expectations: [[String: Any]] = []
        var compared = 0
        let parsed = try Self.templates.map { try AlertTemplate("[" + $0 + "]") }
        for (position, value) in Self.values.enumerated() {
            let caseLabel = "v\(position)"
            var labels = Self.seriesLabels
            labels["case"] = caseLabel
            let alertLabels = labels
            labels["__name__"] = "tmpl_case"
            var annotations: [String: String] = [:]
            for (index, template) in parsed.enumerated() {
                let rendered = template.render(labels: labels, value: value)
                if rendered.hasPrefix("<error expanding template: ") {
                    failures.append(("E\(position)_\(index)", template.text, labels, value, rendered))
                } else {
                    annotations["t\(index)"] = rendered
                }
            }
            compared += annotations.count
            let rule = "T\(position)"
            rules.append([
                "alert": rule, "expr": "tmpl_case{case=\"\(caseLabel)\"}", "for": "0m",
                "annotations": Dictionary(uniqueKeysWithValues: parsed.indices.map { ("t\($0)", parsed[$0].text) })
                    .filter { annotations[$0.key] != nil },
            ])
            series.append(["series": Self.selector(alertLabels, name: "tmpl_case"), "values": Self.seriesValue(value)])
            expectations.append(["eval_time": "0m", "alertname": rule, "exp_alerts": [["exp_labels": alertLabels, "exp_annotations": annotations]]])
        }
        #expect(compared >= 40, "too few template/value combinations were compared: \(compared)")

        let run = try Self.runPromtool(promtool, in: scratch, rules: rules, series: series, tests: expectations)
        #expect(run.status == 0, "promtool test rules disagrees with AlertTemplate:\n\(run.output)")

        try checkFailuresMatchPrometheus(failures, promtool: promtool)
    }

    /// Where a render fails (a timestamp beyond int64 nanoseconds), Prometheus' annotation is
    /// ours with the rule name and template position added after `<error expanding template: `.
    private func checkFailuresMatchPrometheus(
        _ failures: [(rule: String, template: String, labels: [String: String], value: Double, rendered: String)], promtool: String
    ) throws {
        #expect(!failures.isEmpty, "the edge values should make humanizeTimestamp fail at least once")
        let scratch = try ScratchDirectory()
        var rules: [[String: Any]] = []
        var series: [[String: String]] = []
        var expectations: [[String: Any]] = []
        for (position, failure) in failures.enumerated() {
            var labels = failure.labels
            labels["__name__"] = nil
            labels["case"] = "e\(position)"
            rules.append(["alert": failure.rule, "expr": "tmpl_case{case=\"e\(position)\"}", "annotations": ["e": failure.template]])
            series.append(["series": Self.selector(labels, name: "tmpl_case"), "values": Self.seriesValue(failure.value)])
            expectations.append(["eval_time": "0m", "alertname": failure.rule, "exp_alerts": [[String: Any]]()])
        }
        let run = try Self.runPromtool(promtool, in: scratch, rules: rules, series: series, tests: expectations)
        #expect(run.status == 1, "every alert fires, so every empty expectation fails:\n\(run.output)")
        for failure in failures {
            let detail = failure.rendered.dropFirst("<error expanding template: ".count)
            let prometheusPrefix = "<error expanding template: error executing template __alert_\(failure.rule): template: __alert_\(failure.rule):"
            let quotedPrefix = String(GoQuote.quote(prometheusPrefix).dropLast())
            let quotedDetail = String(GoQuote.quote(": " + detail).dropFirst())
            let line = run.output.split(separator: "\n").first { $0.contains(quotedPrefix) }
            #expect(line?.contains(quotedDetail) == true, "\(failure.rule) \(failure.template): want …\(detail) in\n\(run.output)")
        }
    }

    /// The check has teeth: one wrong character in one expected annotation fails the run.
    @Test func promtoolRejectsAWrongExpectation() throws {
        let promtool = try ExpositionParsers.promtool()
        let scratch = try ScratchDirectory()
        let template = try AlertTemplate("{{ $value | humanize }}")
        let wrong = template.render(labels: [:], value: 1234) + " "
        let run = try Self.runPromtool(
            promtool, in: scratch,
            rules: [["alert": "Wrong", "expr": "tmpl_case{case=\"w\"}", "annotations": ["a": template.text]]],
            series: [["series": "tmpl_case{case=\"w\"}", "values": "1234"]],
            tests: [["eval_time": "0m", "alertname": "Wrong", "exp_alerts": [["exp_labels": ["case": "w"], "exp_annotations": ["a": wrong]]]]])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("1.234k"), "\(run.output)")
    }

    /// Writes the rule file and the unit-test file (JSON, which YAML reads) and runs promtool.
    private static func runPromtool(
        _ promtool: String, in scratch: ScratchDirectory, rules: [[String: Any]], series: [[String: String]], tests: [[String: Any]]
    ) throws -> ExternalTool.Run {
        let ruleFile: [String: Any] = ["groups": [["name": "alert-templates", "interval": "1m", "rules": rules]]]
        let testFile: [String: Any] = [
            "rule_files": ["rules.yml"], "evaluation_interval": "1m",
            "tests": [["interval": "1m", "input_series": series, "alert_rule_test": tests]],
        ]
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try JSONSerialization.data(withJSONObject: ruleFile, options: options).write(to: scratch.url.appendingPathComponent("rules.yml"))
        try JSONSerialization.data(withJSONObject: testFile, options: options).write(to: scratch.url.appendingPathComponent("tests.yml"))
        return try ExternalTool.run(promtool, ["test", "rules", scratch.url.appendingPathComponent("tests.yml").path])
    }

    /// `name{a="x",…}` with PromQL string escapes.
    private static func selector(_ labels: [String: String], name: String) -> String {
        let pairs = labels.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return name + "{" + pairs.joined(separator: ",") + "}"
    }

    /// One sample in promtool's series notation, which reads `Inf`, `-Inf` and `NaN` and
    /// Go-style floats.
    private static func seriesValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        return PrometheusNumber.text(value)
    }
}
