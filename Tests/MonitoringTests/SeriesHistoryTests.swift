import DriftwatchTestSupport
import Foundation
import Monitoring
import Testing

@Suite struct SeriesHistoryTests {
    @Test func lookbackAndStalenessAsPrometheus() throws {
        let labels = SeriesLabels([("__name__", "x")])
        let history = SeriesHistory(
            series: [SeriesHistory.Series(labels: labels, points: try SeriesValuesNotation.parse("1 _ _ _ _ _ 2 stale _ 3"))], step: 60)
        func value(at time: Double) throws -> Double? {
            RuleEvaluator.evaluate(try RuleExpressionParser.parse("x > -1"), over: history.snapshot(at: time)).first?.value
        }
        #expect(try value(at: 0) == 1)
        #expect(try value(at: 240) == 1, "4 minutes after the sample: within the lookback")
        #expect(try value(at: 300) == 1, "5 minutes after: the lookback's bound is included")
        #expect(try value(at: 330) == nil)
        #expect(try value(at: 360) == 2)
        #expect(try value(at: 420) == nil, "a stale marker ends the series at once")
        #expect(try value(at: 480) == nil)
        #expect(try value(at: 540) == 3)
        #expect(try value(at: 840) == 3, "the last point holds past the end within the lookback")
        #expect(try value(at: 841) == nil)
    }

    /// promtool reads the same notation to the same samples at every 30 s from 0 to 20 minutes.
    @Test func promtoolSeesTheSameSamples() throws {
        let promtool = try #require(ExternalTool.locate("promtool"), "promtool is missing: `make test` installs Debian's prometheus package")
        let notations = ["1 _ _ _ _ _ 2 stale _ 3", "_x3 0.5+0.25x4 _ _ stale stale 7", "stale 1-1x2 _x6 4"]
        let history = SeriesHistory(
            series: try notations.enumerated().map { index, text in
                SeriesHistory.Series(labels: SeriesLabels([("__name__", "x"), ("n", "\(index)")]), points: try SeriesValuesNotation.parse(text))
            }, step: 60)
        let expression = try RuleExpressionParser.parse("x > -100")
        var tests = ""
        for halfMinute in 0...40 {
            let samples = RuleEvaluator.evaluate(expression, over: history.snapshot(at: Double(halfMinute) * 30))
            tests += "      - expr: 'x > -100'\n        eval_time: \(halfMinute * 30)s\n"
            tests += samples.isEmpty ? "        exp_samples: []\n" : "        exp_samples:\n" + samples.map {
                "          - labels: '\($0.labels.description)'\n            value: \(PrometheusNumber.text($0.value))\n"
            }.joined()
        }
        let input = zip(history.series, notations).map { "      - series: '\($0.labels.description)'\n        values: '\($1)'\n" }.joined()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("groups: []\n".utf8).write(to: directory.appendingPathComponent("rules.yml"))
        let file = directory.appendingPathComponent("history_test.yml")
        try Data("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n\(input)    promql_expr_test:\n\(tests)".utf8)
            .write(to: file)
        let run = try ExternalTool.run(promtool, ["test", "rules", file.path])
        #expect(run.status == 0, "\(run.output.prefix(3000))")
    }
}
