import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

@testable import Monitoring

@Suite struct RuleEvaluatorTests {
    private static func sample(_ name: String, _ labels: [(String, String)], _ value: Double) -> RuleSample {
        RuleSample(labels: SeriesLabels([("__name__", name)] + labels), value: value)
    }

    private static let snapshot = SeriesSnapshot([
        sample("share", [("model", "fraud"), ("detector", "inputs")], 0.5),
        sample("share", [("model", "churn"), ("detector", "inputs")], 0.1),
        sample("share", [("model", "churn"), ("detector", "outputs")], .nan),
        sample("rows", [("model", "fraud")], 2000),
        sample("rows", [("model", "churn")], 50),
    ])

    private func run(_ text: String) throws -> [RuleSample] {
        RuleEvaluator.evaluate(try RuleExpressionParser.parse(text), over: Self.snapshot)
    }

    private func values(_ samples: [RuleSample]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.value) })
    }

    @Test func comparisonsFilterOrAnswerWithBool() throws {
        #expect(values(try run("share > 0.3")) == [#"share{detector="inputs", model="fraud"}"#: 0.5])
        // The number on the left: the element keeps its own value.
        #expect(values(try run("0.3 > share")) == [#"share{detector="inputs", model="churn"}"#: 0.1])
        // bool keeps every element as 0 or 1 and drops the name; NaN compares false.
        #expect(
            values(try run("share > bool 0.3")) == [
                #"{detector="inputs", model="fraud"}"#: 1, #"{detector="inputs", model="churn"}"#: 0,
                #"{detector="outputs", model="churn"}"#: 0,
            ])
        // NaN is unequal to everything.
        #expect(try run("share != 0.5").count == 2)
        #expect(try run("share == NaN").isEmpty)
    }

    @Test func setOperatorsMatchOnLabelsWithoutTheName() throws {
        #expect(try run("share > 0 and rows > 100").isEmpty, "no share series has exactly {model=\"fraud\"}")
        #expect(values(try run("share > 0 and on(model) rows > 100")) == [#"share{detector="inputs", model="fraud"}"#: 0.5])
        #expect(values(try run("share and ignoring(detector) rows > 100")) == [#"share{detector="inputs", model="fraud"}"#: 0.5])
        #expect(
            Set(values(try run("share unless on(model) rows > 100")).keys)
                == [#"share{detector="inputs", model="churn"}"#, #"share{detector="outputs", model="churn"}"#])
        let either = try run("rows > 1000 or on(model) share > 0")
        #expect(either.map(\.labels.description) == [#"rows{model="fraud"}"#, #"share{detector="inputs", model="churn"}"#])
    }

    @Test func aggregationsGroupAndComputeAsPromQL() throws {
        #expect(values(try run("count by (model) (share)")) == [#"{model="fraud"}"#: 1, #"{model="churn"}"#: 2])
        // min and max skip NaN unless it is all there is.
        #expect(values(try run("max by (model) (share)")) == [#"{model="fraud"}"#: 0.5, #"{model="churn"}"#: 0.1])
        #expect(values(try run("min without (model) (share{detector=\"inputs\"})")) == [#"{detector="inputs"}"#: 0.1])
        let outputs = try run("max(share{detector=\"outputs\"})")
        #expect(outputs.count == 1 && outputs[0].value.isNaN && outputs[0].labels.labels.isEmpty)
        // by a label some series lack: it stays absent.
        #expect(values(try run("sum by (detector) (rows)")) == ["{}": 2050])
        // A NaN met first gives way to the next value.
        let nanFirst = SeriesSnapshot([Self.sample("z", [("a", "1")], .nan), Self.sample("z", [("a", "2")], 3)])
        #expect(RuleEvaluator.evaluate(try RuleExpressionParser.parse("min(z)"), over: nanFirst).first?.value == 3)
        #expect(RuleEvaluator.evaluate(try RuleExpressionParser.parse("max(z)"), over: nanFirst).first?.value == 3)
        let means = SeriesSnapshot([
            Self.sample("x", [("a", "1")], .infinity), Self.sample("x", [("a", "2")], 5),
            Self.sample("y", [("a", "1")], 1e308), Self.sample("y", [("a", "2")], 1e308),
        ])
        #expect(RuleEvaluator.evaluate(try RuleExpressionParser.parse("avg(x)"), over: means).first?.value == .infinity)
        // Dividing before subtracting keeps the mean of two huge values finite.
        #expect(RuleEvaluator.evaluate(try RuleExpressionParser.parse("avg(y)"), over: means).first?.value == 1e308)
    }

    @Test func histogramsAndCountersAreSeenAsScraped() throws {
        var metrics = MetricSet()
        let requests = MetricDescriptor(name: "driftwatch_http_request_duration_seconds", type: .histogram, help: "h", unit: "seconds")
        try metrics.add(
            requests, labels: ["route": "/metrics"],
            histogram: Histogram(cumulative: [(0.005, 3), (1, 7), (.infinity, 8)], sum: 2.5, count: 8))
        let ingested = MetricDescriptor(name: "driftwatch_predictions_ingested_total", type: .counter, help: "c")
        try metrics.add(ingested, labels: ["model": "fraud"], value: 1200)
        let snapshot = SeriesSnapshot(metrics)
        func evaluate(_ text: String) throws -> [String: Double] {
            values(RuleEvaluator.evaluate(try RuleExpressionParser.parse(text), over: snapshot))
        }
        #expect(
            try evaluate("driftwatch_http_request_duration_seconds_bucket > 0") == [
                #"driftwatch_http_request_duration_seconds_bucket{le="0.005", route="/metrics"}"#: 3,
                #"driftwatch_http_request_duration_seconds_bucket{le="1.0", route="/metrics"}"#: 7,
                #"driftwatch_http_request_duration_seconds_bucket{le="+Inf", route="/metrics"}"#: 8,
            ])
        #expect(try evaluate("driftwatch_http_request_duration_seconds_count >= 8").count == 1)
        #expect(try evaluate("driftwatch_http_request_duration_seconds_sum == 2.5").count == 1)
        #expect(try evaluate("driftwatch_predictions_ingested_total > 1000") == [#"driftwatch_predictions_ingested_total{model="fraud"}"#: 1200])
    }

    @Test func seriesLabelsSortDropEmptyAndCompareBytes() {
        var labels = SeriesLabels([("b", "2"), ("a", "1"), ("__name__", "m"), ("c", "")])
        #expect(labels.labels.map(\.name) == ["__name__", "a", "b"])
        labels["a"] = ""
        #expect(labels["a"] == nil && labels.description == #"m{b="2"}"#)
        labels["z"] = "q\"uote"
        #expect(labels.description == #"m{b="2", z="q\"uote"}"#)
        #expect(SeriesLabels([("f", "\u{e9}")]) != SeriesLabels([("f", "e\u{301}")]))
        #expect(labels.withoutName.name == nil && labels.keeping(["b"]).labels.map(\.name) == ["b"])
    }

    /// The expressions' text round-trips through the parser, and real Prometheus (`promtool test
    /// rules`, Debian's 2.42) evaluates every one to exactly the samples driftwatch computes:
    /// 40 written by hand plus 200 drawn at random from the supported grammar.
    @Test func promtoolAgreesOnEveryExpression() throws {
        let promtool = try #require(ExternalTool.locate("promtool"), "promtool is missing: `make test` installs Debian's prometheus package")
        let series = PromtoolSeries.all
        let snapshot = SeriesSnapshot(series)
        var generator = SplitMix64(seed: 4_242)
        let expressions = PromtoolSeries.handWritten + (0..<200).map { _ in PromtoolSeries.randomVector(&generator, depth: 3) }
        var tests = ""
        for text in expressions {
            let parsed = try RuleExpressionParser.parse(text)
            #expect(try RuleExpressionParser.parse(parsed.description) == parsed, "round trip of \(text)")
            let samples = RuleEvaluator.evaluate(parsed, over: snapshot)
            tests += "      - expr: '\(parsed.description.replacingOccurrences(of: "'", with: "''"))'\n        eval_time: 0m\n"
            if samples.isEmpty {
                tests += "        exp_samples: []\n"
            } else {
                tests += "        exp_samples:\n"
                for sample in samples {
                    tests += "          - labels: '\(sample.labels.description)'\n            value: \(PrometheusNumber.text(sample.value))\n"
                }
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-promql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("groups: []\n".utf8).write(to: directory.appendingPathComponent("rules.yml"))
        let input = series.map { "      - series: '\($0.labels.description)'\n        values: '\(PrometheusNumber.text($0.value))'\n" }.joined()
        let file = "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n\(input)    promql_expr_test:\n\(tests)"
        let testFile = directory.appendingPathComponent("expressions_test.yml")
        try Data(file.utf8).write(to: testFile)
        let run = try ExternalTool.run(promtool, ["test", "rules", testFile.path])
        if run.status != 0 {
            // Prometheus' own `avg` rounds differently from run to run: promtool loads the input
            // series through a Go map, so the order it averages them in (which decides the last
            // bits of the incremental mean) is random. Only such differences are tolerated.
            let failures = PromtoolDiff.failures(in: run.output)
            #expect(!failures.isEmpty, "promtool failed without a diff:\n\(run.output.prefix(4000))")
            for failure in failures {
                let close = failure.expected.keys == failure.got.keys
                    && failure.expected.allSatisfy { abs($0.value - failure.got[$0.key]!) <= 1e-12 * max(1, abs($0.value)) }
                #expect(failure.expression.contains("avg") && close, "promtool disagrees on \(failure.expression):\n\(run.output.prefix(4000))")
            }
        }
        // The test bites: a wrong expectation fails.
        let broken = file.replacingOccurrences(of: "exp_samples: []", with: "exp_samples:\n          - labels: 'share{model=\"x\"}'\n            value: 1")
        try Data(broken.utf8).write(to: testFile)
        let brokenRun = try ExternalTool.run(promtool, ["test", "rules", testFile.path])
        #expect(brokenRun.status == 1)
        let bogus = SeriesLabels([("__name__", "share"), ("model", "x")])
        let caught = PromtoolDiff.failures(in: brokenRun.output).filter { $0.expected[bogus] == 1 && $0.got.isEmpty }
        #expect(!caught.isEmpty, "the diff of a wrong expectation was not read:\n\(brokenRun.output.prefix(2000))")
    }
}

/// The input series and expressions of the promtool cross-check.
private enum PromtoolSeries {
    static let models = ["fraud", "churn", "ltv"]
    static let features = ["amount", "age", "country"]
    static let values: [Double] = [0, 0.25, 0.5, 1, 2.5, -1, 1e6, 0.125]

    static let all: [RuleSample] = {
        var samples: [RuleSample] = []
        var index = 0
        func next() -> Double {
            defer { index += 1 }
            return values[(index * 5 + index / 3) % values.count]
        }
        for model in models {
            for feature in features {
                for detector in ["ks", "psi"] {
                    samples.append(RuleSample(labels: SeriesLabels([("__name__", "score"), ("model", model), ("feature", feature), ("detector", detector)]), value: next()))
                }
                samples.append(RuleSample(labels: SeriesLabels([("__name__", "missing"), ("model", model), ("feature", feature)]), value: next()))
            }
            samples.append(RuleSample(labels: SeriesLabels([("__name__", "rows"), ("model", model)]), value: [100, 5000, 20][models.firstIndex(of: model)!]))
            samples.append(RuleSample(labels: SeriesLabels([("__name__", "share"), ("model", model), ("detector", "drift")]), value: next()))
        }
        return samples
    }()

    static let handWritten = [
        "score > 0.3", "score >= 0.25", "0.3 < score", "score == 1", "score != 0", "score <= -1", "score > bool 0.3",
        "0.5 >= bool score", #"score{model="fraud"} > 0"#, #"score{model!="fraud", detector=~"k.*"} >= 0"#,
        #"score{feature!~"a.*"} < 1"#, #"{__name__=~"sc.*|rows", model="ltv"} > 0"#,
        "score > 0.2 and rows > 50", "score > 0.2 and on(model) rows > 50", "score and ignoring(feature, detector) rows > 1000",
        "score > 1 or missing > 0.2", "score > 1 or on(model) share > 0", "score unless on(model, feature) missing > 0.4",
        "share > 0 unless ignoring(detector) rows < 50", "missing > 0 or share > 0 and on(model) rows > 20",
        "sum(score)", "sum by (model) (score)", "avg by (model, detector) (score) > 0.2", "max without (feature) (score)",
        "min by (feature) (score)", "count without (detector, feature) (score > 0.25)", "count(score) > 5",
        "sum by (detector) (score > bool 0.3)", "max by (model) (missing) and on(model) rows > 50",
        "avg(score{detector=\"psi\"}) > 0", "sum without () (score)", "max(rows) >= 5000", "min by (nothing) (share)",
        "avg by (model) (score) > 0.2 or avg by (model) (missing) > 0.2", "(score > 0.3) > 0.6", "score > 0.3 > 0.6",
        "sum by (model) (score) > bool 1", "count by (model) (missing > 0) unless on(model) rows > 4000",
        "-1 < score", "rows > 1e3",
    ]

    static func pick<T>(_ choices: [T], _ generator: inout SplitMix64) -> T {
        choices[Int(generator.next() % UInt64(choices.count))]
    }

    static func randomVector(_ generator: inout SplitMix64, depth: Int) -> String {
        let labels = ["model", "feature", "detector"]
        switch depth <= 0 ? 0 : generator.next() % 4 {
        case 0:
            let name = pick(["score", "missing", "rows", "share"], &generator)
            let matchers: [String] = generator.next() % 2 == 0 ? [] : [
                "\(pick(labels, &generator))\(pick(["=", "!=", "=~", "!~"], &generator))\"\(pick(models + features + ["k.*", "a.*|fraud", ""], &generator))\""
            ]
            let selector = matchers.isEmpty ? name : "\(name){\(matchers.joined(separator: ", "))}"
            return "\(selector) \(pick(ComparisonOperator.allCases.map(\.rawValue), &generator)) \(PrometheusNumber.text(pick(values, &generator)))"
        case 1:
            let number = PrometheusNumber.text(pick(values, &generator))
            let comparison = pick(ComparisonOperator.allCases.map(\.rawValue), &generator) + (generator.next() % 3 == 0 ? " bool" : "")
            let inner = randomVector(&generator, depth: depth - 1)
            return generator.next() % 2 == 0 ? "(\(inner)) \(comparison) \(number)" : "\(number) \(comparison) (\(inner))"
        case 2:
            let operation = pick(["and", "or", "unless"], &generator)
            let matching = pick(["", " on(model)", " on(model, feature)", " ignoring(detector)", " on()"], &generator)
            return "(\(randomVector(&generator, depth: depth - 1))) \(operation)\(matching) (\(randomVector(&generator, depth: depth - 1)))"
        default:
            let operation = pick(AggregationOperator.allCases.map(\.rawValue), &generator)
            let grouping = pick(["", "by (model)", "by (feature, detector)", "without (feature)", "without (model, detector)"], &generator)
            return "\(operation) \(grouping) (\(randomVector(&generator, depth: depth - 1)))"
        }
    }
}

/// The FAILED blocks of `promtool test rules` output: each expression with the samples expected and
/// those Prometheus computed, keyed by their label sets (name as `__name__`).
private enum PromtoolDiff {
    struct Failure {
        let expression: String
        let expected: [SeriesLabels: Double]
        let got: [SeriesLabels: Double]
    }

    static func failures(in output: String) -> [Failure] {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var failures: [Failure] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("expr: \"") && index + 2 < lines.count {
            guard let end = line.range(of: "\", time:") else { continue }
            let expression = String(line[line.index(line.startIndex, offsetBy: 7)..<end.lowerBound])
            failures.append(Failure(
                expression: expression, expected: samples(lines[index + 1].dropFirst(5)), got: samples(lines[index + 2].dropFirst(5))))
        }
        return failures
    }

    /// `{a="x", __name__="m"} 1E+00, {…} 2E+00`, or `nil`.
    private static func samples(_ text: Substring) -> [SeriesLabels: Double] {
        var result: [SeriesLabels: Double] = [:]
        let sample = #/([a-zA-Z_:]*)\{([^}]*)\} (\S+?)(,|$)/#
        let pair = #/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/#
        for match in text.matches(of: sample) {
            var pairs = match.output.2.matches(of: pair).map { (String($0.output.1), String($0.output.2)) }
            if !match.output.1.isEmpty { pairs.append(("__name__", String(match.output.1))) }
            result[SeriesLabels(pairs)] = Double(match.output.3)
        }
        return result
    }
}
