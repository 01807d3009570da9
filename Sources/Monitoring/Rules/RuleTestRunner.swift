/// Runs a `RuleTestCase` against alert rules the way `promtool test rules` runs Prometheus rules:
/// every rule is evaluated at 0, `evaluationInterval`, 2·`evaluationInterval`, … over the input
/// series (with Prometheus' lookback, `SeriesHistory`), and each check compares the firing alerts
/// (or an expression's result) at its time with the expected ones, whatever their order.
public enum RuleTestRunner {
    /// A check that did not hold, worded like promtool's report.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public let place: SourcePlace?
        public let message: String

        public var description: String { (place.map { "\($0): " } ?? "") + message }
    }

    public static func run(_ test: RuleTestCase, rules: [AlertRule], evaluationInterval: Double) -> [Failure] {
        var failures: [Failure] = []
        let lastTime = (test.alertChecks.map(\.evalTime) + test.expressionChecks.map(\.evalTime)).max() ?? 0
        var states = Dictionary(rules.map { ($0.name, AlertRuleState(rule: $0)) }) { first, _ in first }
        var firingAt: [Double: [String: [Alert]]] = [:]
        let checkTimes = Set(test.alertChecks.map(\.evalTime))
        var time = 0.0
        var step = 0
        while time <= lastTime {
            let snapshot = test.history.snapshot(at: time)
            for rule in rules {
                let candidates = rule.candidates(from: RuleEvaluator.evaluate(rule.expression, over: snapshot))
                do {
                    _ = try states[rule.name]!.evaluate(candidates, at: time)
                } catch {
                    failures.append(Failure(place: rule.place, message: "rule \(rule.name) at \(Self.duration(time)): \(error)"))
                }
            }
            // A check between two evaluations sees the state of the earlier one.
            let nextTime = Double(step + 1) * evaluationInterval
            for checkTime in checkTimes where checkTime >= time && checkTime < nextTime {
                firingAt[checkTime] = states.mapValues { $0.alerts.values.filter { $0.state == .firing } }
            }
            step += 1
            time = nextTime
        }
        for check in test.alertChecks {
            let got = (firingAt[check.evalTime]?[check.alertName] ?? []).map { alert in
                var labels = alert.labels
                labels["alertname"] = nil
                return RuleTestCase.ExpectedAlert(labels: labels, annotations: alert.annotations)
            }
            if Set(got) != Set(check.expected) || got.count != check.expected.count {
                failures.append(Failure(
                    place: check.place,
                    message: "alertname: \(check.alertName), time: \(Self.duration(check.evalTime)),\n"
                        + "    exp: \(Self.describe(check.expected))\n    got: \(Self.describe(got))"))
            }
        }
        for check in test.expressionChecks {
            let got = RuleEvaluator.evaluate(check.expression, over: test.history.snapshot(at: check.evalTime))
            if Set(got.map(Self.key)) != Set(check.expected.map(Self.key)) || got.count != check.expected.count {
                failures.append(Failure(
                    place: check.place,
                    message: "expr: \"\(check.text)\", time: \(Self.duration(check.evalTime)),\n"
                        + "    exp: \(Self.describe(check.expected))\n    got: \(Self.describe(got))"))
            }
        }
        return failures
    }

    /// A sample's labels and value's bits, so NaN equals NaN as promtool compares them.
    private static func key(_ sample: RuleSample) -> String {
        "\(sample.labels) \(sample.value.isNaN ? "NaN" : PrometheusNumber.text(sample.value))"
    }

    private static func describe(_ samples: [RuleSample]) -> String {
        samples.isEmpty ? "nil" : samples.map(key).sorted().joined(separator: ", ")
    }

    private static func describe(_ alerts: [RuleTestCase.ExpectedAlert]) -> String {
        guard !alerts.isEmpty else { return "[]" }
        return "[" + alerts.map { alert in
            let annotations = alert.annotations.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ")
            return "{labels: \(alert.labels), annotations: {\(annotations)}}"
        }.sorted().joined(separator: ", ") + "]"
    }

    private static func duration(_ seconds: Double) -> String {
        seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(PrometheusNumber.text(seconds))s"
    }
}
